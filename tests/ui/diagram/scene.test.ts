import { describe, expect, it } from 'vitest';
import {
  isPacketEvent,
  simulate,
  type Scenario,
  type ScenarioInput,
  type StepEvent,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { deviceFeatures, diagramScene, visibleSockets } from '../../../src/ui/diagram/scene';

function run(input: ScenarioInput): { scenario: Scenario; events: readonly StepEvent[] } {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return { scenario: parsed.scenario, events: simulate(parsed.scenario).events };
}

function indexOf(events: readonly StepEvent[], pick: (e: StepEvent) => boolean): number {
  const i = events.findIndex(pick);
  if (i < 0) throw new Error('no such event');
  return i;
}

describe('diagramScene', () => {
  it('has no packet for a socket event, and focuses the host', () => {
    const { scenario, events } = run({});
    expect(diagramScene(events, 0, scenario)).toEqual({ notes: [], focus: 'server' });
  });

  it('labels packets with their flags, their FTP line (without CR LF) or their byte count', () => {
    const { scenario, events } = run({});
    const label = (pick: (e: StepEvent) => boolean) =>
      diagramScene(events, indexOf(events, pick), scenario).packet?.label;
    expect(label((e) => e.kind === 'tcp/segment-sent' && e.packet.from === 'server')).toEqual({
      kind: 'flags',
      text: 'SYN, ACK',
    });
    expect(label((e) => e.kind === 'ftp/reply-sent')).toEqual({ kind: 'ftp', text: '220 (vsFTPd 3.0.3)' });
    expect(label((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PORT')).toMatchObject({
      kind: 'ftp',
      text: expect.stringMatching(/^PORT 198,51,100,10,\d+,\d+$/),
    });
    expect(label((e) => e.kind === 'tcp/segment-sent' && e.packet.segment.payload.length > 0)).toEqual({
      kind: 'bytes',
      count: 135,
    });
  });

  it('labels a segment of TLS records by what the wire shows: clear-text hellos by name, the rest encrypted', () => {
    const { scenario, events } = run({ tls: 'explicit', mode: 'passive' });
    const label = (pick: (e: StepEvent) => boolean) =>
      diagramScene(events, indexOf(events, pick), scenario).packet?.label;
    expect(label((e) => isPacketEvent(e) && e.packet.tls?.[0]?.carries === 'client-hello')).toEqual({
      kind: 'tls',
      summary: { clear: ['ClientHello'], encrypted: 0 },
    });
    expect(label((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PASV')).toEqual({
      kind: 'tls',
      summary: { clear: [], encrypted: 1 },
    });
    // AUTH TLS and its 234 go before TLS starts: still FTP lines anyone can read.
    expect(label((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'AUTH')).toEqual({
      kind: 'ftp',
      text: 'AUTH TLS',
    });
  });

  it("drops the server's data SYN at the client, with the rule, and parks it there for the verdict", () => {
    const { scenario, events } = run({ clientFirewall: 'stateful' });
    const at = indexOf(events, (e) => isPacketEvent(e) && e.packet.conn === 'data-1');
    const scene = diagramScene(events, at, scenario);
    expect(scene.packet).toMatchObject({
      conn: 'data-1',
      connLabel: { kind: 'data', k: 1 },
      path: ['server', 'server-router', 'internet', 'client-router', 'client'],
      stopsAt: 'client',
      fate: 'dropped',
      retransmission: 0,
      motion: { kind: 'travel' },
    });
    expect(scene.notes).toEqual([{ kind: 'dropped', device: 'client', rule: '-P INPUT DROP' }]);
    expect(scene.focus).toBe('client');

    const verdict = diagramScene(events, at + 1, scenario);
    expect(verdict.packet).toMatchObject({ fate: 'dropped', motion: { kind: 'parked', at: 'client' } });
    expect(verdict.notes).toEqual([
      { kind: 'verdict', device: 'client', action: 'drop', state: 'new', rule: '-P INPUT DROP' },
    ]);

    const retry = indexOf(events, (e) => isPacketEvent(e) && e.packet.retransmission === 2);
    expect(diagramScene(events, retry, scenario).packet?.retransmission).toBe(2);

    const timer = indexOf(events, (e) => e.kind === 'timer/expired');
    expect(diagramScene(events, timer, scenario)).toEqual({
      notes: [{ kind: 'timer', device: 'server', timer: 'server-connect-timeout', after: 60 }],
      focus: 'server',
    });
  });

  it('stops a refused SYN at the router that answers RST, and sends the RST from that router', () => {
    const { scenario, events } = run({ mode: 'epsv', serverNat: 'private' });
    const at = indexOf(events, (e) => isPacketEvent(e) && e.packet.fate.kind === 'refused');
    const scene = diagramScene(events, at, scenario);
    expect(scene.packet).toMatchObject({ stopsAt: 'server-router', fate: 'refused' });
    expect(scene.notes).toContainEqual({ kind: 'refused', device: 'server-router' });
    const rst = diagramScene(events, at + 1, scenario);
    expect(rst.packet).toMatchObject({
      path: ['server-router', 'internet', 'client-router', 'client'],
      stopsAt: 'client',
      fate: 'delivered',
      label: { kind: 'flags', text: 'RST, ACK' },
    });
  });

  it("shows the client router's SNAT: as the engine reports it, then from the two views", () => {
    const { scenario, events } = run({ clientNat: true });
    const syn = indexOf(events, (e) => isPacketEvent(e) && e.packet.conn === 'control');
    expect(diagramScene(events, syn, scenario).notes).toEqual([
      {
        kind: 'nat',
        device: 'client-router',
        type: 'snat',
        changes: [{ field: 'src', before: '192.168.1.10:56012', after: '203.0.113.1:56012' }],
      },
    ]);
    // The server's reply is rewritten back: its destination, at the same router.
    const reply = indexOf(events, (e) => e.kind === 'ftp/reply-sent');
    expect(diagramScene(events, reply, scenario).notes).toEqual([
      {
        kind: 'nat',
        device: 'client-router',
        changes: [{ field: 'dst', before: '203.0.113.1:56012', after: '192.168.1.10:56012' }],
      },
    ]);
    // Without NAT, nothing to show.
    const plain = run({});
    expect(diagramScene(plain.events, 1, plain.scenario).notes).toEqual([]);
  });

  it('splits a rewrite between two NAT routers: the source near the sender, the destination near the receiver', () => {
    const { scenario, events } = run({ clientNat: true, serverNat: 'private', mode: 'passive' });
    const user = indexOf(events, (e) => e.kind === 'ftp/command-sent' && e.command.verb === 'USER');
    expect(diagramScene(events, user, scenario).notes).toEqual([
      {
        kind: 'nat',
        device: 'client-router',
        changes: [{ field: 'src', before: '192.168.1.10:56012', after: '203.0.113.1:56012' }],
      },
      {
        kind: 'nat',
        device: 'server-router',
        changes: [{ field: 'dst', before: '203.0.113.2:21', after: '172.16.0.21:21' }],
      },
    ]);
  });

  it('shows the FTP helper rewriting PORT and its expectation', () => {
    const { scenario, events } = run({ clientNat: true, helper: true });
    const rewrite = events.find((e) => e.kind === 'nat/payload-rewritten');
    if (rewrite?.kind !== 'nat/payload-rewritten') throw new Error('no rewrite');
    const scene = diagramScene(events, rewrite.index, scenario);
    expect(scene.notes).toEqual([
      { kind: 'payload', device: 'client-router', before: rewrite.before, after: rewrite.after },
    ]);
    expect(scene.packet).toMatchObject({ motion: { kind: 'parked', at: 'client-router' } });
    expect(scene.packet?.label).toMatchObject({
      kind: 'ftp',
      text: expect.stringMatching(/^PORT 192,168,1,10,/),
    });

    const expectation = indexOf(events, (e) => e.kind === 'conntrack/expectation-created');
    expect(diagramScene(events, expectation, scenario)).toEqual({
      notes: [
        {
          kind: 'expectation',
          device: 'client-router',
          source: '192.0.2.21',
          destination: expect.stringMatching(/^203\.0\.113\.1:\d+$/),
          translatedTo: expect.stringMatching(/^192\.168\.1\.10:\d+$/),
        },
      ],
      focus: 'client-router',
    });
  });

  it('is empty past the last event', () => {
    const { scenario, events } = run({});
    expect(diagramScene(events, events.length, scenario)).toEqual({ notes: [] });
  });
});

describe('visibleSockets', () => {
  it('shows a socket that closes at this step as CLOSED, and forgets it at the next', () => {
    const { events } = run({ clientFirewall: 'stateful' });
    const closed = indexOf(events, (e) => e.kind === 'timer/expired');
    // The server's connect() gives up: its data socket, in SYN_SENT until now, closes.
    const before = visibleSockets(events, closed - 1, 4).server.rows.map((r) => `${r.state} ${r.conn}`);
    expect(before).toContain('SYN_SENT data-1');
    const now = visibleSockets(events, closed, 4).server.rows.map((r) => `${r.state} ${r.conn}`);
    expect(now).toContain('CLOSED data-1');
    const after = visibleSockets(events, closed + 1, 4).server.rows.map((r) => `${r.state} ${r.conn}`);
    expect(after.some((r) => r.endsWith('data-1'))).toBe(false);
  });

  it('keeps a row identity while the state changes, and names its addresses', () => {
    const { events } = run({});
    const syn = visibleSockets(events, 1, 4).client.rows[0];
    const est = visibleSockets(events, 2, 4).client.rows[0];
    expect(syn).toMatchObject({
      state: 'SYN_SENT',
      local: '198.51.100.10:56012',
      localPort: 56012,
      remote: '192.0.2.21:21',
    });
    expect(est?.state).toBe('ESTABLISHED');
    expect(est?.key).toBe(syn?.key);
    expect(visibleSockets(events, 0, 4).server.rows).toEqual([
      {
        key: expect.any(String),
        conn: 'control',
        connLabel: { kind: 'control' },
        state: 'LISTEN',
        local: '192.0.2.21:21',
        localPort: 21,
      },
    ]);
  });

  it('fits the rows to the room, leaving out the oldest TIME_WAIT sockets first', () => {
    const { events } = run({
      mode: 'passive',
      commands: Array.from({ length: 8 }, () => ({ verb: 'LIST' as const })),
    });
    let worst = { shown: 0, hidden: 0, states: [] as string[] };
    for (let c = 0; c < events.length; c++) {
      const s = visibleSockets(events, c, 4).server;
      expect(s.rows.length + (s.hidden > 0 ? 1 : 0)).toBeLessThanOrEqual(4);
      if (s.hidden > worst.hidden)
        worst = { shown: s.rows.length, hidden: s.hidden, states: s.rows.map((r) => r.state) };
    }
    expect(worst.hidden).toBeGreaterThan(0);
    expect(worst.shown).toBe(3);
    // What is left out is TIME_WAIT; the listening control socket stays.
    expect(worst.states).toContain('LISTEN');
  });
});

describe('deviceFeatures', () => {
  it('puts each firewall on its host, NAT on its router, and the helper where connections are tracked', () => {
    const { scenario } = run({
      clientFirewall: 'stateful',
      serverFirewall: 'port21+range',
      serverNat: 'public',
      helper: true,
    });
    expect(deviceFeatures(scenario)).toEqual({
      client: { firewall: 'stateful', nat: false, conntrack: true, helper: true },
      'client-router': { nat: false, conntrack: false, helper: false },
      internet: { nat: false, conntrack: false, helper: false },
      'server-router': { nat: true, conntrack: true, helper: true },
      server: { firewall: 'port21+range', nat: false, conntrack: true, helper: true },
    });
    const plain = deviceFeatures(run({ helper: false, clientNat: true }).scenario);
    expect(plain['client-router']).toEqual({ nat: true, conntrack: true, helper: false });
    expect(plain.client).toEqual({ nat: false, conntrack: false, helper: false });
  });
});
