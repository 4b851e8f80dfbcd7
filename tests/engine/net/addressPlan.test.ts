import { describe, expect, it } from 'vitest';
import {
  addressPlan,
  isPrivateIpv4,
  simulate,
  withoutUnworkableAddresses,
  isPacketEvent,
  type Ipv4,
  type ScenarioInput,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

function parsed(input: ScenarioInput) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

function problems(input: ScenarioInput): string[] {
  const r = parseScenario(input);
  return r.ok ? [] : r.problems.map((p) => `${p.field}: ${p.message}`);
}

const RFC5737 = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/;

describe('addresses that agree with the NAT settings', () => {
  it('gives a host that is not behind NAT a public documentation address, and its router one too', () => {
    const plan = addressPlan(parsed({}));
    expect(plan).toEqual({
      client: '198.51.100.10',
      clientRouter: { lan: '198.51.100.1', wan: '203.0.113.1' },
      serverRouter: { wan: '203.0.113.2', lan: '192.0.2.1' },
      server: '192.0.2.21',
    });
    for (const ip of [plan.client, plan.server, plan.clientRouter.wan, plan.serverRouter.wan])
      expect(ip).toMatch(RFC5737);
  });

  it('gives a host behind NAT a private address, and only its router a public one', () => {
    const plan = addressPlan(parsed({ clientNat: true, serverNat: 'private' }));
    expect(isPrivateIpv4(plan.client)).toBe(true);
    expect(isPrivateIpv4(plan.clientRouter.lan)).toBe(true);
    expect(isPrivateIpv4(plan.server)).toBe(true);
    expect(plan.clientRouter.wan).toMatch(RFC5737);
    expect(plan.serverRouter.wan).toMatch(RFC5737);
    expect(addressPlan(parsed({ serverNat: 'public' })).server).toBe('172.16.0.21');
  });

  it('keeps the private LANs of a routed private network, as in the reference captures', () => {
    const plan = addressPlan(parsed({ network: 'routed-private' }));
    expect(plan.client).toBe('192.168.1.10');
    expect(plan.server).toBe('172.16.0.21');
  });

  it('keeps explicit addresses that are valid', () => {
    const plan = addressPlan(
      parsed({
        client: { ip: '198.51.100.77' },
        serverRouter: { wanIp: '203.0.113.200' },
        serverNat: 'private',
      }),
    );
    expect(plan.client).toBe('198.51.100.77');
    expect(plan.serverRouter.wan).toBe('203.0.113.200');
  });

  it('shows the same addresses in every packet: a host not behind NAT is seen by its own address', () => {
    for (const mode of ['active', 'passive', 'eprt', 'epsv'] as const) {
      const sim = simulate(parsed({ mode }));
      const seen = new Set<string>();
      for (const e of sim.events.filter(isPacketEvent))
        for (const view of [e.packet.views.client, e.packet.views.server])
          if (view) seen.add(view.segment.src.ip).add(view.segment.dst.ip);
      expect([...seen].sort()).toEqual([sim.addresses.server, sim.addresses.client].sort());
      for (const ip of seen) expect(isPrivateIpv4(ip as Ipv4)).toBe(false);
    }
  });

  it('never connects to a private address across the Internet, when nobody is behind NAT', () => {
    const sim = simulate(parsed({ mode: 'passive' }));
    const reply = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
    expect(reply?.kind === 'ftp/reply-sent' && reply.reply.address?.ip).toBe('192.0.2.21');
    expect(sim.outcome).toBe('success');
  });
});

describe('addresses that cannot work are refused with a clear message', () => {
  it.each([
    ['0.0.0.0', /0\.0\.0\.0 is in 0\.0\.0\.0\/8/],
    ['255.255.255.255', /broadcast/],
    ['224.0.0.5', /multicast/],
    ['127.0.0.1', /loopback/],
    ['240.1.2.3', /reserved/],
  ])('a host address that is not unicast: %s', (ip, message) => {
    const found = problems({ clientNat: true, client: { ip } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^client\.ip: /);
    expect(found[0]).toMatch(message);
  });

  it('two devices with the same address, and a router whose two sides are equal', () => {
    expect(problems({ server: { ip: '198.51.100.10' } })).toEqual([
      'server.ip: 198.51.100.10 is already the address of client.ip: every interface needs its own address',
    ]);
    expect(problems({ clientRouter: { lanIp: '203.0.113.1' } })[0]).toMatch(
      /^clientRouter\.wanIp: 203\.0\.113\.1 is already the address of clientRouter\.lanIp/,
    );
  });

  it('a private address for a host the scenario does not put behind NAT, unless the network is private', () => {
    expect(problems({ client: { ip: '192.168.1.10' } })[0]).toMatch(
      /^client\.ip: 192\.168\.1\.10 is a private \(RFC 1918\) address, but the client, which is not behind NAT,/,
    );
    expect(problems({ server: { ip: '10.1.2.3' } })[0]).toMatch(/^server\.ip: 10\.1\.2\.3 is a private/);
    expect(problems({ serverRouter: { wanIp: '172.20.0.1' } })[0]).toMatch(/^serverRouter\.wanIp: /);
    expect(problems({ network: 'routed-private', client: { ip: '192.168.1.10' } })).toEqual([]);
    expect(problems({ clientNat: true, client: { ip: '192.168.7.7' } })).toEqual([]);
  });

  it('a passive range that contains 20 or 21, and a file listed twice', () => {
    expect(problems({ server: { passivePorts: { min: 1, max: 30 } } })).toEqual([
      'server.passivePorts: the passive range 1-30 contains port 20, which vsftpd already uses (active-mode data connections)',
      'server.passivePorts: the passive range 1-30 contains port 21, which vsftpd already uses (the control connection)',
    ]);
    expect(
      problems({
        server: {
          files: [
            { name: 'a.txt', size: 1 },
            { name: 'a.txt', size: 2 },
          ],
        },
      }),
    ).toEqual(['server.files.1.name: the file name "a.txt" is listed twice']);
  });
});

describe('a NAT setting changed in the controls', () => {
  it("drops a link's own address only where it no longer works", () => {
    const natted = parsed({ clientNat: true, client: { ip: '192.168.5.5' }, server: { ip: '192.0.2.99' } });
    const off = withoutUnworkableAddresses({ ...natted, clientNat: false });
    expect(off.client.ip).toBeUndefined();
    expect(off.server.ip).toBe('192.0.2.99');
    expect(addressPlan(off).client).toBe('198.51.100.10');
    expect(parseScenario(off).ok).toBe(true);
    const unchanged = parsed({ client: { ip: '198.51.100.20' } });
    expect(withoutUnworkableAddresses(unchanged)).toBe(unchanged);
  });
});

describe('a public address hidden behind NAT', () => {
  it('is refused: behind NAT only the router has the public address', () => {
    const r = parseScenario({ clientNat: true, client: { ip: '198.51.100.44' } });
    expect(r.ok === false && r.problems.map((p) => p.field)).toEqual(['client.ip']);
    expect(r.ok === false && r.problems[0]?.message).toMatch(
      /198\.51\.100\.44 is a public address, but the client is behind NAT/,
    );
  });
});

describe('the narration of a 227 reply', () => {
  const key = (input: ScenarioInput) =>
    simulate(parsed({ mode: 'passive', ...input })).events.find(
      (e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227,
    )?.narration.key;

  it('says whether the announced address can be reached', () => {
    expect(key({})).toBe('narration.ftp.reply.227');
    expect(key({ serverNat: 'private' })).toBe('narration.ftp.reply.227private');
    expect(key({ serverNat: 'public' })).toBe('narration.ftp.reply.227');
    expect(key({ network: 'routed-private' })).toBe('narration.ftp.reply.227routed');
  });
});
