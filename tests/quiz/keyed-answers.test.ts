import { describe, expect, it } from 'vitest';
import { isPacketEvent, modeComparison, simulate, type Simulation, type StepEvent } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import {
  TOPICS,
  generateQuiz,
  gradeAnswer,
  meaningOf,
  type ChoiceQuestion,
  type Message,
  type Question,
} from '../../src/quiz';

/**
 * Every keyed answer is checked against a fresh simulation of the question's scenario, recomputed here
 * from the raw events (not with the quiz's own helpers), for many seeds.
 */
const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 1);
const COUNT = 10; // two questions of each topic per quiz

function freshRun(q: Question): Simulation {
  const parsed = parseScenario(q.showMe.scenario);
  if (!parsed.ok) throw new Error(`${q.id}: invalid scenario ${JSON.stringify(parsed.problems)}`);
  return simulate(parsed.scenario);
}

function correctChoice(q: ChoiceQuestion): Message {
  const matches = q.choices.filter((c) => c.id === q.answer);
  expect(matches, `${q.id}: one choice carries the answer id`).toHaveLength(1);
  return (matches[0] as { text: Message }).text;
}

const dev = (id: string): Message => ({ key: `devices.${id}`, params: {} });

/** Whether a learner would predict this event: a first transmission that is more than an ACK, or a drop. */
function isMove(e: StepEvent, retransmitted: ReadonlySet<number>): boolean {
  if (isPacketEvent(e)) {
    if (e.packet.retransmission > 0) return false;
    if (e.kind !== 'tcp/segment-sent' || e.packet.segment.payload.length > 0) return true;
    const f = e.packet.segment.flags;
    return f.syn || f.fin || f.rst;
  }
  return e.kind === 'fw/verdict' && e.verdict.action === 'drop' && !retransmitted.has(e.packetId);
}

/** The event in the words of the quiz's choices, built from its raw fields. */
function describe_(e: StepEvent): Message {
  if (e.kind === 'fw/verdict') {
    const key = e.verdict.rule.id === 'no-route-private' ? 'quiz.move.noRoute' : 'quiz.move.drop';
    return { key, params: { device: dev(e.device) } };
  }
  if (!isPacketEvent(e)) throw new Error(`not a move: ${e.kind}`);
  const sender = dev(e.packet.from);
  const port = e.packet.segment.dst.port;
  if (e.kind === 'ftp/command-sent')
    return { key: 'quiz.move.command', params: { sender, verb: e.command.verb, port } };
  if (e.kind === 'ftp/reply-sent')
    return { key: 'quiz.move.reply', params: { sender, code: e.reply.code, port } };
  if (e.packet.segment.payload.length > 0) return { key: 'quiz.move.data', params: { sender, port } };
  const f = e.packet.segment.flags;
  const flags = [f.fin && 'FIN', f.syn && 'SYN', f.rst && 'RST', f.ack && 'ACK'].filter(Boolean).join(', ');
  return { key: 'quiz.move.segment', params: { sender, flags, port } };
}

function checkPredict(q: ChoiceQuestion, sim: Simulation): void {
  const retransmitted = new Set(
    sim.events.flatMap((e) => (isPacketEvent(e) && e.packet.retransmission > 0 ? [e.packet.id] : [])),
  );
  const answerEvent = sim.events[q.showMe.step];
  if (!answerEvent) throw new Error(`${q.id}: no event at step ${q.showMe.step}`);
  expect(isMove(answerEvent, retransmitted), `${q.id}: the keyed step is a move`).toBe(true);
  expect(meaningOf(correctChoice(q))).toBe(meaningOf(describe_(answerEvent)));
  // The step the replay stopped at is the move just before: nothing a learner predicts lies between.
  const last = q.context[0];
  const lastStep = Number(last?.params.step) - 1;
  const lastEvent = sim.events[lastStep];
  if (!lastEvent) throw new Error(`${q.id}: no last step`);
  expect(isMove(lastEvent, retransmitted)).toBe(true);
  expect(meaningOf(last?.params.move as Message)).toBe(meaningOf(describe_(lastEvent)));
  const between = sim.events.slice(lastStep + 1, q.showMe.step).filter((e) => isMove(e, retransmitted));
  expect(between, `${q.id}: moves between the last step and the answer`).toEqual([]);
}

