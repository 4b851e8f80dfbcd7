import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Why a write failed, in the words a user acts on (Node's codes are errno names). */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file would exceed the file-size limit',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error',
};

export function reason(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return REASONS[code] ?? (code ? code : error instanceof Error ? error.message : String(error));
}

/** Writes every byte, looping over short writes (a pipe, a device), so `writeSync`'s count is not lost. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Writes `data` to `path` so that the path holds either its old content or the whole new file, never a
 * part: the bytes go to a temporary file in the same folder (the same file system, so the rename is
 * atomic), which is flushed to the disk and renamed over the target. On any failure the temporary file
 * is removed and the message names the path and the reason.
 *
 * A target that exists and is not a regular file (`/dev/stdout`, a named pipe, `/dev/full`) is written
 * directly: renaming over it would replace the device, and a pipe has nothing to leave behind.
 */
export function writeOutputAtomically(path: string, data: string | Uint8Array): WriteResult {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const fail = (error: unknown): WriteResult => ({
    ok: false,
    message: `cannot write "${path}": ${reason(error)}`,
  });

  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    return fail(error);
  }
  if (existing?.isDirectory()) return fail(Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
  if (existing && !existing.isFile()) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'w');
      writeAll(fd, bytes);
      return { ok: true };
    } catch (error) {
      return fail(error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    fd = openSync(temporary, 'wx', existing ? existing.mode & 0o777 : 0o666);
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
    return { ok: true };
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // The write already failed; the close adds nothing to say.
      }
    }
    try {
      unlinkSync(temporary);
    } catch {
      // Never created (a missing folder), or already renamed.
    }
    return fail(error);
  }
}

/**
 * Writes `data` to the standard output and says whether it got there: a full disk behind `> file`, a
 * closed pipe (`| head -1`) or any other error is a result, never an uncaught stream error and its stack.
 */
export function writeStandardOutput(data: string | Uint8Array): Promise<WriteResult> {
  return new Promise((resolve) => {
    process.stdout.once('error', (error) => {
      const code = 'code' in error ? String(error.code) : '';
      // The reader has gone (`| head -1`): it wanted no more, and there is no one left to tell.
      if (code === 'EPIPE') resolve({ ok: false, message: '' });
      else resolve({ ok: false, message: `cannot write to the standard output: ${reason(error)}` });
    });
    process.stdout.write(data, (error) => {
      if (!error) resolve({ ok: true });
    });
  });
}
