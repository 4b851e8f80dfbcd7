import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalIpv6,
  decodeExtendedAddress,
  encodeExtendedAddress,
  formatEndpoint,
  isIpv6,
  type Ipv6,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

const problems = (input: unknown) => {
  const r = parseScenario(input);
  return r.ok ? [] : r.problems;
};

describe('IPv6 addresses', () => {
  it('are kept in RFC 5952’s canonical text, so equal addresses are equal strings', () => {
    expect(canonicalIpv6('2001:DB8:1:0:0:0:0:10')).toBe('2001:db8:1::10');
    expect(canonicalIpv6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIpv6('2001:db8::')).toBe('2001:db8::');
    expect(canonicalIpv6('::1')).toBe('::1');
    expect(canonicalIpv6('2001:db8::1::2')).toBeUndefined();
    expect(canonicalIpv6('2001:db8:1:2:3:4:5:6:7')).toBeUndefined();
    expect(canonicalIpv6('12345::1')).toBeUndefined();
    expect(isIpv6('2001:db8:1::10')).toBe(true);
    expect(isIpv6('2001:0db8:1::10')).toBe(false);
  });

  it('round-trip through canonical text', () => {
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, (g) => {
        const text = g.map((x) => x.toString(16)).join(':');
        const canonical = canonicalIpv6(text) as string;
        expect(isIpv6(canonical)).toBe(true);
        expect(canonicalIpv6(canonical)).toBe(canonical);
      }),
    );
  });

  it('are written in brackets beside a port (RFC 3986)', () => {
    expect(formatEndpoint({ ip: '2001:db8:2::21' as Ipv6, port: 21 })).toBe('[2001:db8:2::21]:21');
  });

  it('travel in EPRT as |2|address|port| (RFC 2428)', () => {
    const ep = { ip: '2001:db8:1::10' as Ipv6, port: 42935 };
    expect(encodeExtendedAddress(ep)).toBe('|2|2001:db8:1::10|42935|');
    expect(decodeExtendedAddress('|2|2001:DB8:1:0::10|42935|')).toEqual(ep);
    expect(decodeExtendedAddress('|2|198.51.100.10|42935|')).toBeUndefined();
    expect(decodeExtendedAddress('|1|2001:db8:1::10|42935|')).toBeUndefined();
  });
});

describe('the scenario’s ipVersion', () => {
  it('is 4 when left out, so every link made before it still opens as it did', () => {
    const r = parseScenario({ mode: 'passive', clientNat: true });
    expect(r.ok && r.scenario.ipVersion).toBe(4);
  });

  it('is 4 or 6, and says so', () => {
    expect(problems({ ipVersion: 5 })).toEqual([{ field: 'ipVersion', message: 'expected one of 4, 6' }]);
    expect(problems({ ipVersion: '6' })).toHaveLength(1);
  });

  it('refuses NAT with IPv6, naming the field', () => {
    const found = problems({ ipVersion: 6, clientNat: true, serverNat: 'private' });
    expect(found.map((p) => p.field)).toEqual(['clientNat', 'serverNat']);
    expect(found[0]?.message).toMatch(/NAT is IPv4 only.*set clientNat to false/);
  });

  it('wants every explicit address in its own version', () => {
    const found = problems({ ipVersion: 6, client: { ip: '198.51.100.10' } });
    expect(found).toEqual([
      {
        field: 'client.ip',
        message: expect.stringMatching(/^198\.51\.100\.10 is an IPv4 address, but ipVersion is 6/),
      },
    ]);
    expect(problems({ server: { ip: '2001:db8:2::21' } })[0]?.field).toBe('server.ip');
  });

  it('takes explicit IPv6 addresses in any valid form, canonical afterwards', () => {
    const r = parseScenario({ ipVersion: 6, server: { ip: '2001:DB8:2:0:0:0:0:99' } });
    expect(r.ok && r.scenario.server.ip).toBe('2001:db8:2::99');
  });

  it('refuses IPv6 addresses no host can have', () => {
    for (const [ip, why] of [
      ['::', /unspecified/],
      ['::1', /loopback/],
      ['ff02::1', /multicast/],
      ['fe80::10', /link-local/],
    ] as const)
      expect(problems({ ipVersion: 6, client: { ip } })[0]?.message).toMatch(why);
    expect(problems({ ipVersion: 6, server: { ip: '2001:db8:1::10' } })[0]?.message).toMatch(
      /already the address of client\.ip/,
    );
  });
});
