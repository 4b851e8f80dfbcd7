import type { Random } from '../random';

/**
 * TLS records as they travel in TCP segments (RFC 8446 §5.1): a 5-byte header (content type, legacy
 * version, length) and the body. The framing and the clear-text hellos are real, so tshark dissects them as
 * TLS; the keys are not, and the encrypted bodies are the engine's own stand-in cipher (`sealRecord`), so
 * nothing in them can be decrypted by anyone else.
 */
export type TlsContent = 'change-cipher-spec' | 'alert' | 'handshake' | 'application-data';

/** What a record carries, as its two ends know it; on the wire an encrypted record shows only its length. */
export type TlsCarries =
  | 'client-hello'
  | 'hello-retry-request'
  | 'server-hello'
  | 'change-cipher-spec'
  | 'encrypted-extensions'
  | 'certificate-request'
  | 'certificate'
  | 'certificate-verify'
  | 'finished'
  | 'new-session-ticket'
  /** One FTP command or reply on the control connection. */
  | 'ftp-line'
  /** Bytes of a listing, a download or an upload on a data connection. */
  | 'data'
  | 'close-notify';

export interface TlsRecord {
  readonly content: TlsContent;
  /**
   * The record header's legacy version (RFC 8446 §5.1): 0x0301 (TLS 1.0) on a first ClientHello, 0x0303
   * (TLS 1.2) on every other record; TLS 1.3 itself is agreed inside the hellos.
   */
  readonly version: number;
  /** The record's length field: the body's length, without the 5-byte header. */
  readonly length: number;
  readonly carries: TlsCarries;
}

export const RECORD_HEADER = 5;
/** TLS 1.3 AEAD: one byte of inner content type and a 16-byte tag around every encrypted plaintext. */
export const SEAL_OVERHEAD = 17;

const CONTENT_TYPE: Record<TlsContent, number> = {
  'change-cipher-spec': 20,
  alert: 21,
  handshake: 22,
  'application-data': 23,
};
const INNER_TYPE: Record<'handshake' | 'alert' | 'application-data', number> = {
  handshake: 22,
  alert: 21,
  'application-data': 23,
};

const u8 = (n: number): string => String.fromCharCode(n & 0xff);
const u16 = (n: number): string => u8(n >> 8) + u8(n);
const u24 = (n: number): string => u8(n >> 16) + u16(n);
const bytes = (random: Random, n: number): string => {
  let out = '';
  for (let i = 0; i < n; i++) out += u8(random.int(0, 255));
  return out;
};
const vector16 = (body: string): string => u16(body.length) + body;
const extension = (type: number, body: string): string => u16(type) + vector16(body);

/** Legacy record versions: a first ClientHello says TLS 1.0 (0x0301), everything else TLS 1.2 (0x0303). */
function frame(content: TlsContent, body: string, version = 0x0303): string {
  return u8(CONTENT_TYPE[content]) + u16(version) + u16(body.length) + body;
}

function handshakeMessage(type: number, body: string): string {
  return u8(type) + u24(body.length) + body;
}

const TLS13 = 0x0304;
const X25519 = 0x001d;
const SECP256R1 = 0x0017;
const TLS_AES_256_GCM_SHA384 = 0x1302;
/** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
const HRR_RANDOM =
  '\xcf\x21\xad\x74\xe5\x9a\x61\x11\xbe\x1d\x8c\x02\x1e\x65\xb8\x91' +
  '\xc2\xa2\x11\x16\x7a\xbb\x8c\x5e\x07\x9e\x09\xe2\xc8\xa8\x33\x9c';

/**
 * A ClientHello record of `length` bytes: TLS 1.3 offered, one key share, and the padding extension
 * (RFC 7685) that brings it to the measured size, as curl's OpenSSL pads its hellos to 512 bytes.
 */
export function clientHello(
  random: Random,
  length: number,
  group: 'x25519' | 'secp256r1',
  first: boolean,
): string {
  const key = group === 'x25519' ? X25519 : SECP256R1;
  const keyBytes = group === 'x25519' ? 32 : 65;
  const fixed =
    u16(0x0303) +
    bytes(random, 32) +
    u8(32) +
    bytes(random, 32) +
    vector16(u16(TLS_AES_256_GCM_SHA384) + u16(0x1301) + u16(0x1303) + u16(0x00ff)) +
    u8(1) +
    u8(0);
  const extensions =
    extension(43, u8(2) + u16(TLS13)) +
    extension(10, vector16(u16(X25519) + u16(SECP256R1))) +
    extension(13, vector16(u16(0x0804) + u16(0x0403))) +
    extension(51, vector16(u16(key) + vector16(bytes(random, keyBytes))));
  // Record body = 4 (handshake header) + fixed + 2 (extensions length) + extensions + 4 + padding.
  const padding = length - 4 - fixed.length - 2 - extensions.length - 4;
  if (padding < 0) throw new Error(`a ClientHello cannot be as short as ${length} bytes`);
  const body = fixed + vector16(extensions + extension(21, '\0'.repeat(padding)));
  return frame('handshake', handshakeMessage(1, body), first ? 0x0301 : 0x0303);
}

