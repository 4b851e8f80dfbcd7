import type { ClientProgram, Scenario } from '../scenario/scenario';
import type { Stop } from './stops';

/*
 * The lesson as data, like Learn Git Branching's levels: each chapter names its scenarios, the moments
 * where the replay stops to ask (`checkpoints`, each naming the event it stops before and what it asks)
 * and the moments that get a teaching note. No answer is written here: the answer to every checkpoint is
 * read from the simulated events (`lessonReplay`), so a chapter cannot drift from the engine.
 */

/** What a checkpoint asks about the event it stops before. */
export const LESSON_ASKS = [
  /** Who sends the SYN that opens the next connection: the client or the server. */
  'who-opens',
  /** To which port that SYN goes (typed: decode PORT/227 with p1×256+p2, read 229, or know port 21). */
  'destination-port',
  /** From which port it comes: 20, 21, the client's control port + 1, or an ephemeral port. */
  'source-port',
  /** Whether this packet gets through (every firewall, router and NAT on its way). */
  'will-it-pass',
  /** Which reply code the server sends next (the client reads it). */
  'which-reply',
] as const;
export type LessonAsk = (typeof LESSON_ASKS)[number];

export interface CheckpointDefinition {
  /** Unique within its chapter; short, lower-case (the progress store's ACTIVITY_ID). */
  readonly id: string;
  readonly ask: LessonAsk;
  /** The event the replay stops before: the learner has seen everything up to the one before it. */
  readonly before: Stop;
  /** For `which-reply`: the codes offered (the answer, read from the events, is always among them). */
  readonly codes?: readonly number[];
}

/** A teaching note shown with one step, beside the engine's own narration of it. */
export interface NoteDefinition {
  /** `lesson.notes.<key>` in the catalogs. */
  readonly key: string;
  readonly at: Stop;
}

/** The settings a part changes from the textbook example (`defaultScenario`). */
export type ScenarioChanges = Partial<
  Pick<Scenario, 'mode' | 'clientFirewall' | 'serverFirewall' | 'clientNat' | 'serverNat' | 'helper'>
> & {
  /** The client program, when not the classic one. */
  readonly program?: ClientProgram;
};

/** One replayed session of a chapter. */
export interface LessonPartDefinition {
  /** Unique within the lesson (also the `lesson.parts.<id>` title). */
  readonly id: string;
  readonly scenario: ScenarioChanges;
  /** The last event the part shows (inclusive); the whole session when left out. */
  readonly until?: Stop;
  readonly checkpoints: readonly CheckpointDefinition[];
  readonly notes: readonly NoteDefinition[];
}

export const CHAPTER_IDS = [
  'control-connection',
  'active-mode',
  'client-firewall',
  'passive-mode',
  'differences',
  'beyond',
] as const;
export type ChapterId = (typeof CHAPTER_IDS)[number];

export type ChapterDefinition =
  | { readonly id: ChapterId; readonly kind: 'replay'; readonly parts: readonly LessonPartDefinition[] }
  /** The table of differences, filled from the sessions of the chapters it names. */
  | { readonly id: ChapterId; readonly kind: 'table'; readonly from: readonly ChapterId[] };

/** The data connection's first SYN: the moment most questions about the data connection stop before. */
const DATA_SYN: Stop = { kind: 'syn', conn: 'data' };

/**
 * Who opens the data connection, to which port, and from which port: the three questions chapters 2 and 4
 * ask before its first SYN (`sourceId` names the last one: the server's port 20, or the client's own).
 */
function dataConnectionCheckpoints(sourceId: string): CheckpointDefinition[] {
  return [
    { id: 'who-opens', ask: 'who-opens', before: DATA_SYN },
    { id: 'data-port', ask: 'destination-port', before: DATA_SYN },
    { id: sourceId, ask: 'source-port', before: DATA_SYN },
  ];
}

/**
 * Which reply follows LIST: the data connection opens (150), the transfer is over (226), it could not open
 * (425), or the command is refused (500).
 */
const AFTER_LIST: CheckpointDefinition = {
  id: 'after-list',
  ask: 'which-reply',
  before: { kind: 'reply', after: 'LIST' },
  codes: [150, 226, 425, 500],
};

