import { RECORD_HEADER, type TlsCarries, type TlsContent, type TlsRecord } from './records';

/**
 * What a TLS record shows to anyone on the path, and what it hides: the header (content type, legacy
 * version, length) is in the clear, and so are the hellos and TLS 1.3's ChangeCipherSpec; everything after
 * the ServerHello, the rest of the handshake included, travels as opaque application data (RFC 8446 §5).
 */
export interface RecordOnWire {
  /** Offset of the record's 5-byte header within the segment's payload. */
  readonly offset: number;
  readonly content: TlsContent;
  /** The header's content type byte (RFC 8446 §5.1): 20, 21, 22 or 23. */
  readonly contentType: number;
  /** Its name in the RFC's words: `handshake`, `application_data`… */
  readonly contentName: string;
  readonly version: number;
  /** The legacy version's name: `TLS 1.0` (0x0301), `TLS 1.2` (0x0303). */
  readonly versionName: string;
  /** The length field: the body's bytes, after the header. */
  readonly length: number;
  /** A clear-text record's message by its RFC 8446 name (`ClientHello`); absent for an encrypted one. */
  readonly clearMessage?: string;
  /**
   * What an encrypted record carries, as only its two ends know it: a handshake message's name, or (for
   * an FTP line, a transfer's bytes, close_notify) what it is.
   */
  readonly sealed?: SealedCarries;
}

export type SealedCarries =
  | { readonly kind: 'handshake'; readonly message: string }
  | { readonly kind: 'ftp-line' | 'data' | 'close-notify' };

/** RFC 8446 §5.1 ContentType. */
const CONTENT_TYPE: Record<TlsContent, { readonly type: number; readonly name: string }> = {
  'change-cipher-spec': { type: 20, name: 'change_cipher_spec' },
  alert: { type: 21, name: 'alert' },
  handshake: { type: 22, name: 'handshake' },
  'application-data': { type: 23, name: 'application_data' },
};

const VERSION_NAMES: Readonly<Record<number, string>> = {
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
};

/** RFC 8446 §4's message names (a HelloRetryRequest is a ServerHello with a special random, §4.1.3). */
const HANDSHAKE_NAMES: Partial<Record<TlsCarries, string>> = {
  'client-hello': 'ClientHello',
  'hello-retry-request': 'HelloRetryRequest',
  'server-hello': 'ServerHello',
  'change-cipher-spec': 'ChangeCipherSpec',
  'encrypted-extensions': 'EncryptedExtensions',
  'certificate-request': 'CertificateRequest',
  certificate: 'Certificate',
  'certificate-verify': 'CertificateVerify',
  finished: 'Finished',
  'new-session-ticket': 'NewSessionTicket',
};

function sealedCarries(carries: TlsCarries, handshake: string | undefined): SealedCarries {
  if (carries === 'ftp-line' || carries === 'data' || carries === 'close-notify') return { kind: carries };
  return { kind: 'handshake', message: handshake ?? carries };
}

const hex = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;

/** The records of one segment's payload, each as the wire shows it, in order. */
export function recordsOnWire(records: readonly TlsRecord[]): RecordOnWire[] {
  let offset = 0;
  return records.map((r) => {
    const type = CONTENT_TYPE[r.content];
    const clear = r.content !== 'application-data' && r.content !== 'alert';
    const handshake = HANDSHAKE_NAMES[r.carries];
    const sealed = clear ? undefined : sealedCarries(r.carries, handshake);
    const onWire: RecordOnWire = {
      offset,
      content: r.content,
      contentType: type.type,
      contentName: type.name,
      version: r.version,
      versionName: VERSION_NAMES[r.version] ?? hex(r.version),
      length: r.length,
      ...(clear && handshake ? { clearMessage: handshake } : {}),
      ...(sealed ? { sealed } : {}),
    };
    offset += RECORD_HEADER + r.length;
    return onWire;
  });
}

/**
 * A segment's records in brief, for an arrow's label: the clear-text messages by name, in order, and how
 * many encrypted records follow or stand alone (a box on the path reads nothing more).
 */
export interface TlsWireSummary {
  readonly clear: readonly string[];
  readonly encrypted: number;
}

export function tlsWireSummary(records: readonly TlsRecord[]): TlsWireSummary {
  const onWire = recordsOnWire(records);
  return {
    clear: onWire.flatMap((r) => (r.clearMessage ? [r.clearMessage] : [])),
    encrypted: onWire.filter((r) => r.sealed).length,
  };
}
