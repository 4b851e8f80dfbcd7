import { closeSync, openSync, readSync } from 'node:fs';

/**
 * A file's bytes in chunks, read synchronously into one reused buffer: the importer copies what it keeps
 * before asking for the next chunk, so nothing is allocated per chunk and no read waits on the thread pool.
 */
export async function* fileChunks(path: string, chunkBytes = 4 * 1024 * 1024): AsyncGenerator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
