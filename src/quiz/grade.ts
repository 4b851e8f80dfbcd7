import { assertNever, decodeExtendedAddress, decodeHostPort, isIpv4 } from '../engine';
import type { FreeFormat, Question } from './types';

/**
 * Free answers are read tolerantly and compared precisely: spaces, letter case, surrounding
 * parentheses or quotes and the words "port"/"puerto" (or the command's own name) do not matter; the
 * value does. `192,168,1,10,195,81` and ` 192, 168,1,10,195,81 ` are the same answer; port 50000 is not
 * 50001.
 */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[“”"'`«»]/g, ' ')
    .replace(/\b(port|puerto|eprt)\b/g, ' ')
    .trim();
}

/** Drops surrounding parentheses, once or more: `(40007)` → `40007`. */
function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
}

function portValue(text: string): number | undefined {
  // Spaces around the number go, spaces inside it do not: "5000 1" is not a port.
  const t = unwrap(normalize(text)).replace(/\s*\|\s*/g, '|');
  // A 229 reply's own notation is fine too: |||40007|.
  const m = /^(?:\|\|\|)?0*(\d{1,5})\|?$/.exec(t);
  const port = m?.[1] === undefined ? NaN : Number(m[1]);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** `172.16.0.21` with leading zeros removed from each octet, or undefined. */
function ipValue(text: string): string | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o))) return undefined;
  const ip = octets.map((o) => String(Number(o))).join('.');
  return isIpv4(ip) ? ip : undefined;
}

function endpointValue(text: string): string | undefined {
  const t = unwrap(normalize(text));
  // 172.16.0.21:40007, 172.16.0.21 40007, 172.16.0.21, 40007, 172.16.0.21 port 40007 ("port" is gone).
  const m = /^(\d{1,3}(?:\s*\.\s*\d{1,3}){3})\s*(?:[:,;/]\s*|\s+)(\d{1,5})$/.exec(t);
  if (!m?.[1] || !m[2]) return undefined;
  const ip = ipValue(m[1].replace(/\s+/g, ''));
  const port = Number(m[2]);
  return ip && port >= 1 && port <= 65535 ? `${ip}:${port}` : undefined;
}

function hostPortValue(text: string): string | undefined {
  const t = unwrap(normalize(text)).replace(/\s+/g, '');
  // Exactly six numbers: decodeHostPort alone would also find six inside seven.
  if (!/^\d{1,3}(?:,\d{1,3}){5}$/.test(t)) return undefined;
  const ep = decodeHostPort(t);
  return ep ? `${ep.ip}:${ep.port}` : undefined;
}

function eprtValue(text: string): string | undefined {
  const t = unwrap(normalize(text)).replace(/\s+/g, '');
  // IPv6: |2|address|port|, the address in any valid form (compared in its canonical one).
  const v6 = /^\|2\|([0-9a-f:]+)\|(\d{1,5})\|$/i.exec(t);
  if (v6?.[1] && v6[2]) {
    const ep = decodeExtendedAddress(`|2|${v6[1]}|${Number(v6[2])}|`);
    return ep ? `[${ep.ip}]:${ep.port}` : undefined;
  }
  const m = /^\|1\|([\d.]+)\|(\d{1,5})\|$/.exec(t);
  if (!m?.[1] || !m[2]) return undefined;
  const ip = ipValue(m[1]);
  const ep = ip ? decodeExtendedAddress(`|1|${ip}|${Number(m[2])}|`) : undefined;
  return ep ? `${ep.ip}:${ep.port}` : undefined;
}

/** The value a free answer denotes in `format`, as a comparable string; undefined if unreadable. */
export function freeValue(format: FreeFormat, text: string): string | undefined {
  switch (format) {
    case 'port': {
      const port = portValue(text);
      return port === undefined ? undefined : String(port);
    }
    case 'endpoint':
      return endpointValue(text);
    case 'hostPort':
      return hostPortValue(text);
    case 'eprt':
      return eprtValue(text);
    default:
      return assertNever(format);
  }
}

/** Whether a response (a choice id, or the text typed) answers the question correctly. */
export function gradeAnswer(question: Question, response: string): boolean {
  if (question.kind === 'choice') return response === question.answer;
  const given = freeValue(question.format, response);
  return given !== undefined && given === freeValue(question.format, question.answer);
}

/** Whether the text can be read as an answer of this format at all (to hint before grading). */
export function isReadable(format: FreeFormat, text: string): boolean {
  return freeValue(format, text) !== undefined;
}
