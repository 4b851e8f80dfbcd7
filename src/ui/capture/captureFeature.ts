/** The capture feature's part that loads on first use: its state and the status shown on every view. */
export { useCapture } from './captureStore';
export { CaptureStatus } from './CaptureStatus';
