import { create } from 'zustand';
import { defaultScenario, type Scenario } from '../../engine';
import type { CaptureOverview, CapturedSession } from '../../import/captureImport';
import { useSim } from '../../store/simStore';
import { importInWorker, type ImportJob } from './importInWorker';
import { forgetKeptCapture, KEEP_LIMIT_BYTES, keepCapture, readKeptCapture } from './keptCapture';

/** A capture file read, and the session of it on screen. */
export interface OpenedCapture {
  readonly file: File;
  readonly overview: CaptureOverview;
  readonly session: CapturedSession;
  /** The scenario the capture suggests, as the engine reads it (null if it refused it). */
  readonly scenario: Scenario | null;
  /** How long the worker took to read it (ms), when it said. */
  readonly milliseconds?: number;
}

/** What the capture reader is doing, or last did: what the status on every view says. */
export type CaptureActivity =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'reading';
      readonly name: string;
      readonly bytesRead: number;
      readonly totalBytes: number | undefined;
    }
  | {
      readonly kind: 'failed';
      readonly name: string;
      /** The message: an i18n key (`capture.error.*`, `capture.failed.crashed`) and its params. */
      readonly key: string;
      readonly params: Readonly<Record<string, string | number>>;
    }
  | { readonly kind: 'cancelled'; readonly name: string }
  | { readonly kind: 'opened'; readonly name: string; readonly index: number; readonly count: number };

/** Whether the capture on screen is kept in this browser for a reload, or why not. */
export type Keeping =
  | { readonly kind: 'kept' }
  | { readonly kind: 'too-big'; readonly size: number }
  | { readonly kind: 'failed'; readonly message: string };

export interface CaptureState {
  readonly activity: CaptureActivity;
  /** Whether the capture opened last is kept for a reload (undefined: nothing opened yet). */
  readonly keeping: Keeping | undefined;
  readonly opened: OpenedCapture | null;
  /** Counts the sessions opened in this page: a new one takes the focus to its heading. */
  readonly openings: number;
  /** Whether the capture view shows the capture beside the simulation of its scenario. */
  readonly comparing: boolean;
  /**
   * Reads the file in a worker and replays its session `session` (1-based). Whatever was on screen stays
   * until it is read: a file that cannot be read changes nothing but the message.
   */
  open: (file: File, session?: number) => void;
  /** Stops reading; nothing changes. */
  cancel: () => void;
  /** Takes the last message away. */
  dismiss: () => void;
  setComparing: (comparing: boolean) => void;
  /** Forgets the capture (here and in the browser's storage); the simulator comes back. */
  forget: () => void;
  /**
   * Replays the capture kept from before a reload, if there is one and nothing else is open or being read;
   * a kept copy that cannot be read back says so and is removed (the user's file is untouched).
   */
  restore: () => Promise<void>;
}

/**
 * The browser's copy is written in the order the files and sessions were chosen: each write waits for the
 * one before (reading a file for IndexedDB takes a while, so a session chosen quickly after the first one
 * could otherwise be overwritten by it), and only the latest choice reports how it went.
 */
let writes: Promise<void> = Promise.resolve();
let keepRequest = 0;

function inTurn(write: () => Promise<void>): Promise<void> {
  const done = writes.then(write);
  writes = done.catch(() => undefined);
  return done;
}

/** Keeps the file (within the limit) for a reload, and says how that went. */
function keep(file: File, session: number, set: (partial: Partial<CaptureState>) => void): void {
  const request = ++keepRequest;
  if (file.size > KEEP_LIMIT_BYTES) {
    // The copy kept before is of another file: a reload must not bring that one back instead.
    void inTurn(forgetKeptCapture).catch(() => undefined);
    set({ keeping: { kind: 'too-big', size: file.size } });
    return;
  }
  inTurn(() => keepCapture(file, session)).then(
    () => {
      if (request === keepRequest) set({ keeping: { kind: 'kept' } });
    },
    (error: unknown) => {
      if (request === keepRequest)
        set({ keeping: { kind: 'failed', message: error instanceof Error ? error.message : String(error) } });
    },
  );
}

/** Forgets the kept copy after any write still on its way, which must not bring it back. */
function forgetKept(): void {
  keepRequest++;
  void inTurn(forgetKeptCapture).catch(() => undefined);
}

let job: ImportJob | undefined;

export const useCapture = create<CaptureState>()((set, get) => ({
  activity: { kind: 'idle' },
  keeping: undefined,
  opened: null,
  openings: 0,
  comparing: false,

  open: (file, session = 1) => {
    const running = job;
    job = undefined;
    running?.cancel();
    const name = file.name;
    // What was said of the copy kept before is about another file or session: the new one speaks for itself.
    keepRequest++;
    set({ activity: { kind: 'reading', name, bytesRead: 0, totalBytes: file.size }, keeping: undefined });
    const current = importInWorker(file, session, (bytesRead, totalBytes) =>
      set({ activity: { kind: 'reading', name, bytesRead, totalBytes } }),
    );
    job = current;
    void current.outcome.then((outcome) => {
      if (job !== current) return; // replaced by a newer file: its own outcome counts
      job = undefined;
      switch (outcome.kind) {
        case 'done': {
          const { overview, session: captured } = outcome.result;
          set((s) => ({
            openings: s.openings + 1,
            opened: {
              file,
              overview,
              session: captured,
              scenario: outcome.scenario,
              milliseconds: outcome.milliseconds,
            },
            comparing: false,
            // Until this file is kept (or not), nothing is said about a reload.
            keeping: undefined,
            activity: { kind: 'opened', name, index: captured.index, count: overview.sessions.length },
          }));
          keep(file, captured.index, set);
          useSim.getState().showCapture({
            events: captured.events,
            transfers: captured.transfers,
            outcome: captured.outcome,
            scenario: outcome.scenario ?? defaultScenario(),
            capturePoint: captured.capturePoint,
          });
          return;
        }
        case 'failed':
          set({
            activity: {
              kind: 'failed',
              name,
              key: `capture.error.${outcome.problem}`,
              params: outcome.params,
            },
          });
          return;
        case 'crashed':
          set({
            activity: {
              kind: 'failed',
              name,
              key: 'capture.failed.crashed',
              params: { message: outcome.message },
            },
          });
          return;
        case 'cancelled':
          set({ activity: { kind: 'cancelled', name } });
          return;
      }
    });
  },

  cancel: () => job?.cancel(),

  dismiss: () => {
    if (get().activity.kind !== 'reading') set({ activity: { kind: 'idle' } });
  },

  setComparing: (comparing) => set({ comparing }),

  forget: () => {
    const running = job;
    job = undefined; // its outcome is not news any more
    running?.cancel();
    set({ opened: null, comparing: false, activity: { kind: 'idle' }, keeping: undefined });
    forgetKept();
    useSim.getState().closeCapture();
  },

  restore: async () => {
    let reading;
    try {
      reading = await readKeptCapture();
    } catch {
      return; // storage this browser will not open (private mode): nothing was kept
    }
    if (!reading || get().opened || job) return;
    if (reading.kind === 'unreadable') {
      forgetKept();
      await writes;
      set({ activity: { kind: 'failed', name: '', key: 'capture.kept.unreadable', params: {} } });
      return;
    }
    const { capture } = reading;
    get().open(
      new File([capture.file], capture.name, { lastModified: capture.lastModified }),
      capture.session,
    );
  },
}));
