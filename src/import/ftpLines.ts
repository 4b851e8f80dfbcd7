/**
 * The FTP control connection's text: lines (RFC 959 §4: Telnet end-of-line, CRLF), commands with their
 * data addresses (PORT, EPRT of RFC 2428 with IPv4 or IPv6), replies with multi-line ones collected
 * (§4.2) and the addresses 227 and 229 announce.
 */
import { decodeHostPort, type Endpoint, type IpAddress, type Ipv4, type Ipv6 } from '../engine';
import { CAPTURE_LIMITS } from './limits';
import { ipv6Text } from './linkLayer';

export interface FtpCommandLine {
  readonly kind: 'command';
  /** When the packet that completed the line was captured (µs, the capture's clock). */
  readonly at: number;
  readonly frame: number;
  /** Upper-cased, e.g. `PORT`. */
  readonly verb: string;
  readonly argument?: string;
  /** The line as sent, without CRLF. */
  readonly line: string;
  /** PORT/EPRT: the data address the client announced (undefined if the argument does not parse). */
  readonly address?: Endpoint;
}

export interface FtpReplyLine {
  readonly kind: 'reply';
  readonly at: number;
  readonly frame: number;
  /** 0 if the line does not start with a three-digit code. */
  readonly code: number;
  /** The text after the code; a multi-line reply's lines joined with `\n`. */
  readonly text: string;
  /** Every line of the reply as sent, without CRLF. */
  readonly lines: readonly string[];
  /** 227: the announced address; 229: the control connection's server address with the announced port. */
  readonly address?: Endpoint;
  /** 229: the announced port alone. */
  readonly port?: number;
}

export type FtpLine = FtpCommandLine | FtpReplyLine;

/** Where a line ended: the packet that completed it. */
export interface LineTag {
  readonly at: number;
  readonly frame: number;
}

/** Splits one direction's bytes into lines; a line cut by a capture gap is dropped, not glued to the next. */
export class LineSplitter {
  private partial = '';
  private overlong = false;

  push(bytes: Uint8Array, afterGap: boolean): string[] {
    if (afterGap) {
      this.partial = '';
      this.overlong = false;
    }
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 0x0a) continue;
      this.append(bytes, start, i);
      lines.push(this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial);
      this.partial = '';
      this.overlong = false;
      start = i + 1;
    }
    this.append(bytes, start, bytes.length);
    return lines;
  }

  private append(bytes: Uint8Array, from: number, to: number): void {
    if (this.overlong || to <= from) return;
    const room = CAPTURE_LIMITS.maxLineBytes - this.partial.length;
    const end = Math.min(to, from + room);
    for (let i = from; i < end; i += 4096)
      this.partial += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
    if (end < to) this.overlong = true;
  }
}

/** A command line as the client sent it; the verb upper-cased (commands are case-insensitive, §5.3). */
export function parseCommand(line: string, tag: LineTag): FtpCommandLine {
  const space = line.indexOf(' ');
  const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const argument = space < 0 ? undefined : line.slice(space + 1);
  let address: Endpoint | undefined;
  if (verb === 'PORT' && argument !== undefined) address = decodeHostPort(argument);
  if ((verb === 'EPRT' || verb === 'LPRT') && argument !== undefined)
    address = decodeExtendedAddress(argument);
  return {
    kind: 'command',
    at: tag.at,
    frame: tag.frame,
    verb,
    ...(argument !== undefined ? { argument } : {}),
    line,
    ...(address ? { address } : {}),
  };
}

/** Whether a line looks like an FTP command: a verb of 3–4 letters, alone or followed by a space. */
export function looksLikeCommand(line: string): boolean {
  return /^[A-Za-z]{3,4}( |$)/.test(line);
}

/** The commands that open an FTP dialogue (and not an SMTP one, which also greets with 220). */
export const OPENING_COMMANDS = new Set([
  'USER',
  'AUTH',
  'FEAT',
  'SYST',
  'OPTS',
  'PASS',
  'ACCT',
  'HOST',
  'CLNT',
]);

/** Collects reply lines into replies: a multi-line reply ends with its code and a space (RFC 959 §4.2). */
export class ReplyAssembler {
  private pending: { code: number; lines: string[]; tag: LineTag } | undefined;

