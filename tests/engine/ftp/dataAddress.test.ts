import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeExtendedAddress,
  decodeExtendedPassivePort,
  decodeHostPort,
  encodeExtendedAddress,
  encodeHostPort,
  type Ipv4,
} from '../../../src/engine';

describe('PORT / PASV / EPRT / EPSV address encodings', () => {
  it('encodes the port as p1*256+p2 (RFC 959 §4.1.2), as in the reference capture', () => {
    expect(encodeHostPort({ ip: '192.168.1.10' as Ipv4, port: 34631 })).toBe('192,168,1,10,135,71');
    expect(decodeHostPort('Entering Passive Mode (172,16,0,21,156,67).')).toEqual({
      ip: '172.16.0.21',
      port: 40003,
    });
  });

  it('encodes EPRT and reads 229 as RFC 2428 says', () => {
    expect(encodeExtendedAddress({ ip: '132.235.1.2' as Ipv4, port: 6275 })).toBe('|1|132.235.1.2|6275|');
    expect(decodeExtendedAddress('|1|132.235.1.2|6275|')).toEqual({ ip: '132.235.1.2', port: 6275 });
    expect(decodeExtendedPassivePort('229 Entering Extended Passive Mode (|||6446|)')).toBe(6446);
  });

  it('rejects out-of-range octets and ports', () => {
    expect(decodeHostPort('1,2,3,256,1,1')).toBeUndefined();
    expect(decodeHostPort('1,2,3,4,0,0')).toBeUndefined();
    expect(decodeExtendedAddress('|1|1.2.3.4|70000|')).toBeUndefined();
    expect(decodeExtendedPassivePort('(|||0|)')).toBeUndefined();
  });

  it('round-trips every address and port', () => {
    const endpoint = fc.record({
      ip: fc.ipV4().map((s) => s as Ipv4),
      port: fc.integer({ min: 1, max: 65535 }),
    });
    fc.assert(
      fc.property(endpoint, (ep) => {
        expect(decodeHostPort(encodeHostPort(ep))).toEqual(ep);
        expect(decodeExtendedAddress(encodeExtendedAddress(ep))).toEqual(ep);
      }),
    );
  });
});
