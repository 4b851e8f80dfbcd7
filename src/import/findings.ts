/**
 * What a capture suggests beyond what it shows, always marked as inferred: like Wireshark's FTP
 * dissector, a PORT or 227 address that differs from the control connection's peer (NAT in the path);
 * a SYN sent again and again and never answered; a reset where a data connection was expected; the
 * usual causes of 425 and of `500 Illegal PORT`. Each finding carries an i18n key and params for the app
 * (`capture.finding.<kind>`) and the same sentence in plain English for the command line.
 */
import type { Params } from './captureError';

/** `data-1` → "data connection #1" for the English sentence (the app says it in the reader's language). */
const connWords = (conn: string | number): string =>
  String(conn).replace(/^data-(\d+)$/, 'data connection #$1');

const FINDINGS = {
  natPortAddress: (p: Params) =>
    `Inferred: the client announced ${p.announced} in ${p.command}, but its packets come from ${p.seen}. Something between the client and this capture point (a NAT router) rewrote the packets' source address but not the address written in the command.`,
  natPassivePrivate: (p: Params) =>
    `Inferred: the server announced ${p.announced} in its ${p.code} reply, but the client reaches it at ${p.seen}. The server sits behind NAT and announces its own private address, which a client on the Internet cannot reach.`,
  natPassivePublic: (p: Params) =>
    `Inferred: the server at ${p.seen} announced ${p.announced} in its ${p.code} reply: it sits behind NAT and announces the router's public address, so clients outside reach its passive port through port forwarding.`,
  synUnansweredHere: (p: Params) =>
    `Inferred: the SYN of ${connWords(p.conn ?? '')} from ${p.from} to ${p.to} reached this host's interface ${p.count} times over ${p.seconds} s and was never answered: a firewall on this host most likely dropped it (to a stateful firewall it is a new incoming connection).`,
  synUnansweredAway: (p: Params) =>
    `Inferred: ${p.from} sent the SYN of ${connWords(p.conn ?? '')} to ${p.to} ${p.count} times over ${p.seconds} s and never got an answer: something between the hosts dropped it (a firewall on the way or on the other host, or a NAT router with no mapping for it).`,
  resetInsteadOfConnection: (p: Params) =>
    `Inferred: ${p.by} answered the SYN of ${connWords(p.conn ?? '')} (${p.from} to ${p.to}) with a reset (RST): nothing was listening at that address, or a firewall rejected the connection instead of dropping it.`,
  reply425Active: (p: Params) =>
    `Inferred: the server replied “${p.code} ${p.text}”: in active mode this usually means the server could not connect to the client: a firewall or a NAT router on the client's side blocked its SYN.`,
  reply425Passive: (p: Params) =>
    `Inferred: the server replied “${p.code} ${p.text}”: in passive mode this usually means the client never connected to the announced port in time: a firewall in front of the server lets in only port 21, or NAT put a private address in the 227 reply.`,
  illegalPort: (p: Params) =>
    `Inferred: the server refused ${p.command} with “${p.code} ${p.text}”: the address in the command is not the one the control connection comes from: usually a NAT router changed the packets' source address but not the text of the command (no FTP helper), and the server refuses it to prevent FTP bounce attacks.`,
  captureGap: (p: Params) =>
    `The capture missed ${p.bytes} bytes of the control connection (packets the capture tool dropped): some commands or replies may be incomplete.`,
} satisfies Record<string, (p: Params) => string>;

export type FindingKind = keyof typeof FINDINGS;
export const FINDING_KINDS = Object.keys(FINDINGS) as FindingKind[];

export interface Finding {
  readonly kind: FindingKind;
  /** Every finding is an inference from the capture, not something it shows directly. */
  readonly inferred: true;
  /** `capture.finding.<kind>`. */
  readonly key: string;
  readonly params: Params;
  /** The same in plain English. */
  readonly message: string;
  /** The frame the finding is about, when it points at one. */
  readonly frame?: number;
}

export function finding(kind: FindingKind, params: Params, frame?: number): Finding {
  return {
    kind,
    inferred: true,
    key: `capture.finding.${kind}`,
    params,
    message: FINDINGS[kind](params),
    ...(frame !== undefined ? { frame } : {}),
  };
}
