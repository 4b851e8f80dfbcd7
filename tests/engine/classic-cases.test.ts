import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, eventOfPacket, simulate, type StepEvent } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';

function run(input: unknown) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return simulate(r.scenario);
}

describe('the classic cases', () => {
  for (const builtin of BUILTIN_SCENARIOS) {
    it(`${builtin.id}: ${builtin.expect.outcome}`, () => {
      const sim = run(builtin.input);
      expect(sim.outcome).toBe(builtin.expect.outcome);
      const expectation = builtin.expect;
      if (expectation.outcome === 'success') {
        expect(sim.transfers.every((t) => t.outcome === 'success')).toBe(true);
        return;
      }
      const failed = sim.transfers.find((t) => t.outcome === 'failed');
      expect(failed?.reason).toBe(expectation.reason);
      expect(failed?.replyCodes.at(-1)).toBe(expectation.replyCode);
      const drops = sim.events.filter(
        (e): e is Extract<StepEvent, { kind: 'fw/verdict' }> =>
          e.kind === 'fw/verdict' && e.verdict.action === 'drop',
      );
      if (expectation.droppedBy) {
        expect(drops.length).toBeGreaterThan(0);
        for (const d of drops) {
          expect(d.device).toBe(expectation.droppedBy.device);
          expect(d.verdict.rule.id).toBe(expectation.droppedBy.rule);
        }
        // The transfer points at the first dropped SYN.
        const first =
          failed?.failedPacket === undefined ? undefined : eventOfPacket(sim.events, failed.failedPacket);
        expect(first && 'packet' in first ? first.packet.fate.kind : undefined).toBe('dropped');
      } else {
        expect(drops).toEqual([]);
      }
      if (expectation.refusedBy) {
        const rst = sim.events.find((e) => 'packet' in e && e.packet.segment.flags.rst);
        expect(rst && 'packet' in rst ? rst.packet.from : undefined).toBe(expectation.refusedBy);
      }
    });
  }
});

describe('active mode behind a client firewall', () => {
  const sim = run({ clientFirewall: 'stateful' });
  const dataSyns = sim.events.filter(
    (e) => 'packet' in e && e.packet.conn === 'data-1' && e.packet.segment.flags.syn,
  );

  it('shows the server SYN from port 20 reaching the client host and dropped there, never answered', () => {
    expect(dataSyns.length).toBeGreaterThan(1);
    for (const e of dataSyns) {
      if (!('packet' in e)) continue;
      expect(e.packet.segment.src.port).toBe(20);
      expect(e.packet.views.client).toBeDefined();
      expect(e.packet.fate).toMatchObject({ kind: 'dropped', device: 'client' });
    }
    expect(
      sim.events.some((e) => 'packet' in e && e.packet.conn === 'data-1' && e.packet.segment.flags.ack),
    ).toBe(false);
  });

  it('with vsftpd defaults the server gives up after connect_timeout (60 s), before the kernel would, and replies 425', () => {
    // Measured on vsftpd 3.0.3 + Linux 6.18: 10 SYNs (the last at 35.7 s), then 425 at LIST + 60.06 s.
    expect(dataSyns).toHaveLength(10);
    const timer = sim.events.find((e) => e.kind === 'timer/expired');
    expect(timer).toMatchObject({ host: 'server', timer: 'server-connect-timeout' });
    const list = sim.events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'LIST');
    const reply = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 425);
    expect(((reply?.at ?? 0) - (list?.at ?? 0)) / 1e6).toBeCloseTo(60, 0);
    expect(sim.events.some((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 150)).toBe(false);
  });

  it('with connect_timeout 5 s it fails exactly as the capture: 5 SYNs, then 425 about 5 s after LIST', () => {
    const short = run({ clientFirewall: 'stateful', server: { connectTimeout: 5 } });
    const syns = short.events.filter(
      (e) => 'packet' in e && e.packet.conn === 'data-1' && e.packet.segment.flags.syn,
    );
    expect(syns).toHaveLength(5);
    const list = short.events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'LIST');
    const r425 = short.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 425);
    expect(((r425?.at ?? 0) - (list?.at ?? 0)) / 1e6).toBeCloseTo(5.0, 1);
  });
});

describe('the FTP helper behind client NAT', () => {
  it('rewrites the PORT command to the public address and keeps sequence numbers consistent', () => {
    const sim = run({ clientNat: true, helper: true });
    const rewrite = sim.events.find((e) => e.kind === 'nat/payload-rewritten');
    expect(rewrite).toMatchObject({
      device: 'client-router',
      after: expect.stringMatching(/^203,0,113,1,/),
      sizeDelta: -1,
    });
    const port = sim.events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PORT');
    if (!port || !('packet' in port)) throw new Error('no PORT');
    expect(port.packet.views.client?.segment.payload).toMatch(/^PORT 192,168,1,10,/);
    expect(port.packet.views.server?.segment.payload).toMatch(/^PORT 203,0,113,1,/);
    // After the rewrite, the server sees the client's later bytes one sequence number earlier.
    const quit = sim.events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'QUIT');
    if (!quit || !('packet' in quit)) throw new Error('no QUIT');
    const { client, server } = quit.packet.views;
    expect(((server?.segment.seq ?? 0) - (client?.segment.seq ?? 0)) | 0).toBe(-1);
  });

  it('without the helper, vsftpd refuses the private address in PORT (port_promiscuous=NO)', () => {
    const sim = run({ clientNat: true });
    const reply = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 500);
    expect(reply && 'reply' in reply ? reply.reply.text : '').toBe('Illegal PORT command.');
    expect(sim.events.some((e) => 'packet' in e && e.packet.conn === 'data-1')).toBe(false);
  });
});
