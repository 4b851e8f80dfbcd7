import type { VirtualTime } from '../clock/virtualTime';
import type { FtpCommand, FtpReply } from '../ftp/messages';
import type { Endpoint } from '../net/address';
import type { TcpSegment } from '../tcp/segment';
import type { TlsRecord } from '../tls/records';

export type HostId = 'client' | 'server';
/** Every box a packet can cross, in path order from the client to the server. */
export type DeviceId = 'client' | 'client-router' | 'internet' | 'server-router' | 'server';
export const DEVICE_PATH: readonly DeviceId[] = [
  'client',
  'client-router',
  'internet',
  'server-router',
  'server',
];

/** The control connection, or the k-th data connection attempt (1-based). */
export type ConnId = 'control' | `data-${number}`;

/** What a narration line needs: an i18n key and the values it interpolates. Never a sentence. */
export interface Narration {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** The segment as a capture on one host's interface would record it. */
export interface SegmentView {
  readonly at: VirtualTime;
  readonly segment: TcpSegment;
}

export type PacketFate =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'dropped'; readonly device: DeviceId; readonly rule: RuleRef }
  /** Reached a device whose own stack has no such socket and answers RST (a router port nothing forwards). */
  | { readonly kind: 'refused'; readonly device: DeviceId }
  /**
   * Only in a session read from a capture: no answer to it was captured (a SYN sent again or never
   * answered, data never acknowledged), so whether it arrived is unknown. `device` is the host it was
   * sent to: the capture shows it on its way there (or, captured there, reaching the interface), not
   * whether anything received it.
   */
  | { readonly kind: 'unanswered'; readonly device: DeviceId };

/** Where a capture was taken: on one host's interface, or somewhere between the hosts (a router, a tap). */
export type CapturePointId = HostId | 'between';

/** A packet read from a capture file rather than simulated. */
export interface PacketCapture {
  readonly point: CapturePointId;
  /** Its frame number in the file (as Wireshark numbers them). */
  readonly frame: number;
}

/** A firewall or routing rule, named the way `iptables -S` would print it. */
export interface RuleRef {
  readonly device: DeviceId;
  readonly chain: 'INPUT' | 'FORWARD' | 'PREROUTING' | 'ROUTING';
  /** Stable id for tests and i18n, e.g. `policy-drop`, `ct-established-related`. */
  readonly id: RuleId;
  /** The rule as an administrator writes it, e.g. `-A INPUT -p tcp --dport 21 -j ACCEPT`. */
  readonly text: string;
}

export type RuleId =
  | 'ct-established-related'
  | 'lan-outbound'
  | 'dport-21'
  | 'dport-passive-range'
  | 'dnat-21'
  | 'dnat-passive-range'
  | 'policy-accept'
  | 'policy-drop'
  | 'no-route-private';

export interface Packet {
  /** Unique within one simulation; fw/nat events point back to it. */
  readonly id: number;
  readonly conn: ConnId;
  /** A host, or a router whose own stack answers (a RST for a port nothing forwards). */
  readonly from: DeviceId;
  /** The segment exactly as its sender emitted it. */
  readonly segment: TcpSegment;
  /** The segment as each host's interface saw it (absent where it never arrived). */
  readonly views: { readonly client?: SegmentView; readonly server?: SegmentView };
  readonly fate: PacketFate;
  /** 0 for a first transmission, n for the n-th retransmission of the same segment. */
  readonly retransmission: number;
  /**
   * Explicit FTPS: the TLS records that make up the payload, each with what its two ends know it carries
   * (on the wire an encrypted record shows only its type and length).
   */
  readonly tls?: readonly TlsRecord[];
  /**
   * Read from a capture (absent in a simulation). `views` then holds only the capture point's view, and
   * `fate` is what the capture shows (delivered when answered, else unanswered), never a firewall's rule.
   */
  readonly captured?: PacketCapture;
}

interface Base {
  /** Position in the event list. */
  readonly index: number;
  readonly at: VirtualTime;
  readonly narration: Narration;
}

export type ConntrackState = 'new' | 'established' | 'related';

export type FirewallVerdict =
  | { readonly action: 'accept'; readonly state: ConntrackState; readonly rule: RuleRef }
  | { readonly action: 'drop'; readonly state: ConntrackState; readonly rule: RuleRef };

export interface ConntrackExpectation {
  readonly device: DeviceId;
  /** Who may open the expected connection (the port is free). */
  readonly sourceIp: string;
  readonly destination: Endpoint;
  /** Behind NAT, where the router will send it. */
  readonly translatedTo?: Endpoint;
  readonly reason: 'PORT' | 'EPRT' | '227' | '229';
}

export type TimerId =
  /** vsftpd connect_timeout: active mode, the server gives up reaching the client. */
  | 'server-connect-timeout'
  /** vsftpd accept_timeout: passive mode, nobody connected to the announced port. */
  | 'server-accept-timeout'
  /** The client gives up connecting to the passive port. */
  | 'client-connect-timeout'
  /** The kernel ran out of SYN retries (tcp_syn_retries) before the application's own time-out. */
  | 'syn-retries-exhausted'
  /** vsftpd idle_session_timeout: no command came; vsftpd says 421 and ends the session. */
  | 'server-idle-timeout'
  /** vsftpd data_connection_timeout: the transfer made no progress; 421 and the session ends. */
  | 'server-data-timeout';

