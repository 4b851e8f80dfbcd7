import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeExtendedPassivePort,
  differenceTable,
  gradePrediction,
  isPacketEvent,
  LESSON_CHAPTERS,
  lessonReplay,
  partScenario,
  readPort,
  usesPassive,
  type LessonPartDefinition,
  type PacketEvent,
  type PredictionPoint,
  type StepEvent,
} from '../../../src/engine';
import { ACTIVITY_ID } from '../../../src/progress/document';

const PARTS: readonly (readonly [string, LessonPartDefinition])[] = LESSON_CHAPTERS.flatMap((c) =>
  c.kind === 'replay' ? c.parts.map((p) => [c.id, p] as const) : [],
);

/** The first SYN (without ACK, or with it) at or after an index: the connection the question was about. */
function synFrom(events: readonly StepEvent[], index: number, ack: boolean): PacketEvent {
  const e = events
    .slice(index)
    .find((x) => isPacketEvent(x) && x.packet.segment.flags.syn && x.packet.segment.flags.ack === ack);
  if (!e || !isPacketEvent(e)) throw new Error(`no SYN after ${index}`);
  return e;
}

/**
 * What the events after the stop show, read the way a learner reads the replay (not the way the lesson
 * computes it): the answer every point must have.
 */
function shownAnswer(point: PredictionPoint, events: readonly StepEvent[]): string {
  switch (point.ask) {
    case 'who-opens':
      return synFrom(events, point.index, false).packet.from;
    case 'destination-port':
      return String(synFrom(events, point.index, false).packet.segment.dst.port);
    case 'source-port': {
      const port = synFrom(events, point.index, false).packet.segment.src.port;
      const controlSyn = events.find((e) => isPacketEvent(e) && e.packet.conn === 'control');
      const n = controlSyn && isPacketEvent(controlSyn) ? controlSyn.packet.segment.src.port : -1;
      if (port === 20) return '20';
      if (port === 21) return '21';
      return port === n + 1 ? 'n-plus-one' : 'ephemeral';
    }
    case 'will-it-pass': {
      // It got through when the host it was sent to answered it on the same connection (a capture on
      // that host would show it even when its firewall drops it: tcpdump sees packets before netfilter).
      const e = events[point.index];
      if (!e || !isPacketEvent(e)) throw new Error('not a packet');
      const to = e.packet.from === 'client' ? 'server' : 'client';
      const answered = events
        .slice(point.index + 1)
        .some((x) => isPacketEvent(x) && x.packet.conn === e.packet.conn && x.packet.from === to);
      return answered ? 'passes' : 'blocked';
    }
    case 'which-reply': {
      const reply = events.slice(point.index).find((e) => e.kind === 'ftp/reply-sent');
      if (reply?.kind !== 'ftp/reply-sent') throw new Error('no reply');
      return String(reply.reply.code);
    }
  }
}

const seeds = fc.integer({ min: 0, max: 0xffffffff });
const controlPorts = fc.integer({ min: 1024, max: 60000 });

