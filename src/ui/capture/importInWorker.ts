import type { ImportRequest, WorkerReply } from '../../import/workerProtocol';

/** How reading one file in the worker ended. */
export type ImportOutcome = Exclude<WorkerReply, { kind: 'progress' }> | { readonly kind: 'cancelled' };

export interface ImportJob {
  readonly outcome: Promise<ImportOutcome>;
  /** Stops the worker at once (whatever it is doing) and ends the job as cancelled. */
  cancel(): void;
}

/**
 * Reads one session of a capture file in a Web Worker of its own (src/import/captureWorker.ts), so the
 * page stays responsive whatever the file holds; `onProgress` hears how far it got. The worker is
 * terminated when the job ends, however it ends.
 */
export function importInWorker(
  file: Blob,
  session: number,
  onProgress: (bytesRead: number, totalBytes: number | undefined) => void,
): ImportJob {
  const worker = new Worker(new URL('../../import/captureWorker.ts', import.meta.url), {
    type: 'module',
    name: 'capture-reader',
  });
  let finish: (outcome: ImportOutcome) => void = () => undefined;
  const outcome = new Promise<ImportOutcome>((resolve) => {
    let done = false;
    finish = (o) => {
      if (done) return;
      done = true;
      worker.terminate();
      resolve(o);
    };
  });
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const reply = e.data;
    if (reply.kind === 'progress') onProgress(reply.bytesRead, reply.totalBytes);
    else finish(reply);
  };
  // The worker's script failed to load or threw outside the import (it reports import errors itself).
  worker.onerror = (e) => {
    e.preventDefault();
    finish({ kind: 'crashed', message: e.message || 'the capture reader stopped' });
  };
  worker.onmessageerror = () =>
    finish({ kind: 'crashed', message: 'a message from the reader was unreadable' });
  const request: ImportRequest = { file, session };
  worker.postMessage(request);
  return { outcome, cancel: () => finish({ kind: 'cancelled' }) };
}
