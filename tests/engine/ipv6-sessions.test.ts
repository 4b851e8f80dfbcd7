/**
 * Whole IPv6 sessions against tests/lab's IPv6 runs (findings issue 14, C2, C3 and D): the addresses, the
 * classic client's command for each mode, the firewalls and the helper, and the packets' IPv6 fields.
 */
import { describe, expect, it } from 'vitest';
import { isPacketEvent, simulate, type ScenarioInput, type Simulation } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';

function run(input: ScenarioInput): Simulation {
  const parsed = parseScenario({ ipVersion: 6, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario);
}

const commands = (sim: Simulation) =>
  sim.events.flatMap((e) => (e.kind === 'ftp/command-sent' ? [e.packet.segment.payload.trimEnd()] : []));
const replies = (sim: Simulation) =>
  sim.events.flatMap((e) => (e.kind === 'ftp/reply-sent' ? [e.packet.segment.payload.trimEnd()] : []));
const packets = (sim: Simulation) => sim.events.filter(isPacketEvent);
const dataSyns = (sim: Simulation) =>
  packets(sim).filter(
    (e) => e.packet.conn !== 'control' && e.packet.segment.flags.syn && !e.packet.segment.flags.ack,
  );

describe('IPv6 sessions', () => {
  it('uses the lab’s 2001:db8 addresses, and no NAT', () => {
    const sim = run({ mode: 'epsv' });
    expect(sim.addresses).toEqual({
      client: '2001:db8:1::10',
      clientRouter: { lan: '2001:db8:1::1', wan: '2001:db8:ff::1' },
      serverRouter: { wan: '2001:db8:ff::2', lan: '2001:db8:2::1' },
      server: '2001:db8:2::21',
    });
    expect(sim.events.some((e) => e.kind === 'nat/translated')).toBe(false);
    expect(sim.outcome).toBe('success');
  });

  it('EPSV: 229, the client connects to the control connection’s peer, the listing arrives', () => {
    const sim = run({ mode: 'epsv' });
    expect(commands(sim)).toEqual([
      'USER anonymous',
      'PASS lab@example.org',
      'TYPE A',
      'EPSV',
      'LIST',
      'QUIT',
    ]);
    const [syn] = dataSyns(sim);
    expect(syn?.packet.segment.dst.ip).toBe('2001:db8:2::21');
  });

  it('active mode sends EPRT |2| (PORT cannot hold an IPv6 address); vsftpd connects from port 20', () => {
    for (const mode of ['active', 'eprt'] as const) {
      const sim = run({ mode });
      expect(commands(sim)).toContainEqual(expect.stringMatching(/^EPRT \|2\|2001:db8:1::10\|\d+\|$/));
      expect(commands(sim).some((c) => c.startsWith('PORT'))).toBe(false);
      expect(replies(sim)).toContain('200 EPRT command successful. Consider using EPSV.');
      expect(dataSyns(sim)[0]?.packet.segment.src).toEqual({ ip: '2001:db8:2::21', port: 20 });
      expect(sim.outcome).toBe('success');
    }
  });

  it('PASV: the 227 says 0,0,0,0; a client that believes it is refused on its own host, without a packet', () => {
    const sim = run({ mode: 'passive', server: { acceptTimeout: 6 } });
    expect(replies(sim)).toContainEqual(
      expect.stringMatching(/^227 Entering Passive Mode \(0,0,0,0,\d+,\d+\)\.$/),
    );
    expect(dataSyns(sim)).toEqual([]);
    expect(commands(sim)).toContain('LIST');
    const [t] = sim.transfers;
    expect(t?.replyCodes).toEqual([227, 425]);
    expect(t?.reason).toBe('unspecified-address');
    const reply227 = packets(sim).find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
    expect(t?.failedPacket).toBe(reply227?.packet.id);
    const narrated = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
    expect(narrated?.narration.key).toBe('narration.ftp.reply.227unspecified');
  });

  it('a stateful client firewall drops vsftpd’s SYN from port 20 (425), unless the helper reads EPRT |2|', () => {
    const blocked = run({ mode: 'eprt', clientFirewall: 'stateful', server: { connectTimeout: 6 } });
    expect(blocked.transfers[0]?.replyCodes).toEqual([200, 425]);
    expect(dataSyns(blocked).every((e) => e.packet.fate.kind === 'dropped')).toBe(true);
    expect(dataSyns(blocked).length).toBeGreaterThanOrEqual(6);

    const helped = run({ mode: 'eprt', clientFirewall: 'stateful', helper: true });
    const expectation = helped.events.find((e) => e.kind === 'conntrack/expectation-created');
    expect(expectation?.kind === 'conntrack/expectation-created' && expectation.expectation).toMatchObject({
      device: 'client',
      sourceIp: '2001:db8:2::21',
      destination: { ip: '2001:db8:1::10' },
      reason: 'EPRT',
    });
    expect(helped.outcome).toBe('success');
  });

  it('a server firewall with port 21 only drops the EPSV data SYN, unless the helper reads the 229 or the range is open', () => {
    const blocked = run({ mode: 'epsv', serverFirewall: 'port21', client: { connectTimeout: 6 } });
    expect(blocked.outcome).toBe('failed');
    expect(dataSyns(blocked).every((e) => e.packet.fate.kind === 'dropped')).toBe(true);

    const helped = run({ mode: 'epsv', serverFirewall: 'port21', helper: true });
    const expectation = helped.events.find((e) => e.kind === 'conntrack/expectation-created');
    expect(expectation?.kind === 'conntrack/expectation-created' && expectation.expectation).toMatchObject({
      device: 'server',
      sourceIp: '2001:db8:1::10',
      destination: { ip: '2001:db8:2::21' },
      reason: '229',
    });
    expect(helped.outcome).toBe('success');
    expect(run({ mode: 'epsv', serverFirewall: 'port21+range' }).outcome).toBe('success');
  });

  it('carries IPv6’s TCP as measured: MSS 1440, SYN window 64800, SYN-ACK 64260, hop limit 62 past the routers', () => {
    const sim = run({
      mode: 'epsv',
      commands: [{ verb: 'RETR', file: 'big.bin' }],
      server: { files: [{ name: 'big.bin', size: 5000 }] },
    });
    const syn = packets(sim).find((e) => e.packet.segment.flags.syn && !e.packet.segment.flags.ack);
    const synAck = packets(sim).find((e) => e.packet.segment.flags.syn && e.packet.segment.flags.ack);
    expect(syn?.packet.segment.options.mss).toBe(1440);
    expect(syn?.packet.segment.window).toBe(64800);
    expect(synAck?.packet.segment.window).toBe(64260);
    expect(syn?.packet.views.server?.segment.ip.ttl).toBe(62);
    // Full segments: the MSS less the 12 bytes of the timestamp option.
    const sizes = packets(sim)
      .filter((e) => e.packet.conn === 'data-1' && e.packet.segment.payload.length > 0)
      .map((e) => e.packet.segment.payload.length);
    expect(sizes).toEqual([1428, 1428, 1428, 716]);
  });

  it('gives every connection and direction its own flow label, from the seed', () => {
    const labels = (sim: Simulation) =>
      new Set(packets(sim).map((e) => `${e.packet.conn} ${e.packet.from} ${e.packet.segment.ip.flowLabel}`));
    const once = labels(run({ mode: 'epsv' }));
    expect(once.size).toBe(4);
    expect(labels(run({ mode: 'epsv' }))).toEqual(once);
    expect(labels(run({ mode: 'epsv', seed: 2 }))).not.toEqual(once);
  });
});