describe('lesson chapters', () => {
  it('have unique ids that the progress store accepts, and every part asks something', () => {
    for (const chapter of LESSON_CHAPTERS) {
      expect(chapter.id).toMatch(ACTIVITY_ID);
      if (chapter.kind !== 'replay') continue;
      const ids = chapter.parts.flatMap((p) => p.checkpoints.map((c) => c.id));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(ACTIVITY_ID);
      for (const part of chapter.parts) expect(part.checkpoints.length).toBeGreaterThan(0);
    }
  });

  it('stop at every checkpoint and show every note, whatever the seed and the control port', () => {
    fc.assert(
      fc.property(seeds, controlPorts, (seed, controlPort) => {
        for (const [, part] of PARTS) {
          const scenario = partScenario(part, seed);
          scenario.client.controlPort = controlPort;
          const replay = lessonReplay(part, scenario);
          expect(replay.points.map((p) => p.id).sort()).toEqual(part.checkpoints.map((c) => c.id).sort());
          expect(replay.notes).toHaveLength(part.notes.length);
          for (const point of replay.points) {
            expect(point.index).toBeGreaterThanOrEqual(1);
            expect(point.index).toBeLessThanOrEqual(replay.end);
          }
          const order = replay.points.map((p) => p.index);
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('grade as right exactly the answer the following events show, for many seeds', () => {
    fc.assert(
      fc.property(seeds, controlPorts, (seed, controlPort) => {
        for (const [, part] of PARTS) {
          const scenario = partScenario(part, seed);
          scenario.client.controlPort = controlPort;
          const { points, simulation } = lessonReplay(part, scenario);
          for (const point of points) {
            const shown = shownAnswer(point, simulation.events);
            expect(gradePrediction(point, shown)).toMatchObject({ kind: 'graded', correct: true });
            for (const other of point.choices.filter((c) => c !== shown))
              expect(gradePrediction(point, other)).toMatchObject({ kind: 'graded', correct: false });
            if (point.input === 'number') {
              expect(gradePrediction(point, String(Number(shown) + 1))).toMatchObject({ correct: false });
            } else {
              expect(point.choices).toContain(shown);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('decode the announcement with p1×256+p2 into the port the data connection then goes to', () => {
    fc.assert(
      fc.property(seeds, controlPorts, (seed, controlPort) => {
        for (const [, part] of PARTS) {
          const scenario = partScenario(part, seed);
          scenario.client.controlPort = controlPort;
          const { points, simulation } = lessonReplay(part, scenario);
          for (const point of points.filter((p) => p.ask === 'destination-port')) {
            const { announced } = point.question.params;
            const text = String(announced);
            const six = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(text);
            const expected = six
              ? Number(six[5]) * 256 + Number(six[6])
              : (decodeExtendedPassivePort(text) ?? 21);
            expect(point.answer).toBe(String(expected));
            expect(point.explanation.params.port).toBe(expected);
            const syn = synFrom(simulation.events, point.index, false);
            expect(syn.packet.segment.dst.port).toBe(expected);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('tell the textbook story in the default lesson: who opens, from which port, what gets through', () => {
    const answers = (chapter: string) => {
      const def = LESSON_CHAPTERS.find((c) => c.id === chapter);
      if (def?.kind !== 'replay' || !def.parts[0]) throw new Error(chapter);
      return Object.fromEntries(lessonReplay(def.parts[0]).points.map((p) => [p.id, p.answer]));
    };
    expect(answers('control-connection')).toEqual({ 'control-port': '21', banner: '220', login: '230' });
    expect(answers('active-mode')).toEqual({
      'who-opens': 'server',
      'data-port': '56013',
      'server-port': '20',
      'after-list': '150',
    });
    expect(answers('client-firewall')).toEqual({ 'syn-passes': 'blocked', 'after-list': '425' });
    expect(answers('passive-mode')).toMatchObject({
      'who-opens': 'client',
      'client-port': 'ephemeral',
      'syn-ack-passes': 'passes',
      'after-list': '150',
    });
  });

  it('keeps passive mode’s client port ephemeral and active mode’s server port 20', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        for (const [, part] of PARTS) {
          const { points, simulation } = lessonReplay(part, partScenario(part, seed));
          for (const point of points.filter((p) => p.ask === 'source-port'))
            expect(point.answer).toBe(usesPassive(simulation.scenario.mode) ? 'ephemeral' : '20');
        }
      }),
      { numRuns: 25 },
    );
  });

  it('end chapter 1 at the login, before any data connection and before the outcome', () => {
    const [, part] = PARTS[0] ?? [];
    if (!part) throw new Error('no part');
    const replay = lessonReplay(part);
    const shown = replay.simulation.events.slice(0, replay.end + 1);
    expect(shown.at(-1)).toMatchObject({ kind: 'ftp/reply-sent', reply: { code: 230 } });
    expect(shown.some((e) => e.kind === 'session/finished')).toBe(false);
  });
});

describe('grading a typed port', () => {
  it('reads digits, with or without a thousands separator, and nothing else', () => {
    expect(readPort('56013')).toBe('56013');
    expect(readPort(' 56013 ')).toBe('56013');
    expect(readPort('56.013')).toBe('56013');
    expect(readPort('56,013')).toBe('56013');
    expect(readPort('56 013')).toBe('56013');
    expect(readPort('21')).toBe('21');
    for (const bad of ['', 'abc', '0', '65536', '5601.3', '218*256+205', '1e3', '0x15', '-21'])
      expect(readPort(bad)).toBeUndefined();
  });

  it('asks again when a response is no port or no choice on offer', () => {
    const active = PARTS.find(([c]) => c === 'active-mode')?.[1];
    if (!active) throw new Error('no active part');
    const points = lessonReplay(active).points;
    const typed = points.find((p) => p.input === 'number');
    const choice = points.find((p) => p.input === 'choice');
    if (!typed || !choice) throw new Error('no points');
    expect(gradePrediction(typed, 'port fifty-six thousand')).toEqual({ kind: 'unreadable' });
    expect(gradePrediction(choice, 'router')).toEqual({ kind: 'unreadable' });
    expect(gradePrediction(typed, '56.013')).toMatchObject({
      kind: 'graded',
      correct: true,
      response: '56013',
    });
  });
});

describe('the table of differences', () => {
  it('is filled from chapters 2–4: who opened, the server’s port, what got dropped', () => {
    const columns = differenceTable('differences');
    expect(columns.map((c) => c.chapter)).toEqual(['active-mode', 'client-firewall', 'passive-mode']);
    const row = (chapter: string, name: string) =>
      columns.find((c) => c.chapter === chapter)?.rows.find((r) => r.row === name);
    expect(row('active-mode', 'opener')).toMatchObject({ opener: 'server' });
    expect(row('passive-mode', 'opener')).toMatchObject({ opener: 'client' });
    expect(row('active-mode', 'serverDataPort')).toMatchObject({ port: 20 });
    expect(row('client-firewall', 'firewallTrouble')).toMatchObject({ droppedBy: 'client' });
    expect(row('client-firewall', 'recommended')).toMatchObject({ outcome: 'failed' });
    expect(differenceTable('active-mode')).toEqual([]);
  });
});

describe('chapter 6 with curl behind the server NAT', () => {
  const part = PARTS.find(([, p]) => p.id === 'server-nat-curl')?.[1];

  it('replays curl dialling the control connection peer, not the private address in the 227', () => {
    if (!part) throw new Error('no server-nat-curl part');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
        const { simulation, notes } = lessonReplay(part, partScenario(part, seed));
        expect(simulation.scenario.client.program).toBe('curl');
        const reply = simulation.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
        if (reply?.kind !== 'ftp/reply-sent' || !reply.reply.address) throw new Error('no 227');
        const syn = synFrom(simulation.events, 0, false);
        const data = simulation.events.find(
          (e): e is PacketEvent =>
            isPacketEvent(e) && e.packet.conn !== 'control' && e.packet.segment.flags.syn,
        );
        expect(syn.packet.conn).toBe('control');
        expect(data?.packet.segment.dst).toEqual({
          ip: simulation.addresses.serverRouter.wan,
          port: reply.reply.address.port,
        });
        expect(data?.packet.segment.dst.ip).not.toBe(reply.reply.address.ip);
        // The closing note states curl's own exit status, read from the session's end.
        const end = notes.find((n) => n.narration.key === 'lesson.notes.curl-refused');
        expect(end?.narration.params.status).toBe(simulation.clientExit?.status);
        expect(
          simulation.events.some((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'QUIT'),
        ).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});