  constructor(private readonly serverIp: () => IpAddress) {}

  push(line: string, tag: LineTag): FtpReplyLine | undefined {
    const pending = this.pending;
    if (pending) {
      if (pending.lines.length < 256) pending.lines.push(line);
      if (line.startsWith(`${pending.code} `) || line === String(pending.code)) {
        this.pending = undefined;
        return this.reply(pending.code, pending.lines, tag);
      }
      return undefined;
    }
    const m = /^(\d{3})([ -]?)/.exec(line);
    if (!m) return this.reply(0, [line], tag);
    const code = Number(m[1]);
    if (m[2] === '-') {
      this.pending = { code, lines: [line], tag };
      return undefined;
    }
    return this.reply(code, [line], tag);
  }

  private reply(code: number, lines: string[], tag: LineTag): FtpReplyLine {
    const text = lines
      .map((l, i) =>
        code !== 0 && (i === 0 || l.startsWith(`${code} `) || l.startsWith(`${code}-`)) ? l.slice(4) : l,
      )
      .join('\n');
    let address: Endpoint | undefined;
    let port: number | undefined;
    if (code === 227) address = decodeHostPort(text);
    if (code === 229) {
      port = decodeExtendedPassivePort(text);
      if (port !== undefined) address = { ip: this.serverIp(), port };
    }
    return {
      kind: 'reply',
      at: tag.at,
      frame: tag.frame,
      code,
      text,
      lines,
      ...(address ? { address } : {}),
      ...(port !== undefined ? { port } : {}),
    };
  }
}

/**
 * RFC 2428 §2: EPRT <d>proto<d>address<d>port<d>, the delimiter usually `|`; protocol 1 is IPv4, 2 IPv6.
 * The address is kept as written (lower-cased, IPv6 compressed as the host wrote it).
 */
export function decodeExtendedAddress(text: string): Endpoint | undefined {
  const t = text.trim();
  const d = t[0];
  if (!d || t.length < 7 || d.charCodeAt(0) < 33 || d.charCodeAt(0) > 126) return undefined;
  const parts = t.split(d);
  if (parts.length !== 5 || parts[0] !== '' || parts[4] !== '') return undefined;
  const [, proto, host = '', portText = ''] = parts;
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  if (proto === '1' && /^\d{1,3}(\.\d{1,3}){3}$/.test(host) && host.split('.').every((o) => Number(o) <= 255))
    return { ip: host as Ipv4, port };
  if (proto === '2' && /^[0-9A-Fa-f:.]{2,45}$/.test(host) && host.includes(':'))
    return { ip: normalizeIpv6(host) as Ipv6, port };
  return undefined;
}

/** RFC 2428 §3: 229 Entering Extended Passive Mode (|||6446|): the port only. */
export function decodeExtendedPassivePort(text: string): number | undefined {
  const m = /\(([\x21-\x7e])\1\1(\d{1,5})\1\)/.exec(text);
  const port = m?.[2] ? Number(m[2]) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** An IPv6 address as RFC 5952 writes it, so that an EPRT address compares with the packets' addresses. */
export function normalizeIpv6(text: string): string {
  let body = text.toLowerCase();
  const tail: number[] = [];
  // An embedded IPv4 address (::ffff:192.0.2.1) is the last two groups.
  const embedded = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(body);
  if (embedded) {
    const [a = 0, b = 0, c = 0, d = 0] = embedded.slice(2).map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    body = embedded[1] ?? '';
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16) || 0));
  const double = body.indexOf('::');
  let groups: number[];
  if (double >= 0) {
    const head = parse(body.slice(0, double));
    const rest = parse(body.slice(double + 2));
    const fill = Math.max(0, 8 - tail.length - head.length - rest.length);
    groups = [...head, ...Array<number>(fill).fill(0), ...rest, ...tail];
  } else {
    groups = [...parse(body), ...tail];
  }
  const bytes = new Uint8Array(16);
  groups.slice(0, 8).forEach((g, i) => {
    bytes[i * 2] = (g >> 8) & 0xff;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return ipv6Text(bytes, 0);
}