function checkDecode(q: Question, sim: Simulation): void {
  if (q.kind !== 'free') throw new Error('decode questions are free answers');
  const e = sim.events[q.showMe.step];
  let expected: string;
  if (q.variant === 'decode-227') {
    if (e?.kind !== 'ftp/reply-sent') throw new Error('not a reply');
    expect(e.reply.code).toBe(227);
    const n = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(e.reply.text)?.slice(1).map(Number) ?? [];
    expected = `${n.slice(0, 4).join('.')}:${(n[4] ?? 0) * 256 + (n[5] ?? 0)}`;
    expect(expected).toBe(`${e.reply.address?.ip}:${e.reply.address?.port}`);
    expect(q.prompt.params.reply).toBe(`227 ${e.reply.text}`);
  } else if (q.variant === 'decode-229') {
    if (e?.kind !== 'ftp/reply-sent') throw new Error('not a reply');
    expect(e.reply.code).toBe(229);
    expected = String(e.reply.port);
    expect(e.reply.text).toContain(`(|||${expected}|)`);
  } else {
    if (e?.kind !== 'ftp/command-sent' || (e.command.verb !== 'PORT' && e.command.verb !== 'EPRT'))
      throw new Error('not PORT/EPRT');
    const { ip, port } = e.command.address;
    if (q.variant === 'decode-port') {
      expect(e.command.verb).toBe('PORT');
      expected = String(port);
      expect(q.prompt.params.command).toBe(`PORT ${e.command.argument}`);
    } else if (q.variant === 'encode-port') {
      expect(e.command.verb).toBe('PORT');
      expected = `${ip.split('.').join(',')},${Math.floor(port / 256)},${port % 256}`;
      expect(expected).toBe(e.command.argument);
    } else {
      expect(['encode-eprt', 'encode-eprt6']).toContain(q.variant);
      expect(e.command.verb).toBe('EPRT');
      expected = `|${q.variant === 'encode-eprt6' ? 2 : 1}|${ip}|${port}|`;
      expect(expected).toBe(e.command.argument);
    }
  }
  expect(q.answer, q.id).toBe(expected);
  expect(gradeAnswer(q, expected)).toBe(true);
}

function checkVerdict(q: ChoiceQuestion, sim: Simulation): void {
  const t = sim.transfers[0];
  if (!t) throw new Error('no transfer');
  const code = t.replyCodes[t.replyCodes.length - 1];
  let expected: Message;
  if (t.outcome === 'success') {
    expected = { key: 'quiz.outcome.success', params: { code: code ?? 0 } };
  } else {
    const failed = sim.events.find((e) => isPacketEvent(e) && e.packet.id === t.failedPacket);
    const p = failed && isPacketEvent(failed) ? failed.packet : undefined;
    if (p?.fate.kind === 'dropped') {
      const key = p.fate.rule.id === 'no-route-private' ? 'quiz.outcome.noRoute' : 'quiz.outcome.dropped';
      expected = { key, params: { sender: dev(p.from), device: dev(p.fate.device), code: code ?? 0 } };
      expect(q.showMe.step).toBe(failed?.index);
    } else if (p?.fate.kind === 'refused') {
      expected = {
        key: 'quiz.outcome.refused',
        params: { sender: dev(p.from), device: dev(p.fate.device), code: code ?? 0 },
      };
    } else if (t.reason === 'port-rejected') {
      const verb = sim.scenario.mode === 'eprt' ? 'EPRT' : 'PORT';
      expected = { key: 'quiz.outcome.rejected', params: { verb, code: code ?? 0 } };
      expect(code).toBe(500);
    } else {
      expected = { key: 'quiz.outcome.refusedTransfer', params: { code: code ?? 0 } };
    }
  }
  expect(meaningOf(correctChoice(q)), q.id).toBe(meaningOf(expected));
}

