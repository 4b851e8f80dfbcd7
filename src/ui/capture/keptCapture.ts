/**
 * The capture opened last, kept in this browser (IndexedDB) so that a reload replays it again: the file
 * itself (read again by the worker, like any capture) and the session chosen in it. Never sent anywhere.
 * What comes back is untrusted (another version of the app, a damaged profile, a hand-edited database):
 * it is checked field by field (`readKept`) before anything uses it.
 */

/** Files up to this size are kept (64 MiB): a bigger one would crowd the browser's storage for others. */
export const KEEP_LIMIT_BYTES = 64 * 1024 * 1024;

const DATABASE = 'ftp-flow-lab-capture';
const STORE = 'kept';
const KEY = 'last';

/** The record kept, version 1. */
export interface KeptCapture {
  readonly version: 1;
  /** The file's name, as the capture view's heading says it. */
  readonly name: string;
  readonly lastModified: number;
  /** The session chosen in it (1-based). */
  readonly session: number;
  readonly file: Blob;
}

const MAX_NAME_LENGTH = 1024;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isCount = (x: unknown, min: number): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= min;

/** A stored record read back: the capture, or why it cannot be used (nothing stored: undefined). */
export type KeptReading =
  { readonly kind: 'kept'; readonly capture: KeptCapture } | { readonly kind: 'unreadable' } | undefined;

/** What was stored, checked: a record that is not exactly a kept capture, within the limit, is unreadable. */
export function readKept(record: unknown): KeptReading {
  if (record === undefined) return undefined;
  if (!isObject(record)) return { kind: 'unreadable' };
  const { version, name, lastModified, session, file } = record;
  const valid =
    Object.keys(record).length === 5 &&
    version === 1 &&
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= MAX_NAME_LENGTH &&
    isCount(lastModified, 0) &&
    isCount(session, 1) &&
    file instanceof Blob &&
    file.size <= KEEP_LIMIT_BYTES;
  return valid
    ? { kind: 'kept', capture: { version, name, lastModified, session, file } }
    : { kind: 'unreadable' };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  if (typeof indexedDB === 'undefined') throw new Error('this browser keeps nothing (no IndexedDB)');
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  const db = await request(opening);
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    const result = await request(run(tx.objectStore(STORE)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

/** Keeps the file and its chosen session, in place of the one kept before. */
export async function keepCapture(file: File, session: number): Promise<void> {
  const record: KeptCapture = {
    version: 1,
    name: file.name,
    lastModified: Math.max(0, Math.trunc(file.lastModified)),
    session,
    file,
  };
  await withStore('readwrite', (store) => store.put(record, KEY));
}

/** The capture kept last, checked; undefined when there is none (or nothing can be kept here). */
export async function readKeptCapture(): Promise<KeptReading> {
  if (typeof indexedDB === 'undefined') return undefined;
  return readKept(await withStore('readonly', (store) => store.get(KEY)));
}

export async function forgetKeptCapture(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await withStore('readwrite', (store) => store.delete(KEY));
}