export const LESSON_CHAPTERS: readonly ChapterDefinition[] = [
  {
    id: 'control-connection',
    kind: 'replay',
    parts: [
      {
        id: 'control-connection',
        scenario: {},
        until: { kind: 'reply', after: 'PASS' },
        checkpoints: [
          { id: 'control-port', ask: 'destination-port', before: { kind: 'syn', conn: 'control' } },
          {
            id: 'banner',
            ask: 'which-reply',
            before: { kind: 'reply' },
            codes: [220, 230, 331, 500],
          },
          {
            id: 'login',
            ask: 'which-reply',
            before: { kind: 'reply', after: 'PASS' },
            codes: [220, 230, 331, 425],
          },
        ],
        notes: [
          { key: 'two-connections', at: { kind: 'syn', conn: 'control' } },
          { key: 'handshake-done', at: { kind: 'reply' } },
          { key: 'logged-in', at: { kind: 'reply', after: 'PASS' } },
        ],
      },
    ],
  },
  {
    id: 'active-mode',
    kind: 'replay',
    parts: [
      {
        id: 'active-mode',
        scenario: { mode: 'active' },
        checkpoints: [...dataConnectionCheckpoints('server-port'), AFTER_LIST],
        notes: [
          { key: 'port-command', at: { kind: 'command', verb: 'PORT' } },
          { key: 'server-connects', at: DATA_SYN },
          { key: 'transfer-done', at: { kind: 'reply', after: 'LIST', code: 226 } },
        ],
      },
    ],
  },
  {
    id: 'client-firewall',
    kind: 'replay',
    parts: [
      {
        id: 'client-firewall',
        scenario: { mode: 'active', clientFirewall: 'stateful' },
        checkpoints: [{ id: 'syn-passes', ask: 'will-it-pass', before: DATA_SYN }, AFTER_LIST],
        notes: [
          { key: 'firewall-rules', at: { kind: 'command', verb: 'PORT' } },
          { key: 'syn-dropped', at: { kind: 'verdict', conn: 'data' } },
          { key: 'syn-retries', at: { kind: 'retransmission', conn: 'data' } },
          { key: 'connect-timeout', at: { kind: 'reply', after: 'LIST' } },
        ],
      },
    ],
  },
  {
    id: 'passive-mode',
    kind: 'replay',
    parts: [
      {
        id: 'passive-mode',
        scenario: { mode: 'passive', clientFirewall: 'stateful' },
        checkpoints: [
          ...dataConnectionCheckpoints('client-port'),
          { id: 'syn-ack-passes', ask: 'will-it-pass', before: { kind: 'syn-ack', conn: 'data' } },
          AFTER_LIST,
        ],
        notes: [
          { key: 'pasv-reply', at: { kind: 'reply', after: 'PASV' } },
          { key: 'client-connects', at: DATA_SYN },
          { key: 'established', at: { kind: 'verdict', conn: 'data' } },
        ],
      },
    ],
  },
  { id: 'differences', kind: 'table', from: ['active-mode', 'client-firewall', 'passive-mode'] },
  {
    id: 'beyond',
    kind: 'replay',
    parts: [
      {
        id: 'server-firewall',
        scenario: { mode: 'passive', serverFirewall: 'port21' },
        checkpoints: [{ id: 'server-syn-passes', ask: 'will-it-pass', before: DATA_SYN }],
        notes: [
          { key: 'server-firewall', at: { kind: 'verdict', conn: 'data' } },
          { key: 'passive-range', at: { kind: 'end' } },
        ],
      },
      {
        id: 'client-nat',
        scenario: { mode: 'active', clientNat: true },
        checkpoints: [
          {
            id: 'nat-port-reply',
            ask: 'which-reply',
            before: { kind: 'reply', after: 'PORT' },
            codes: [200, 227, 425, 500],
          },
        ],
        notes: [
          { key: 'private-port', at: { kind: 'command', verb: 'PORT' } },
          { key: 'illegal-port', at: { kind: 'reply', after: 'PORT' } },
        ],
      },
      {
        id: 'client-nat-helper',
        scenario: { mode: 'active', clientNat: true, helper: true },
        checkpoints: [
          {
            id: 'helper-port-reply',
            ask: 'which-reply',
            before: { kind: 'reply', after: 'PORT' },
            codes: [200, 227, 425, 500],
          },
          { id: 'helper-syn-passes', ask: 'will-it-pass', before: DATA_SYN },
        ],
        notes: [
          { key: 'helper-rewrites', at: { kind: 'rewrite' } },
          { key: 'helper-related', at: { kind: 'verdict', conn: 'data' } },
        ],
      },
      {
        id: 'server-nat',
        scenario: { mode: 'passive', serverNat: 'private' },
        checkpoints: [
          { id: 'private-227-port', ask: 'destination-port', before: DATA_SYN },
          { id: 'private-syn-passes', ask: 'will-it-pass', before: DATA_SYN },
        ],
        notes: [{ key: 'private-227', at: { kind: 'reply', after: 'PASV' } }],
      },
      {
        id: 'epsv',
        scenario: { mode: 'epsv', serverFirewall: 'port21+range' },
        checkpoints: [
          { id: 'epsv-port', ask: 'destination-port', before: DATA_SYN },
          { id: 'range-syn-passes', ask: 'will-it-pass', before: DATA_SYN },
        ],
        notes: [
          { key: 'epsv-reply', at: { kind: 'reply', after: 'EPSV' } },
          { key: 'extended-modes', at: { kind: 'end' } },
        ],
      },
      {
        // The server-nat part again with curl, which sets the 227's address aside (tests/lab findings A1).
        // Last, so that links to the parts before it keep their numbers.
        id: 'server-nat-curl',
        scenario: { mode: 'passive', serverNat: 'private', program: 'curl' },
        checkpoints: [{ id: 'curl-syn-passes', ask: 'will-it-pass', before: DATA_SYN }],
        notes: [
          { key: 'curl-skips-227', at: { kind: 'reply', after: 'PASV' } },
          { key: 'curl-refused', at: { kind: 'end' } },
        ],
      },
    ],
  },
];

export function chapterById(id: string): ChapterDefinition | undefined {
  return LESSON_CHAPTERS.find((c) => c.id === id);
}
