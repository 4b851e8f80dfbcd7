import type { Scenario, TransferCommand } from '../../engine';
import { applySetting, type CommandDraft } from './applySetting';

export type Verb = TransferCommand['verb'];

/** The first of `base`, `base-2`, `base-3`… (before the extension) that the server does not have. */
function freeName(base: string, ext: string, taken: readonly string[]): string {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`;
    if (!taken.includes(name)) return name;
  }
}

const serverFileNames = (scenario: Scenario): string[] => scenario.server.files.map((f) => f.name);

/** A name for "a file the server does not have", for RETR (the server answers 550). */
export const missingFileName = (scenario: Scenario): string =>
  freeName('missing', '.txt', serverFileNames(scenario));

/** A name for a new upload, one the server does not have yet. */
export const newFileName = (scenario: Scenario): string =>
  freeName('upload', '.txt', serverFileNames(scenario));

export interface FileChoice {
  readonly file: string;
  /** Whether the server has it (display only: the engine decides what happens). */
  readonly onServer: boolean;
  readonly size?: number;
}

/**
 * The files a RETR or STOR can name: the server's files, plus one it does not have (a missing file for
 * RETR, a new file for STOR), plus the command's current file if it is neither (from a link).
 */
export function fileChoices(scenario: Scenario, verb: 'RETR' | 'STOR', current?: string): FileChoice[] {
  const choices: FileChoice[] = scenario.server.files.map((f) => ({
    file: f.name,
    onServer: true,
    size: f.size,
  }));
  const other = verb === 'RETR' ? missingFileName(scenario) : newFileName(scenario);
  const extra = [other];
  if (current !== undefined && current !== other && !choices.some((c) => c.file === current))
    extra.unshift(current);
  const offServer = extra.map((file) => ({ file, onServer: false }));
  // A new upload first for STOR (the usual case); the missing file last for RETR.
  return verb === 'STOR' ? [...offServer, ...choices] : [...choices, ...offServer];
}

/** The command a row becomes when its verb changes: RETR the first file, STOR a new file. */
export function commandFor(verb: Verb, scenario: Scenario): CommandDraft {
  switch (verb) {
    case 'LIST':
      return { verb };
    case 'RETR':
      return { verb, file: scenario.server.files[0]?.name ?? missingFileName(scenario) };
    case 'STOR':
      return { verb, file: newFileName(scenario) };
  }
}

/** The file a command names, if it names one. */
export const commandFile = (c: TransferCommand): string | undefined =>
  c.verb === 'LIST' ? undefined : c.file;

/** Same command, another file (STOR keeps its size). */
export function withFile(c: TransferCommand, file: string): CommandDraft {
  return c.verb === 'LIST' ? c : { ...c, file };
}

/** The scenario with a new list of commands, or undefined if the engine refuses it (too many, none). */
export const withCommands = (
  scenario: Scenario,
  commands: readonly (CommandDraft | TransferCommand)[],
): Scenario | undefined => applySetting(scenario, { name: 'commands', value: commands });

/** Moves the command at `from` to `to` (both valid indices). */
export function moveCommand<T>(commands: readonly T[], from: number, to: number): T[] {
  const next = [...commands];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