/** The ServerHello of a HelloRetryRequest (88 bytes, as measured): vsftpd's OpenSSL asks for secp256r1. */
export function helloRetryRequest(random: Random): string {
  const body =
    u16(0x0303) +
    HRR_RANDOM +
    u8(32) +
    bytes(random, 32) +
    u16(TLS_AES_256_GCM_SHA384) +
    u8(0) +
    vector16(extension(43, u16(TLS13)) + extension(51, u16(SECP256R1)));
  return frame('handshake', handshakeMessage(2, body));
}

/** The ServerHello: 155 bytes, or 161 with the pre_shared_key extension of a resumed session. */
export function serverHello(random: Random, resumed: boolean): string {
  const extensions =
    extension(43, u16(TLS13)) +
    extension(51, u16(SECP256R1) + vector16(bytes(random, 65))) +
    (resumed ? extension(41, u16(0)) : '');
  const body =
    u16(0x0303) +
    bytes(random, 32) +
    u8(32) +
    bytes(random, 32) +
    u16(TLS_AES_256_GCM_SHA384) +
    u8(0) +
    vector16(extensions);
  return frame('handshake', handshakeMessage(2, body));
}

/** TLS 1.3's middlebox-compatibility ChangeCipherSpec (RFC 8446 §D.4): one byte, 1. */
export function changeCipherSpec(): string {
  return frame('change-cipher-spec', u8(1));
}

/**
 * An encrypted record of `length` bytes whose content the engine never needs back (the encrypted
 * handshake messages): bytes that look like ciphertext.
 */
export function opaqueRecord(random: Random, length: number): string {
  return frame('application-data', bytes(random, length));
}

/**
 * An encrypted record carrying `plaintext` (RFC 8446 §5.2: plaintext, inner content type, 16-byte tag). The
 * stand-in cipher XORs with a key stream both ends derive from the same seed and record number, so the peer
 * reads it back while a box on the path sees only noise.
 */
export function sealRecord(
  keyStream: Random,
  inner: 'handshake' | 'alert' | 'application-data',
  plaintext: string,
): string {
  const clear = plaintext + u8(INNER_TYPE[inner]);
  let body = '';
  for (let i = 0; i < clear.length; i++) body += u8(clear.charCodeAt(i) ^ keyStream.int(0, 255));
  return frame('application-data', body + bytes(keyStream, 16));
}

/** The peer's reading of a sealed record's body: its plaintext and inner content type. */
export function openRecord(
  keyStream: Random,
  body: string,
): { readonly inner: number; readonly plaintext: string } {
  const clearLength = body.length - 16;
  let clear = '';
  for (let i = 0; i < clearLength; i++) clear += u8(body.charCodeAt(i) ^ keyStream.int(0, 255));
  return { inner: clear.charCodeAt(clearLength - 1), plaintext: clear.slice(0, -1) };
}

/** A TLS 1.3 alert, sealed: close_notify is level 1 (warning), description 0. */
export const CLOSE_NOTIFY = u8(1) + u8(0);

export interface FramedRecord {
  readonly type: number;
  readonly version: number;
  readonly body: string;
}

/** The legacy version in the header of a framed record (its bytes 1–2). */
export function recordVersion(record: string): number {
  return (record.charCodeAt(1) << 8) | record.charCodeAt(2);
}

/** Splits a byte stream into whole records; what is left over waits for the rest of its record. */
export function splitRecords(stream: string): { readonly records: FramedRecord[]; readonly rest: string } {
  const records: FramedRecord[] = [];
  let offset = 0;
  while (stream.length - offset >= RECORD_HEADER) {
    const length = (stream.charCodeAt(offset + 3) << 8) | stream.charCodeAt(offset + 4);
    if (stream.length - offset < RECORD_HEADER + length) break;
    records.push({
      type: stream.charCodeAt(offset),
      version: recordVersion(stream.slice(offset, offset + 3)),
      body: stream.slice(offset + RECORD_HEADER, offset + RECORD_HEADER + length),
    });
    offset += RECORD_HEADER + length;
  }
  return { records, rest: stream.slice(offset) };
}

const CONTENT_NAME: Record<TlsContent, string> = {
  'change-cipher-spec': 'ChangeCipherSpec',
  alert: 'Alert',
  handshake: 'Handshake',
  'application-data': 'AppData',
};

/** `Handshake(512)[client-hello], AppData(33)[ftp-line]`: the wire's view, and in brackets what it carries. */
export function describeRecords(records: readonly TlsRecord[]): string {
  return records.map((r) => `${CONTENT_NAME[r.content]}(${r.length})[${r.carries}]`).join(', ');
}

/** Whether a payload starts like a TLS record (content type 20–23, version 3.x): how a box on the path tells. */
export function looksLikeTls(payload: string): boolean {
  const type = payload.charCodeAt(0);
  return payload.length >= RECORD_HEADER && type >= 20 && type <= 23 && payload.charCodeAt(1) === 3;
}

/** The record headers of a payload made of whole records: what a capture shows of them. */
export function recordHeaders(payload: string, carries: TlsCarries): TlsRecord[] {
  const names: Record<number, TlsContent> = {
    20: 'change-cipher-spec',
    21: 'alert',
    22: 'handshake',
    23: 'application-data',
  };
  return splitRecords(payload).records.map((r) => ({
    content: names[r.type] ?? 'application-data',
    version: r.version,
    length: r.body.length,
    carries,
  }));
}
