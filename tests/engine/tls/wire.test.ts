import { describe, expect, it } from 'vitest';
import {
  isPacketEvent,
  recordsOnWire,
  simulate,
  tlsWireSummary,
  type PacketEvent,
  type ScenarioInput,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

function packets(input: ScenarioInput): PacketEvent[] {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return simulate(r.scenario).events.filter(isPacketEvent);
}

const byte = (s: string, i: number): number => s.charCodeAt(i);

describe('TLS records as the wire shows them', () => {
  const sessions: ScenarioInput[] = [
    { tls: 'explicit', mode: 'active', clientNat: true, helper: true },
    { tls: 'explicit', mode: 'passive', commands: [{ verb: 'RETR', file: 'hello.txt' }] },
    { tls: 'explicit', mode: 'epsv', client: { program: 'curl' }, ipVersion: 6 },
  ];

  it.each(sessions)('agree byte for byte with the record headers in the payload (%j)', (input) => {
    let checked = 0;
    for (const e of packets(input)) {
      if (!e.packet.tls) continue;
      const { payload } = e.packet.segment;
      const onWire = recordsOnWire(e.packet.tls);
      for (const r of onWire) {
        // RFC 8446 §5.1: type (1 byte), legacy_record_version (2), length (2).
        expect(byte(payload, r.offset)).toBe(r.contentType);
        expect((byte(payload, r.offset + 1) << 8) | byte(payload, r.offset + 2)).toBe(r.version);
        expect((byte(payload, r.offset + 3) << 8) | byte(payload, r.offset + 4)).toBe(r.length);
        checked++;
      }
      const last = onWire.at(-1);
      expect(last && last.offset + 5 + last.length).toBe(payload.length);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('names the clear-text handshake, and of the encrypted records only what the two ends know', () => {
    const control = packets({ tls: 'explicit', mode: 'passive' }).filter(
      (e) => e.packet.conn === 'control' && e.packet.tls,
    );
    const [hello, retry, again, flight] = control.map((e) => recordsOnWire(e.packet.tls ?? []));
    expect(hello).toEqual([
      {
        offset: 0,
        content: 'handshake',
        contentType: 22,
        contentName: 'handshake',
        version: 0x0301,
        versionName: 'TLS 1.0',
        length: 512,
        clearMessage: 'ClientHello',
      },
    ]);
    expect(retry?.map((r) => r.clearMessage)).toEqual(['HelloRetryRequest', 'ChangeCipherSpec']);
    expect(again?.map((r) => [r.clearMessage, r.versionName])).toEqual([
      ['ChangeCipherSpec', 'TLS 1.2'],
      ['ClientHello', 'TLS 1.2'],
    ]);
    // The server's flight: its hello in the clear, the rest of its handshake as opaque application data.
    expect(flight?.map((r) => [r.contentName, r.clearMessage ?? r.sealed])).toEqual([
      ['handshake', 'ServerHello'],
      ['application_data', { kind: 'handshake', message: 'EncryptedExtensions' }],
      ['application_data', { kind: 'handshake', message: 'CertificateRequest' }],
      ['application_data', { kind: 'handshake', message: 'Certificate' }],
      ['application_data', { kind: 'handshake', message: 'CertificateVerify' }],
      ['application_data', { kind: 'handshake', message: 'Finished' }],
    ]);
    expect(tlsWireSummary(control[3]?.packet.tls ?? [])).toEqual({ clear: ['ServerHello'], encrypted: 5 });
    const pasv = control.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PASV');
    expect(recordsOnWire(pasv?.packet.tls ?? []).map((r) => r.sealed)).toEqual([{ kind: 'ftp-line' }]);
    expect(tlsWireSummary(pasv?.packet.tls ?? [])).toEqual({ clear: [], encrypted: 1 });
  });

  it('marks a transfer’s bytes and close_notify as encrypted data, not handshake', () => {
    const data = packets({ tls: 'explicit', mode: 'passive' }).filter(
      (e) => e.packet.conn !== 'control' && e.packet.tls,
    );
    const sealed = data.flatMap((e) =>
      recordsOnWire(e.packet.tls ?? []).flatMap((r) => (r.sealed ? [r.sealed] : [])),
    );
    expect(sealed).toContainEqual({ kind: 'data' });
    expect(sealed).toContainEqual({ kind: 'close-notify' });
  });
});
