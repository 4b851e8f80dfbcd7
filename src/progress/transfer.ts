import * as z from 'zod/mini';
import { DOCUMENT_VERSION, ProgressDocumentSchema, type ProgressDocument } from './document';
import { KeptAsideEntrySchema, type KeptAsideEntry } from './stored';

/** A progress file is a few kilobytes; anything this large is not one, and is refused unread. */
export const MAX_PROGRESS_FILE_BYTES = 2 * 1024 * 1024;

const APP = 'ftp-flow-lab';

/** All of a learner's progress, to take to another browser (there are no accounts). */
export const ProgressFileSchema = z.object({
  app: z.literal(APP),
  kind: z.literal('progress'),
  version: z.literal(DOCUMENT_VERSION),
  exportedAt: z.string().check(z.maxLength(40)),
  progress: ProgressDocumentSchema,
  keptAside: z.array(KeptAsideEntrySchema).check(z.maxLength(100)),
});

export function progressFile(
  document: ProgressDocument,
  keptAside: readonly KeptAsideEntry[],
  exportedAt: Date,
): string {
  const file = {
    app: APP,
    kind: 'progress',
    version: DOCUMENT_VERSION,
    exportedAt: exportedAt.toISOString(),
    progress: document,
    keptAside,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What was kept aside, as found, in one file to download. */
export function keptAsideFile(entries: readonly KeptAsideEntry[], exportedAt: Date): string {
  const file = { app: APP, kind: 'kept-aside', exportedAt: exportedAt.toISOString(), entries };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Why a file was not imported; the view says each in words. */
export type ImportProblem =
  | 'tooLarge'
  | 'notJson'
  /** JSON, but not anything FTP Flow Lab writes. */
  | 'notProgress'
  /** A quiz result to hand in, not progress. */
  | 'quizResult'
  /** Progress from a newer version of the app. */
  | 'newerVersion'
  /** Progress in this version's format with something wrong in it (a damaged or edited file). */
  | 'invalid';

export type ImportedFile =
  | { readonly ok: true; readonly document: ProgressDocument; readonly keptAside: KeptAsideEntry[] }
  | { readonly ok: false; readonly problem: ImportProblem };

/** Reads a file a learner chose to import: untrusted, so checked whole before anything is used. */
export function readProgressFile(text: string): ImportedFile {
  if (text.length > MAX_PROGRESS_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problem: 'notJson' };
  }
  const head = z.object({ app: z.literal(APP), kind: z.string(), version: z.number() }).safeParse(data);
  if (!head.success) return { ok: false, problem: 'notProgress' };
  if (head.data.kind === 'quiz-result') return { ok: false, problem: 'quizResult' };
  if (head.data.kind !== 'progress') return { ok: false, problem: 'notProgress' };
  if (head.data.version > DOCUMENT_VERSION) return { ok: false, problem: 'newerVersion' };
  const file = ProgressFileSchema.safeParse(data);
  if (!file.success) return { ok: false, problem: 'invalid' };
  return { ok: true, document: file.data.progress, keptAside: file.data.keptAside };
}
