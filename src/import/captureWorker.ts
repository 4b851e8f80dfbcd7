/**
 * The capture worker: reads a file off the page's thread, so a large or hostile capture never freezes
 * the page, and reports its progress. One request per worker: the page terminates it to cancel.
 */
import { parseScenario } from '../engine/validation';
import { CaptureError } from './captureError';
import { importCapture } from './captureImport';
import type { ImportRequest, WorkerReply } from './workerProtocol';

/** Progress at most this often: a fast read of a big file would otherwise flood the page with messages. */
const PROGRESS_INTERVAL_MS = 50;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: WorkerReply): void => scope.postMessage(message);

scope.onmessage = async (e: MessageEvent<ImportRequest>): Promise<void> => {
  const { file, session } = e.data;
  let reported = 0;
  try {
    const result = await importCapture(file, {
      session,
      onProgress: (bytesRead, totalBytes) => {
        const now = performance.now();
        if (now - reported < PROGRESS_INTERVAL_MS && bytesRead !== totalBytes) return;
        reported = now;
        reply({ kind: 'progress', bytesRead, totalBytes });
      },
    });
    const parsed = parseScenario(result.session.scenario);
    reply({ kind: 'done', result, scenario: parsed.ok ? parsed.scenario : null });
  } catch (error) {
    if (error instanceof CaptureError)
      reply({ kind: 'failed', problem: error.problem, params: error.params });
    else reply({ kind: 'crashed', message: error instanceof Error ? error.message : String(error) });
  }
};
