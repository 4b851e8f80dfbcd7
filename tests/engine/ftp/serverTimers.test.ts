import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPacketEvent,
  simulate,
  type PacketEvent,
  type ScenarioInput,
  type StepEvent,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

function run(input: ScenarioInput): readonly StepEvent[] {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario).events;
}

const replies = (events: readonly StepEvent[]) =>
  events.flatMap((e) => (e.kind === 'ftp/reply-sent' ? [e] : []));
const reply = (events: readonly StepEvent[], code: number) => {
  const found = replies(events).find((e) => e.reply.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};
const packets = (events: readonly StepEvent[]): PacketEvent[] => events.filter(isPacketEvent);
const firstFin = (events: readonly StepEvent[], conn: string, from?: string): PacketEvent | undefined =>
  packets(events).find(
    (e) =>
      e.packet.conn === conn && e.packet.segment.flags.fin && (from === undefined || e.packet.from === from),
  );
const transfers = (events: readonly StepEvent[]) =>
  events.flatMap((e) => (e.kind === 'transfer/finished' ? [e.transfer] : []));
const seconds = (us: number): number => us / 1e6;

const STALLED_UPLOAD = { commands: [{ verb: 'STOR' as const, file: 'up.txt', size: 100 }] };

describe("vsftpd's idle_session_timeout", () => {
  it.each(['active', 'passive'] as const)(
    '%s: a client quiet after login reads "421 Timeout." one timeout after the 230, then vsftpd closes first',
    (mode) => {
      const events = run({ mode, client: { pause: 'after-login' }, server: { idleTimeout: 3 } });
      const loggedIn = reply(events, 230);
      const timeout = reply(events, 421);
      expect(timeout.reply.text).toBe('Timeout.');
      // tests/lab: 421 came 2.0003–2.0006 s after the 230 for a 2 s timer.
      expect(seconds(timeout.at - loggedIn.at)).toBeGreaterThanOrEqual(3);
      expect(seconds(timeout.at - loggedIn.at)).toBeLessThan(3.001);
      const serverFin = firstFin(events, 'control', 'server');
      const clientFin = firstFin(events, 'control', 'client');
      if (!serverFin || !clientFin) throw new Error('the control connection did not close');
      expect(serverFin.at - timeout.at).toBeGreaterThanOrEqual(80);
      expect(serverFin.at - timeout.at).toBeLessThanOrEqual(400);
      expect(clientFin.at).toBeGreaterThan(serverFin.at);
      expect(packets(events).some((e) => e.packet.segment.flags.rst)).toBe(false);
      const expired = events.find((e) => e.kind === 'timer/expired');
      expect(expired).toMatchObject({ host: 'server', timer: 'server-idle-timeout', after: 3 });
      expect(transfers(events)).toEqual([
        expect.objectContaining({ outcome: 'failed', reason: 'session-timeout', replyCodes: [421] }),
      ]);
      expect(events.at(-1)).toMatchObject({ kind: 'session/finished', outcome: 'failed' });
    },
  );

  it('never fires while commands keep coming: a session shorter than the timer ends with 221', () => {
    const events = run({ mode: 'passive', server: { idleTimeout: 1 } });
    expect(replies(events).map((e) => e.reply.code)).not.toContain(421);
    expect(events.some((e) => e.kind === 'timer/expired')).toBe(false);
    expect(events.at(-1)).toMatchObject({ outcome: 'success' });
  });

  it('ends a session whose client is stuck in connect(); the client closes only once connect() returns', () => {
    const events = run({
      mode: 'passive',
      serverFirewall: 'port21',
      server: { idleTimeout: 2 },
      client: { connectTimeout: 10 },
    });
    const timeout = reply(events, 421);
    const clientFin = firstFin(events, 'control', 'client');
    const gaveUp = events.find((e) => e.kind === 'timer/expired' && e.timer === 'client-connect-timeout');
    if (!clientFin || !gaveUp) throw new Error('no client FIN or no connect time-out');
    expect(seconds(timeout.at)).toBeLessThan(3);
    expect(clientFin.at).toBeGreaterThanOrEqual(gaveUp.at);
    expect(transfers(events)).toEqual([
      expect.objectContaining({ reason: 'session-timeout', replyCodes: [227, 421] }),
    ]);
  });
});

describe("vsftpd's data_connection_timeout", () => {
  it.each(['active', 'passive', 'eprt', 'epsv'] as const)(
    '%s: a stalled upload: data FIN one timeout after 150, then "421 Data timeout. Reconnect. Sorry.", then the control FIN',
    (mode) => {
      const events = run({
        mode,
        ...STALLED_UPLOAD,
        client: { pause: 'during-upload' },
        server: { dataTimeout: 4 },
      });
      const started = reply(events, 150);
      const timeout = reply(events, 421);
      const dataFin = firstFin(events, 'data-1', 'server');
      const controlFin = firstFin(events, 'control', 'server');
      if (!dataFin || !controlFin) throw new Error('no FIN');
      expect(timeout.reply.text).toBe('Data timeout. Reconnect. Sorry.');
      expect(seconds(dataFin.at - started.at)).toBeGreaterThanOrEqual(4);
      expect(seconds(dataFin.at - started.at)).toBeLessThan(4.001);
      // tests/lab: the 421 0.1–0.4 ms after the data FIN.
      expect(timeout.at - dataFin.at).toBeGreaterThanOrEqual(100);
      expect(timeout.at - dataFin.at).toBeLessThanOrEqual(400);
      expect(controlFin.at).toBeGreaterThan(timeout.at);
      // The stalled client reads nothing until the 421: only then does it close data, then control.
      const clientDataFin = firstFin(events, 'data-1', 'client');
      const clientControlFin = firstFin(events, 'control', 'client');
      if (!clientDataFin || !clientControlFin) throw new Error('the client did not close');
      expect(clientDataFin.at).toBeGreaterThan(controlFin.at);
      expect(clientControlFin.at).toBeGreaterThan(clientDataFin.at);
      expect(transfers(events)).toEqual([
        expect.objectContaining({ outcome: 'failed', reason: 'data-timeout' }),
      ]);
      expect(transfers(events)[0]?.replyCodes.slice(-2)).toEqual([150, 421]);
    },
  );

  it('does not fire while the data moves: an upload that flows finishes with 226 under a short timer', () => {
    const events = run({
      mode: 'passive',
      commands: [{ verb: 'STOR', file: 'big.bin', size: 65536 }],
      server: { dataTimeout: 1 },
    });
    expect(replies(events).map((e) => e.reply.code)).toContain(226);
    expect(replies(events).map((e) => e.reply.code)).not.toContain(421);
  });
});

describe('the races real stacks show, chosen by the seed', () => {
  const orders = (seed: number, mode: 'active' | 'passive') => {
    const events = run({ mode, seed });
    const done = reply(events, 226);
    const dataFin = firstFin(events, 'data-1', 'server');
    const bye = firstFin(events, 'control');
    if (!dataFin || !bye) throw new Error('no FIN');
    return { finFirst: dataFin.at < done.at, clientClosesFirst: bye.packet.from === 'client' };
  };

  it.each(['active', 'passive'] as const)(
    '%s: the data FIN mostly comes before 226 and the server mostly closes first after 221, but not always',
    (mode) => {
      const seen = Array.from({ length: 120 }, (_, i) => orders(i + 1, mode));
      const finFirst = seen.filter((o) => o.finFirst).length;
      const clientFirst = seen.filter((o) => o.clientClosesFirst).length;
      // tests/lab, 20 runs per mode: FIN before 226 in 18–19, the client's FIN first after 221 in 4–6.
      expect(finFirst).toBeGreaterThan(96);
      expect(finFirst).toBeLessThan(120);
      expect(clientFirst).toBeGreaterThan(15);
      expect(clientFirst).toBeLessThan(60);
    },
  );

  it('always has the client acknowledge the 226 on its own before it sends QUIT (20 of 20 lab runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom('active', 'passive'),
        (seed, mode) => {
          const events = run({ mode: mode as 'active' | 'passive', seed });
          const done = reply(events, 226);
          const quit = events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'QUIT');
          if (!quit) throw new Error('no QUIT');
          const pureAck = packets(events).find(
            (e) =>
              e.packet.conn === 'control' &&
              e.packet.from === 'client' &&
              e.at > done.at &&
              e.at < quit.at &&
              e.packet.segment.payload.length === 0,
          );
          expect(pureAck).toBeDefined();
        },
      ),
      { numRuns: 60, seed: 20261202 },
    );
  });
});
