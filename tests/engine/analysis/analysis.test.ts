import { describe, expect, it } from 'vitest';
import {
  clientComparison,
  isPacketEvent,
  deviceFeatures,
  modeComparison,
  packetRoute,
  simulate,
  socketTable,
  type ClientComparisonRow,
  type ScenarioInput,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

function run(input: ScenarioInput) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return simulate(r.scenario);
}

describe('packetRoute', () => {
  it('runs the whole path when delivered, and stops at the dropping firewall otherwise', () => {
    const { events } = run({ clientFirewall: 'stateful', server: { connectTimeout: 2 } });
    const packets = events.filter(isPacketEvent);
    const first = packets[0];
    expect(first && packetRoute(first.packet)).toEqual({
      path: ['client', 'client-router', 'internet', 'server-router', 'server'],
      stopsAt: 'server',
      headedFor: 'server',
    });
    const dataSyn = packets.find((p) => p.packet.conn === 'data-1');
    expect(dataSyn && packetRoute(dataSyn.packet)).toMatchObject({
      path: ['server', 'server-router', 'internet', 'client-router', 'client'],
      stopsAt: 'client',
    });
  });

  it('stops a SYN at the router that refuses it, and sends the RST from there', () => {
    const { events } = run({ mode: 'epsv', serverNat: 'private', server: { acceptTimeout: 2 } });
    const data = events.filter(isPacketEvent).filter((p) => p.packet.conn === 'data-1');
    expect(data[0] && packetRoute(data[0].packet).stopsAt).toBe('server-router');
    expect(data[1] && packetRoute(data[1].packet)).toMatchObject({
      path: ['server-router', 'internet', 'client-router', 'client'],
      stopsAt: 'client',
    });
  });
});

describe('socketTable', () => {
  const { events } = run({});
  const at = (pred: (i: number) => boolean) => events.findIndex((_, i) => pred(i));

  it('starts with vsftpd listening on port 21', () => {
    expect(socketTable(events, 0)).toEqual([
      { host: 'server', conn: 'control', local: { ip: '192.0.2.21', port: 21 }, state: 'LISTEN' },
    ]);
  });

  it('shows the client listening on its data port once it sends PORT, and both ends established after the handshake', () => {
    const portIndex = at(
      (i) =>
        events[i]?.kind === 'ftp/command-sent' &&
        (events[i] as { command: { verb: string } }).command.verb === 'PORT',
    );
    const table = socketTable(events, portIndex);
    expect(table).toContainEqual(
      expect.objectContaining({
        host: 'client',
        conn: 'data-1',
        state: 'LISTEN',
        local: { ip: '198.51.100.10', port: 56013 },
      }),
    );
    expect(table.filter((s) => s.conn === 'control' && s.state === 'ESTABLISHED')).toHaveLength(2);
  });

  it('ends with every connection closed or in TIME_WAIT and only port 21 listening', () => {
    const table = socketTable(events, events.length - 1);
    expect(table.filter((s) => s.state === 'LISTEN').map((s) => s.local.port)).toEqual([21]);
    for (const s of table.filter((x) => x.state !== 'LISTEN'))
      expect(['CLOSED', 'TIME_WAIT']).toContain(s.state);
  });

  it('closes the server side of a data connection the client firewall never let through', () => {
    const failed = run({ clientFirewall: 'stateful', server: { connectTimeout: 2 } });
    const table = socketTable(failed.events, failed.events.length - 1);
    expect(table.find((s) => s.host === 'server' && s.conn === 'data-1')?.state).toBe('CLOSED');
    expect(table.some((s) => s.host === 'client' && s.conn === 'data-1' && s.state !== 'LISTEN')).toBe(false);
  });
});

describe('modeComparison', () => {
  it('active mode: the server opens from port 20 and the client must accept a connection to its data port', () => {
    const rows = modeComparison(run({}).events, 'active');
    expect(rows).toContainEqual(expect.objectContaining({ row: 'opener', opener: 'server' }));
    expect(rows).toContainEqual(expect.objectContaining({ row: 'serverDataPort', port: 20 }));
    expect(rows).toContainEqual(expect.objectContaining({ row: 'clientMustAccept', port: 56013 }));
    expect(rows.find((r) => r.row === 'firewallTrouble')).not.toHaveProperty('droppedBy');
  });

  it('passive mode: the client opens to the announced port and accepts nothing', () => {
    const sim = run({ mode: 'passive' });
    const rows = modeComparison(sim.events, 'passive');
    const announced = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
    expect(rows).toContainEqual(expect.objectContaining({ row: 'opener', opener: 'client' }));
    expect(rows).toContainEqual(
      expect.objectContaining({
        row: 'serverDataPort',
        port: announced?.kind === 'ftp/reply-sent' ? announced.reply.address?.port : -1,
      }),
    );
    expect(rows.find((r) => r.row === 'clientMustAccept')).not.toHaveProperty('port');
  });

  it('names the router that refused the data connection when nothing forwards its port', () => {
    const sim = run({ mode: 'epsv', serverNat: 'private', server: { acceptTimeout: 2 } });
    const trouble = modeComparison(sim.events, 'epsv').find((r) => r.row === 'firewallTrouble');
    expect(trouble).toMatchObject({ refusedBy: 'server-router' });
    expect(trouble).not.toHaveProperty('droppedBy');
  });

  it('names the firewall that caused trouble, at the step where it dropped the data SYN', () => {
    const sim = run({ clientFirewall: 'stateful', server: { connectTimeout: 2 } });
    const trouble = modeComparison(sim.events, 'active').find((r) => r.row === 'firewallTrouble');
    expect(trouble).toMatchObject({ droppedBy: 'client' });
    expect(sim.events[trouble?.index ?? 0]?.kind).toBe('fw/verdict');
  });
});

