import { create } from 'zustand';
import { withStrings } from '../../i18n/load';

/**
 * The capture feature's door in the first screen's bundle: the header's button and a file dropped on the
 * page call `openCaptureFile`, which loads the rest (the reader's worker, the capture view's state, its
 * strings) only then. Nothing of the importer is in the first load.
 */
interface CaptureEntryState {
  /** The feature's code and strings are here: its status (progress, messages) shows on every view. */
  readonly ready: boolean;
  /** The feature's code could not be fetched (offline before it was ever cached). */
  readonly loadFailed: boolean;
}

export const useCaptureEntry = create<CaptureEntryState>()(() => ({ ready: false, loadFailed: false }));

type Feature = typeof import('./captureFeature');
let feature: Promise<Feature> | undefined;
let loaded: Feature | undefined;

/** The capture feature's state, status display and strings, fetched once. */
export function loadCaptureFeature(): Promise<Feature> {
  feature ??= withStrings(['capture'], () => import('./captureFeature'))().then(
    (m) => {
      loaded = m;
      useCaptureEntry.setState({ ready: true, loadFailed: false });
      return m;
    },
    (error: unknown) => {
      feature = undefined; // the next attempt fetches again
      throw error;
    },
  );
  return feature;
}

/** The feature once it has loaded (see `ready`). */
export const loadedCaptureFeature = (): Feature | undefined => loaded;

/** Reads the file as a capture (in a worker) and replays its first FTP session. */
export function openCaptureFile(file: File): void {
  useCaptureEntry.setState({ loadFailed: false });
  loadCaptureFeature().then(
    (m) => m.useCapture.getState().open(file),
    () => useCaptureEntry.setState({ loadFailed: true }),
  );
}

/** The files the picker offers: what Wireshark and tcpdump save. */
export const CAPTURE_ACCEPT = '.pcap,.pcapng,.cap,.dmp,application/vnd.tcpdump.pcap';
