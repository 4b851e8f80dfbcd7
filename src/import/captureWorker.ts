/**
 * The capture worker: reads a file off the page's thread, so a large or hostile capture never freezes
 * the page, and reports its progress. One request per worker: the page terminates it to cancel.
 */
import { importForPage } from './importForPage';
import type { ImportRequest, WorkerReply } from './workerProtocol';

/** Progress at most this often: a fast read of a big file would otherwise flood the page with messages. */
const PROGRESS_INTERVAL_MS = 50;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: WorkerReply): void => scope.postMessage(message);

scope.onmessage = async (e: MessageEvent<ImportRequest>): Promise<void> => {
  const { file, session } = e.data;
  let reported = 0;
  const started = performance.now();
  const done = await importForPage(file, session, (bytesRead, totalBytes) => {
    const now = performance.now();
    if (now - reported < PROGRESS_INTERVAL_MS && bytesRead !== totalBytes) return;
    reported = now;
    reply({ kind: 'progress', bytesRead, totalBytes });
  });
  reply(done.kind === 'done' ? { ...done, milliseconds: performance.now() - started } : done);
};
