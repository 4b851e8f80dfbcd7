import type { ScenarioInput } from '../engine';

/** In the catalogue's order; a new topic goes last, so links that do not name it keep their questions. */
export const TOPICS = ['predict', 'decode', 'verdict', 'concepts', 'clients'] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * Text to show, as an i18n key and its params: never a sentence. A param may itself be a message
 * (a device name, an option label, a whole move), which the view translates first.
 */
export interface Message {
  readonly key: string;
  readonly params: Readonly<Record<string, Param>>;
}
export type Param = string | number | Message;

/** Where "Show me" opens the simulator: this scenario, this step (an index into its events). */
export interface ShowMe {
  readonly scenario: ScenarioInput;
  readonly step: number;
}

export interface Choice {
  /** Stable within its question: `a`, `b`, `c`, … in display order. */
  readonly id: string;
  readonly text: Message;
}

/** What kind of text a free answer is, so grading knows how to read it and the view can hint the format. */
export type FreeFormat =
  /** A port number: `40007`. */
  | 'port'
  /** An IPv4 address and a port: `172.16.0.21:40007` (or `172.16.0.21 40007`). */
  | 'endpoint'
  /** RFC 959 host-port: `192,168,1,10,218,205`. */
  | 'hostPort'
  /** RFC 2428 EPRT argument: `|1|192.168.1.10|56013|`. */
  | 'eprt';

interface QuestionBase {
  /** Unique within its quiz, stable for the seed: `3-decode`. */
  readonly id: string;
  readonly topic: Topic;
  /** Which kind of question within the topic (e.g. `decode-227`), for tests and the export. */
  readonly variant: string;
  readonly prompt: Message;
  /** The scenario in words, one setting a line (empty when the question names no scenario). */
  readonly facts: readonly Message[];
  /** Anything else to know first, e.g. the step the replay stopped at. */
  readonly context: readonly Message[];
  /** Why the keyed answer is right; usually ends with the engine's own narration of the step. */
  readonly explanation: readonly Message[];
  readonly showMe: ShowMe;
}

export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'choice';
  readonly choices: readonly Choice[];
  /** The id of the one correct choice. */
  readonly answer: string;
}

export interface FreeQuestion extends QuestionBase {
  readonly kind: 'free';
  readonly format: FreeFormat;
  /** The keyed answer in its canonical notation (what grading compares to, by value). */
  readonly answer: string;
}

export type Question = ChoiceQuestion | FreeQuestion;

export interface QuizConfig {
  readonly seed: number;
  readonly topics: readonly Topic[];
  readonly count: number;
}
