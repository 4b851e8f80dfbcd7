/**
 * What the capture worker does with one request, apart from the worker itself (so it runs in tests too):
 * read one session of the file and answer in the worker protocol's terms, never throwing.
 */
import { parseScenario } from '../engine/validation';
import { CaptureError } from './captureError';
import { importCapture } from './captureImport';
import type { CaptureSource } from './captureSource';
import type { WorkerReply } from './workerProtocol';

export type ImportReply = Exclude<WorkerReply, { kind: 'progress' }>;

export async function importForPage(
  source: CaptureSource,
  session: number,
  onProgress: (bytesRead: number, totalBytes: number | undefined) => void,
): Promise<ImportReply> {
  try {
    const result = await importCapture(source, { session, onProgress });
    const parsed = parseScenario(result.session.scenario);
    return { kind: 'done', result, scenario: parsed.ok ? parsed.scenario : null };
  } catch (error) {
    if (error instanceof CaptureError)
      return { kind: 'failed', problem: error.problem, params: error.params };
    return { kind: 'crashed', message: error instanceof Error ? error.message : String(error) };
  }
}
