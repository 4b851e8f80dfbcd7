import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random';
import {
  changeCipherSpec,
  clientHello,
  helloRetryRequest,
  looksLikeTls,
  openRecord,
  recordHeaders,
  sealRecord,
  serverHello,
  splitRecords,
} from '../../../src/engine/tls/records';

const random = () => createRandom(7);
const header = (record: string) => [...record.slice(0, 5)].map((c) => c.charCodeAt(0));

describe('TLS record framing', () => {
  it('writes the clear-text hellos at the measured lengths, with real record and handshake headers', () => {
    const first = clientHello(random(), 512, 'x25519', true);
    // Handshake (22), legacy version TLS 1.0 on a first ClientHello, length 512; handshake type 1, length 508.
    expect(header(first)).toEqual([22, 3, 1, 2, 0]);
    expect([...first.slice(5, 9)].map((c) => c.charCodeAt(0))).toEqual([1, 0, 1, 252]);
    expect(first).toHaveLength(517);
    expect(header(clientHello(random(), 596, 'secp256r1', false))).toEqual([22, 3, 3, 2, 84]);
    expect(helloRetryRequest(random())).toHaveLength(5 + 88);
    expect(serverHello(random(), false)).toHaveLength(5 + 155);
    expect(serverHello(random(), true)).toHaveLength(5 + 161);
    expect(changeCipherSpec()).toBe('\x14\x03\x03\x00\x01\x01');
  });

  it('refuses a ClientHello too short for its own extensions', () => {
    expect(() => clientHello(random(), 100, 'x25519', true)).toThrow(/cannot be as short/);
  });

  it('seals a line into an application-data record of n + 17 that only the same key stream opens', () => {
    const line = 'PORT 192,168,1,10,218,205\r\n';
    const sealed = sealRecord(createRandom(42), 'application-data', line);
    expect(header(sealed).slice(0, 3)).toEqual([23, 3, 3]);
    expect(recordHeaders(sealed, 'ftp-line')).toEqual([
      { content: 'application-data', version: 0x0303, length: line.length + 17, carries: 'ftp-line' },
    ]);
    expect(sealed).not.toContain('PORT');
    const body = sealed.slice(5);
    expect(openRecord(createRandom(42), body)).toEqual({ inner: 23, plaintext: line });
    expect(openRecord(createRandom(43), body).plaintext).not.toBe(line);
  });

  it('splits a stream into whole records and keeps a partial one for later', () => {
    const two = helloRetryRequest(random()) + changeCipherSpec();
    const { records, rest } = splitRecords(two + two.slice(0, 10));
    expect(records.map((r) => [r.type, r.body.length])).toEqual([
      [22, 88],
      [20, 1],
    ]);
    expect(rest).toBe(two.slice(0, 10));
    expect(looksLikeTls(two)).toBe(true);
    expect(looksLikeTls('227 Entering Passive Mode\r\n')).toBe(false);
  });
});
