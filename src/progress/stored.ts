import * as z from 'zod/mini';
import { loadProgress } from '../quiz';
import {
  DOCUMENT_VERSION,
  ProgressDocumentSchema,
  quizKey,
  type ProgressDocument,
  type QuizRecord,
} from './document';

/** Why data was kept aside rather than used. */
export const KEPT_ASIDE_REASONS = [
  /** Written by a newer version of the app, which this one cannot read. */
  'newer',
  /** Not JSON, or not the shape of any version. */
  'unreadable',
  /** A quiz whose questions have changed since (the app generates different ones from its seed now). */
  'outdated',
] as const;
export type KeptAsideReason = (typeof KEPT_ASIDE_REASONS)[number];

/** Data this version could not use, kept exactly as it was found (`raw`), for the learner to download. */
export const KeptAsideEntrySchema = z.object({
  /** When it was kept aside (ISO 8601). */
  keptAt: z.string().check(z.maxLength(40)),
  /** Where it was found: a storage key, `quiz:<key>` for an outdated quiz, `import` for a file. */
  source: z.string().check(z.maxLength(300)),
  reason: z.enum(KEPT_ASIDE_REASONS),
  raw: z.string(),
});
export type KeptAsideEntry = z.infer<typeof KeptAsideEntrySchema>;

export type StoredDocument =
  | { readonly kind: 'empty' }
  | { readonly kind: 'document'; readonly document: ProgressDocument }
  | { readonly kind: 'unusable'; readonly reason: KeptAsideReason };

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads the stored document (`null`: nothing stored); never throws. */
export function readDocument(raw: string | null): StoredDocument {
  if (raw === null || raw === '') return { kind: 'empty' };
  const data = parseJson(raw);
  const version =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>).version
      : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > DOCUMENT_VERSION)
    return { kind: 'unusable', reason: 'newer' };
  const parsed = ProgressDocumentSchema.safeParse(data);
  return parsed.success
    ? { kind: 'document', document: parsed.data }
    : { kind: 'unusable', reason: 'unreadable' };
}

export function serializeDocument(document: ProgressDocument): string {
  return JSON.stringify(document);
}

export type LegacyQuiz =
  | { readonly kind: 'record'; readonly record: QuizRecord; readonly key: string }
  | { readonly kind: 'unusable'; readonly reason: KeptAsideReason };

/**
 * The quiz as the app stored it before version 2 (one quiz in progress, `src/quiz/progress.ts`, versions
 * 0 and 1) as a record of the document: its answers kept, its first attempt.
 */
export function readLegacyQuiz(raw: string, now: number): LegacyQuiz {
  const loaded = loadProgress(raw);
  if (loaded.progress) {
    const record: QuizRecord = {
      ...loaded.progress,
      attempt: 1,
      round: loaded.progress.retry ? 1 : 0,
      updatedAt: now,
    };
    return { kind: 'record', record, key: quizKey(record) };
  }
  return { kind: 'unusable', reason: loaded.notice === 'unsupported' ? 'newer' : 'unreadable' };
}

/**
 * The entries kept aside so far. If that list itself cannot be read, it is kept as one entry, as it was:
 * adding to it must never lose what it held.
 */
export function readKeptAside(raw: string | null, source: string): KeptAsideEntry[] {
  if (raw === null || raw === '') return [];
  const parsed = z.array(KeptAsideEntrySchema).safeParse(parseJson(raw));
  return parsed.success ? parsed.data : [{ keptAt: '', source, reason: 'unreadable', raw }];
}

/** `entries` added to `kept`, each once (the same data found twice is kept once). */
export function addKeptAside(
  kept: readonly KeptAsideEntry[],
  entries: readonly KeptAsideEntry[],
): KeptAsideEntry[] {
  const out = [...kept];
  for (const e of entries) if (!out.some((k) => k.raw === e.raw)) out.push(e);
  return out;
}
