/**
 * What the app's page and the capture worker (`captureWorker.ts`) say to each other. Everything here is
 * plain data (structured clone): a `CaptureError` travels as its problem and params, never as an object.
 */
import type { Scenario } from '../engine';
import type { CaptureImport } from './captureImport';
import type { CaptureProblem, Params } from './captureError';

/** The page asks for one session of a file (1-based); cancelling is terminating the worker. */
export interface ImportRequest {
  readonly file: Blob;
  readonly session: number;
}

export type WorkerReply =
  | { readonly kind: 'progress'; readonly bytesRead: number; readonly totalBytes: number | undefined }
  | {
      readonly kind: 'done';
      readonly result: CaptureImport;
      /** The inferred scenario as the engine reads it; null when the engine refuses it (a bug, reported). */
      readonly scenario: Scenario | null;
      /** How long the worker took to read the file, from the request to the result (ms). */
      readonly milliseconds?: number;
    }
  | { readonly kind: 'failed'; readonly problem: CaptureProblem; readonly params: Params }
  /** Something no capture should cause: the page reports it and keeps working. */
  | { readonly kind: 'crashed'; readonly message: string };
