/**
 * A capture file as a sequence of chunks, whatever holds it: a `Blob` or `File` (the browser), bytes in
 * memory, a web `ReadableStream`, or any async iterable of byte chunks (a Node.js read stream is one).
 * Reading checks the stated size limit, reports progress and stops when the signal aborts: the caller
 * never holds more than one chunk of the file at a time.
 */
import { CaptureError } from './captureError';
import { CAPTURE_LIMITS, READ_CHUNK_BYTES } from './limits';

export type CaptureSource =
  Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface ReadOptions {
  /** Called after each chunk with the bytes read so far and the total, when known. */
  readonly onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
  readonly signal?: AbortSignal;
  /** Refuse files over this many bytes (default `CAPTURE_LIMITS.maxFileBytes`). */
  readonly maxBytes?: number;
  /** Size of the chunks read from a Blob (default 1 MiB). */
  readonly chunkBytes?: number;
}

const MB = 1024 * 1024;

/** The error for a file of `size` bytes over the limit, in megabytes. */
export function tooLarge(size: number, limit: number = CAPTURE_LIMITS.maxFileBytes): CaptureError {
  return new CaptureError('tooLarge', {
    size: Math.ceil((size / MB) * 10) / 10,
    limit: Math.round((limit / MB) * 10) / 10,
  });
}

/** The source's size when it is known before reading. */
export function sourceSize(source: CaptureSource): number | undefined {
  if (source instanceof Uint8Array) return source.length;
  if (source instanceof ArrayBuffer) return source.byteLength;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  return undefined;
}

/** Every chunk of the source, in order; throws `CaptureError` for a file over the limit or an abort. */
export async function* chunksOf(
  source: CaptureSource,
  options: ReadOptions = {},
): AsyncGenerator<Uint8Array> {
  const limit = options.maxBytes ?? CAPTURE_LIMITS.maxFileBytes;
  const total = sourceSize(source);
  if (total !== undefined && total > limit) throw tooLarge(total, limit);
  const chunkBytes = options.chunkBytes ?? READ_CHUNK_BYTES;
  let read = 0;
  const check = (): void => {
    if (options.signal?.aborted) throw new CaptureError('aborted');
  };
  const counted = (chunk: Uint8Array): Uint8Array => {
    read += chunk.length;
    if (read > limit) throw tooLarge(read, limit);
    options.onProgress?.(read, total);
    return chunk;
  };
  check();

  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    for (let at = 0; at < bytes.length; at += chunkBytes) {
      check();
      yield counted(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)));
    }
    return;
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    for (let at = 0; at < source.size; at += chunkBytes) {
      check();
      let buffer: ArrayBuffer;
      try {
        buffer = await source.slice(at, Math.min(source.size, at + chunkBytes)).arrayBuffer();
      } catch (e) {
        throw new CaptureError('readFailed', { reason: e instanceof Error ? e.message : String(e) });
      }
      check();
      yield counted(new Uint8Array(buffer));
    }
    return;
  }
  const iterable: AsyncIterable<unknown> =
    typeof ReadableStream !== 'undefined' && source instanceof ReadableStream
      ? readableChunks(source)
      : (source as AsyncIterable<Uint8Array>);
  try {
    for await (const chunk of iterable) {
      check();
      if (!(chunk instanceof Uint8Array))
        throw new CaptureError('readFailed', { reason: 'the stream gave something other than bytes' });
      if (chunk.length > 0) yield counted(chunk);
    }
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    throw new CaptureError('readFailed', { reason: e instanceof Error ? e.message : String(e) });
  }
}

/** A web stream as an async iterable (not every browser makes ReadableStream iterable yet). */
async function* readableChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops the stream when the reader gives up early (an error, an abort).
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