export type FailureReason =
  | 'data-syn-dropped'
  | 'port-rejected'
  | 'file-unavailable'
  | 'permission-denied'
  | 'connection-refused'
  /** The 227 on IPv6 announced 0.0.0.0, this host: the client's connect() was refused on its own machine. */
  | 'unspecified-address'
  /** vsftpd will not let an anonymous upload replace an existing file. */
  | 'cannot-create'
  /** vsftpd ended the session (421) before the transfer: no command came within idle_session_timeout. */
  | 'session-timeout'
  /** vsftpd ended the session (421) during the transfer: no data within data_connection_timeout. */
  | 'data-timeout';

export interface TransferSummary {
  readonly index: number;
  readonly command: string;
  readonly outcome: 'success' | 'failed';
  /** The reply codes the server sent for this transfer, from PORT/PASV/EPRT/EPSV on, in order. */
  readonly replyCodes: readonly number[];
  readonly reason?: FailureReason;
  /** The packet where it went wrong: the first dropped or refused SYN, or the refusing reply. */
  readonly failedPacket?: number;
}

export type StepEvent =
  | (Base & { readonly kind: 'tcp/segment-sent'; readonly packet: Packet })
  | (Base & { readonly kind: 'ftp/command-sent'; readonly packet: Packet; readonly command: FtpCommand })
  | (Base & { readonly kind: 'ftp/reply-sent'; readonly packet: Packet; readonly reply: FtpReply })
  | (Base & {
      readonly kind: 'fw/verdict';
      readonly conn: ConnId;
      readonly packetId: number;
      readonly device: DeviceId;
      /** The packet's addresses as they reached this device. */
      readonly tuple: { readonly src: Endpoint; readonly dst: Endpoint };
      readonly verdict: FirewallVerdict;
    })
  | (Base & {
      readonly kind: 'nat/translated';
      readonly conn: ConnId;
      readonly packetId: number;
      readonly device: DeviceId;
      readonly type: 'snat' | 'dnat';
      readonly before: { readonly src: Endpoint; readonly dst: Endpoint };
      readonly after: { readonly src: Endpoint; readonly dst: Endpoint };
    })
  | (Base & {
      readonly kind: 'nat/payload-rewritten';
      readonly conn: ConnId;
      readonly packetId: number;
      readonly device: DeviceId;
      readonly before: string;
      readonly after: string;
      /** How much longer (or shorter) the payload became: later sequence numbers shift by this much. */
      readonly sizeDelta: number;
    })
  | (Base & {
      readonly kind: 'conntrack/expectation-created';
      readonly conn: ConnId;
      readonly expectation: ConntrackExpectation;
    })
  /**
   * Explicit FTPS: a box whose FTP helper would have read this control-connection line (PORT/EPRT from the
   * client, 227/229 from the server) sees only a TLS record: no expectation, no rewriting.
   */
  | (Base & {
      readonly kind: 'conntrack/helper-blind';
      readonly conn: ConnId;
      readonly packetId: number;
      readonly device: DeviceId;
      /** The line the helper would have read, and what it would have expected from it. */
      readonly line: string;
      readonly reason: ConntrackExpectation['reason'];
    })
  | (Base & {
      readonly kind: 'socket/listening';
      readonly host: HostId;
      readonly conn: ConnId;
      readonly endpoint: Endpoint;
    })
  | (Base & {
      readonly kind: 'socket/closed';
      readonly host: HostId;
      readonly conn: ConnId;
      readonly endpoint: Endpoint;
    })
  | (Base & {
      readonly kind: 'timer/expired';
      readonly host: HostId;
      readonly conn: ConnId;
      readonly timer: TimerId;
      readonly after: number;
    })
  | (Base & { readonly kind: 'transfer/finished'; readonly transfer: TransferSummary })
  | (Base & {
      readonly kind: 'session/finished';
      readonly outcome: 'success' | 'failed';
      /** A client program that reports its result (curl): what the user sees in the terminal. */
      readonly client?: ClientExit;
    });

/** curl's exit status (0 when the last transfer worked) and every error line it printed, in order. */
export interface ClientExit {
  readonly program: 'curl';
  readonly status: number;
  readonly errors: readonly string[];
}

export type StepEventKind = StepEvent['kind'];
export type PacketEvent = Extract<StepEvent, { packet: Packet }>;

export function isPacketEvent(e: StepEvent): e is PacketEvent {
  return 'packet' in e;
}

/**
 * The event of a packet, e.g. to point at the packet where a transfer failed. Here with the events, not
 * with `simulate`: the app's first screen reads the events it is handed without loading the simulation.
 */
export function eventOfPacket(events: readonly StepEvent[], packetId: number): StepEvent | undefined {
  return events.find((e) => isPacketEvent(e) && e.packet.id === packetId);
}

/** The connection an event belongs to, where it has one. */
export function eventConn(e: StepEvent): ConnId | undefined {
  if (isPacketEvent(e)) return e.packet.conn;
  return 'conn' in e ? e.conn : undefined;
}

/** An event as the simulation produces it, before the log numbers and narrates it. */
export type DraftEvent = StepEvent extends infer E
  ? E extends StepEvent
    ? Omit<E, 'index' | 'narration'>
    : never
  : never;