function checkConcepts(q: ChoiceQuestion, sim: Simulation): void {
  const rows = modeComparison(sim.events, sim.scenario.mode);
  const row = <K extends string>(name: K) => rows.find((r) => r.row === name);
  const correct = correctChoice(q);
  if (q.variant === 'concepts-opener') {
    const r = row('opener');
    expect(r?.row === 'opener' && correct.key).toBe(
      `quiz.concepts.opener.${r?.row === 'opener' ? r.opener : ''}`,
    );
  } else if (q.variant.startsWith('concepts-serverPort')) {
    const r = row('serverDataPort');
    if (r?.row !== 'serverDataPort') throw new Error('no serverDataPort row');
    expect(correct.params.port).toBe(r.port);
    // Exactly one choice names that port.
    expect(q.choices.filter((c) => c.text.params.port === r.port)).toHaveLength(1);
    if (q.variant === 'concepts-serverPort-active') expect(r.port).toBe(20);
  } else if (q.variant.startsWith('concepts-accepts')) {
    const r = row('clientMustAccept');
    if (r?.row !== 'clientMustAccept') throw new Error('no clientMustAccept row');
    if (r.port === undefined) expect(correct.key).toBe('quiz.concepts.accepts.nothing');
    else expect(correct).toEqual({ key: 'quiz.concepts.accepts.incoming', params: { port: r.port } });
  } else {
    expect(q.variant).toBe('concepts-recommended');
    const rec = row('recommended');
    const opener = row('opener');
    if (rec?.row !== 'recommended' || opener?.row !== 'opener') throw new Error('rows missing');
    expect(sim.scenario.mode).toBe(rec.mode);
    expect(correct.key).toBe(`quiz.concepts.recommended.${rec.mode}.${opener.opener}`);
  }
}