describe('deviceFeatures', () => {
  const features = (input: ScenarioInput) => {
    const r = parseScenario(input);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return deviceFeatures(r.scenario);
  };

  it('puts firewalls on the hosts and NAT on the routers, the helper only where connections are tracked', () => {
    const f = features({ clientFirewall: 'stateful', serverNat: 'public', helper: true });
    expect(f.client).toEqual({ firewall: 'stateful', nat: false, conntrack: true, helper: true });
    expect(f['client-router']).toEqual({ nat: false, conntrack: false, helper: false });
    expect(f['server-router']).toEqual({ nat: true, conntrack: true, helper: true });
    expect(f.server).toEqual({ nat: false, conntrack: false, helper: false });
  });

  it('is what the network simulates: no conntrack decision is ever made on a device without conntrack', () => {
    for (const input of [
      { helper: true },
      { clientNat: true, helper: true },
      { mode: 'passive', serverFirewall: 'port21', helper: true },
    ] as const) {
      const f = features(input);
      const { events } = run(input);
      for (const e of events) {
        if (e.kind === 'conntrack/expectation-created') expect(f[e.expectation.device].helper).toBe(true);
        if (e.kind === 'nat/translated') expect(f[e.device].nat).toBe(true);
      }
    }
  });
});

describe('clientComparison', () => {
  const both = (input: ScenarioInput) =>
    (['classic', 'curl'] as const).map((program) =>
      clientComparison(run({ ...input, client: { program } }).events),
    );
  const row = <K extends ClientComparisonRow['row']>(rows: readonly ClientComparisonRow[], name: K) =>
    rows.find((r): r is Extract<ClientComparisonRow, { row: K }> => r.row === name);

  it('behind server NAT: the classic client dials the 227 address, curl the control peer (lab A1)', () => {
    const [classic = [], curl = []] = both({ mode: 'passive', serverNat: 'private' });
    expect(row(classic, 'dataTarget')).toMatchObject({ sender: 'client', follows: 'announced' });
    expect(row(classic, 'dataTarget')?.to.ip).toBe('172.16.0.21');
    expect(row(curl, 'dataTarget')).toMatchObject({ sender: 'client', follows: 'peer' });
    expect(row(curl, 'dataTarget')?.to.ip).toBe('203.0.113.2');
    expect(row(classic, 'firewallTrouble')).toMatchObject({ droppedBy: 'internet' });
    expect(row(curl, 'firewallTrouble')).toMatchObject({ refusedBy: 'server-router' });
    expect(row(classic, 'ending')).toMatchObject({ outcome: 'failed', quit: true, lastReply: 425 });
    expect(row(classic, 'ending')?.exitStatus).toBeUndefined();
    expect(row(curl, 'ending')).toMatchObject({
      outcome: 'failed',
      quit: false,
      exitStatus: 7,
      lastReply: 227,
    });
    expect(row(curl, 'ending')?.seconds).toBeLessThan(row(classic, 'ending')?.seconds ?? 0);
  });

  it("lists each client's own commands up to its transfer command", () => {
    const [classic = [], curl = []] = both({ mode: 'passive' });
    expect(row(classic, 'commands')?.commands).toEqual(['USER anonymous', 'PASS', 'TYPE A', 'PASV', 'LIST']);
    expect(row(curl, 'commands')?.commands).toEqual([
      'USER anonymous',
      'PASS',
      'PWD',
      'PASV',
      'TYPE A',
      'LIST',
    ]);
    expect(row(curl, 'ending')).toMatchObject({
      outcome: 'success',
      quit: true,
      exitStatus: 0,
      lastReply: 226,
    });
  });

  it('in active mode the server opens the data connection to the client, for either client', () => {
    for (const rows of both({ mode: 'active' }))
      expect(row(rows, 'dataTarget')).toMatchObject({ sender: 'server', follows: 'client' });
  });
});