/** curl's questions and the classic client's, keyed again from the raw events of fresh runs. */
function checkClients(q: ChoiceQuestion, sim: Simulation): void {
  const correct = correctChoice(q);
  if (q.variant.startsWith('clients-target')) {
    const program = q.variant === 'clients-target-curl' ? 'curl' : 'classic';
    expect(sim.scenario.client.program).toBe(program);
    const syn = sim.events[q.showMe.step];
    if (syn?.kind !== 'tcp/segment-sent' || syn.packet.conn === 'control') throw new Error('not a data SYN');
    expect(syn.packet.segment.flags.syn && !syn.packet.segment.flags.ack).toBe(true);
    const reply = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
    if (reply?.kind !== 'ftp/reply-sent' || !reply.reply.address) throw new Error('no 227');
    const dst = syn.packet.segment.dst;
    // The lab's finding A1: curl dials the control connection's peer, the classic client the 227's address.
    const controlPeer = sim.addresses.serverRouter.wan;
    if (program === 'curl') expect(dst).toEqual({ ip: controlPeer, port: reply.reply.address.port });
    else expect(dst).toEqual(reply.reply.address);
    expect(correct.params.endpoint).toBe(`${dst.ip}:${dst.port}`);
    expect(correct.key).toBe(`quiz.clients.target.${program === 'curl' ? 'peer' : 'announced'}`);
  } else if (q.variant.startsWith('clients-exit')) {
    expect(sim.scenario.client.program).toBe('curl');
    expect(sim.outcome).toBe('failed');
    const end = sim.events.at(-1);
    if (end?.kind !== 'session/finished' || !end.client) throw new Error('no curl exit');
    const quit = sim.events.some((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'QUIT');
    expect(correct.params.status).toBe(end.client.status);
    expect((correct.params.ending as Message).key).toBe(`quiz.clients.exit.${quit ? 'quit' : 'noQuit'}`);
  } else {
    expect(q.variant).toMatch(/^clients-listing-/);
    const other = parseScenario({
      ...q.showMe.scenario,
      client: { ...q.showMe.scenario.client, program: 'classic' },
    });
    if (!other.ok) throw new Error('invalid classic scenario');
    const classic = simulate(other.scenario);
    expect(sim.scenario.client.program).toBe('curl');
    const got = [classic, sim].map((s) => s.transfers.every((t) => t.outcome === 'success'));
    const expected = got[0] && got[1] ? 'both' : got[1] ? 'curl' : got[0] ? 'classic' : 'neither';
    expect(correct.key).toBe(`quiz.clients.listing.${expected}`);
  }
}

describe(`generated quizzes (${SEEDS.length} seeds × ${COUNT} questions)`, () => {
  const quizzes = SEEDS.map((seed) => ({
    seed,
    questions: generateQuiz({ seed, topics: [...TOPICS], count: COUNT }),
  }));
  const all = quizzes.flatMap((q) => q.questions);

  it('has the asked number of questions, balanced over the topics, with unique ids', () => {
    for (const { questions } of quizzes) {
      expect(questions).toHaveLength(COUNT);
      for (const topic of TOPICS) expect(questions.filter((q) => q.topic === topic)).toHaveLength(2);
      expect(new Set(questions.map((q) => q.id)).size).toBe(COUNT);
    }
  });

  it('keys every answer exactly as a fresh simulation of its scenario shows it', () => {
    for (const q of all) {
      const sim = freshRun(q);
      expect(q.showMe.step).toBeGreaterThanOrEqual(0);
      expect(q.showMe.step).toBeLessThan(sim.events.length);
      if (q.topic === 'decode') checkDecode(q, sim);
      else if (q.kind !== 'choice') throw new Error(`${q.id}: ${q.topic} questions are multiple choice`);
      else if (q.topic === 'predict') checkPredict(q, sim);
      else if (q.topic === 'verdict') checkVerdict(q, sim);
      else if (q.topic === 'clients') checkClients(q, sim);
      else checkConcepts(q, sim);
    }
  });

  it('gives every multiple-choice question exactly one correct choice among different meanings', () => {
    for (const q of all) {
      if (q.kind !== 'choice') continue;
      expect(q.choices.length, q.id).toBeGreaterThanOrEqual(2);
      expect(q.choices.length).toBeLessThanOrEqual(4);
      const meanings = q.choices.map((c) => meaningOf(c.text));
      expect(new Set(meanings).size, `${q.id}: duplicate choices`).toBe(meanings.length);
      expect(new Set(q.choices.map((c) => c.id)).size).toBe(q.choices.length);
      expect(
        q.choices.filter((c) => gradeAnswer(q, c.id)),
        q.id,
      ).toHaveLength(1);
    }
  });

  it('covers every variant of every topic', () => {
    const variants = new Set(all.map((q) => q.variant));
    for (const v of [
      'decode-227',
      'decode-229',
      'decode-port',
      'encode-port',
      'encode-eprt',
      'encode-eprt6',
      'concepts-opener',
      'concepts-serverPort-active',
      'concepts-serverPort-passive',
      'concepts-accepts-incoming',
      'concepts-accepts-nothing',
      'concepts-recommended',
      'verdict-success',
      'verdict-dropped',
      'verdict-rejected',
      'verdict-refused',
      'predict-command',
      'predict-reply',
      'predict-segment',
      'predict-data',
      'predict-drop',
      'clients-target-curl',
      'clients-target-classic',
      'clients-exit-quit',
      'clients-exit-close',
      'clients-listing-both',
      'clients-listing-neither',
    ])
      expect(variants, v).toContain(v);
  });

  it('puts the correct choice at every position, not always the same one', () => {
    const positions = new Set(all.flatMap((q) => (q.kind === 'choice' ? [q.answer] : [])));
    expect([...positions].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
