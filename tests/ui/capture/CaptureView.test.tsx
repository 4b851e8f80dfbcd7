/**
 * Opening a capture in the app: the reader's progress and cancel button on any view, a file that cannot be
 * read, the choice among several sessions, the replay with the simulator's own parts and the findings
 * marked inferred, and "Simulate this scenario". The worker itself is Chromium's (tests/e2e/capture): here
 * each job is driven by the test and runs the worker's own code (`importForPage`) in place.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultScenario } from '../../../src/engine';
import { createI18n } from '../../../src/i18n';
import { importForPage } from '../../../src/import/importForPage';
import { useSim } from '../../../src/store/simStore';
import { CaptureStatus } from '../../../src/ui/capture/CaptureStatus';
import { useCapture } from '../../../src/ui/capture/captureStore';
import { CaptureView } from '../../../src/ui/capture/CaptureView';
import type { ImportOutcome } from '../../../src/ui/capture/importInWorker';
import { mergePcaps } from '../../import/fixtures/mergePcaps';

const CAPTURES = path.resolve(__dirname, '../../../../shared/captures');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(CAPTURES, name)));

/** The file's bytes by name: jsdom's File cannot be streamed, the worker's importer reads these instead. */
const contents = new Map<string, Uint8Array>();
function fileOf(name: string, bytes: Uint8Array): File {
  contents.set(name, bytes);
  return new File([bytes as BlobPart], name);
}

interface Job {
  readonly file: Blob & { readonly name?: string };
  readonly session: number;
  readonly onProgress: (bytesRead: number, totalBytes: number | undefined) => void;
  /** Runs the worker's code on the file and ends the job with its answer. */
  readonly run: () => Promise<void>;
  cancelled: boolean;
}
const jobs: Job[] = [];

vi.mock('../../../src/ui/capture/importInWorker', () => ({
  importInWorker: (file: File, session: number, onProgress: Job['onProgress']) => {
    let finish: (o: ImportOutcome) => void = () => undefined;
    const outcome = new Promise<ImportOutcome>((resolve) => (finish = resolve));
    const job: Job = {
      file,
      session,
      onProgress,
      cancelled: false,
      run: async () => {
        finish(await importForPage(contents.get(file.name) ?? file, session, onProgress));
      },
    };
    jobs.push(job);
    return {
      outcome,
      cancel: () => {
        job.cancelled = true;
        finish({ kind: 'cancelled' });
      },
    };
  },
}));

function renderCapture() {
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <CaptureStatus />
      <CaptureView />
    </I18nextProvider>,
  );
}

async function runLast(): Promise<void> {
  const job = jobs[jobs.length - 1];
  if (!job) throw new Error('no job');
  await act(job.run);
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  useCapture.setState(useCapture.getInitialState(), true);
  jobs.length = 0;
});

afterEach(cleanup);

describe('opening a capture', () => {
  it('shows where to drop or pick a file, the size limit and that the file stays in the browser', () => {
    renderCapture();
    expect(screen.getByRole('heading', { name: 'Open a real capture' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Open a capture/ })).toBeTruthy();
    expect(screen.getByText(/up to 1024 MB/)).toBeTruthy();
    expect(screen.getByText(/never sent anywhere/)).toBeTruthy();
  });

  it('shows the progress with a cancel button, then replays the session with its findings marked inferred', async () => {
    const user = userEvent.setup();
    renderCapture();
    act(() =>
      useCapture.getState().open(fileOf('fail.pcap', bytesOf('active-clientfw-stateful-fail-client.pcap'))),
    );
    expect(screen.getByText('Reading fail.pcap…', { selector: '.capture-status-text' })).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Reading the capture' });
    act(() => jobs[0]?.onProgress(1335, 2670));
    expect(bar.getAttribute('value')).toBe('50');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();

    await runLast();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Capture: fail.pcap' })).toBeTruthy();
    expect(useSim.getState().replaying).toBe('capture');
    expect(screen.getByText(/Captured at the client \(inferred\)/)).toBeTruthy();
    // The active data connection's SYN never answered: a finding, marked inferred in words.
    const findings = screen.getByRole('region', { name: /What the capture suggests/ });
    expect(within(findings).getAllByText('Inferred').length).toBeGreaterThan(0);
    expect(within(findings).getByText(/data connection #1/)).toBeTruthy();
    // A finding leads to its packet in the replay.
    const show = within(findings).getAllByRole('button', { name: /Show packet/ })[0];
    if (!show) throw new Error('no packet link');
    await user.click(show);
    expect(useSim.getState().cursor).toBeGreaterThan(0);
    // The simulator's own player steps the captured events.
    await user.click(screen.getByRole('button', { name: /first/i }));
    expect(useSim.getState().cursor).toBe(0);
    await user.click(screen.getByRole('button', { name: /next|forward/i }));
    expect(useSim.getState().cursor).toBe(1);
    expect(useSim.getState().events).toBe(useCapture.getState().opened?.session.events);
  });

  it('changes nothing when the reading is cancelled', async () => {
    const user = userEvent.setup();
    renderCapture();
    const before = useSim.getState().events;
    act(() => useCapture.getState().open(fileOf('big.pcap', bytesOf('active-nofw-success-client.pcap'))));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(jobs[0]?.cancelled).toBe(true);
    expect(
      await screen.findByText('Reading big.pcap was cancelled. Nothing changed.', {
        selector: '.capture-status-text',
      }),
    ).toBeTruthy();
    expect(useSim.getState().events).toBe(before);
    expect(useCapture.getState().opened).toBeNull();
  });

  it('says in an alert why a file cannot be opened, and leaves the rest as it was', async () => {
    renderCapture();
    const before = useSim.getState().events;
    act(() =>
      useCapture
        .getState()
        .open(fileOf('notes.txt', new Uint8Array(Buffer.from('just some text, not a capture')))),
    );
    await runLast();
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('notes.txt could not be opened')).toBeTruthy();
    expect(within(alert).getByText(/This is not a capture file/)).toBeTruthy();
    expect(useSim.getState().events).toBe(before);
  });

  it('refuses a file over the size limit with its size and the limit, before reading it', async () => {
    renderCapture();
    // A file that says it is 2 GiB: the worker's importer checks the size before it reads a byte.
    const huge = new File([new Uint8Array(16)], 'huge.pcap');
    Object.defineProperty(huge, 'size', { value: 2 * 1024 * 1024 * 1024 });
    act(() => useCapture.getState().open(huge));
    await runLast();
    expect(screen.getByRole('alert').textContent).toMatch(/The file is 2048 MB, over the limit of 1024 MB/);
    expect(useCapture.getState().opened).toBeNull();
  });

  it('lets the user choose among several sessions, and reads the chosen one', async () => {
    const user = userEvent.setup();
    renderCapture();
    const merged = mergePcaps([
      bytesOf('active-nofw-success-client.pcap'),
      bytesOf('passive-nofw-success-client.pcap'),
    ]);
    act(() => useCapture.getState().open(fileOf('class.pcap', merged)));
    await runLast();
    const choice = await screen.findByRole('combobox', { name: 'FTP session' });
    expect(within(choice).getAllByRole('option')).toHaveLength(2);
    expect(useCapture.getState().opened?.session.index).toBe(1);
    await user.selectOptions(choice, '2');
    await user.click(screen.getByRole('button', { name: 'Show this session' }));
    expect(jobs[1]?.session).toBe(2);
    await runLast();
    expect(useCapture.getState().opened?.session.index).toBe(2);
    expect(useCapture.getState().opened?.scenario?.mode).toBe('passive');
  });
});

describe('simulate this scenario', () => {
  async function openAndCompare(name: string) {
    const user = userEvent.setup();
    renderCapture();
    act(() => useCapture.getState().open(fileOf(name, bytesOf(name))));
    await runLast();
    await user.click(await screen.findByRole('button', { name: 'Simulate this scenario' }));
    return { user, compare: screen.getByRole('region', { name: 'The capture beside the simulation' }) };
  }

  it('shows the capture and its own scenario’s simulation phase by phase, with no difference', async () => {
    const { compare } = await openAndCompare('passive-nofw-success-server.pcap');
    expect(within(compare).getByRole('heading', { name: 'Capture' })).toBeTruthy();
    expect(within(compare).getByRole('heading', { name: 'Simulation' })).toBeTruthy();
    for (const phase of [
      'Control connection and login',
      'Transfer 1: mode command',
      'Transfer 1: data connection',
      'Transfer 1: the transfer',
      'End of the session',
    ])
      expect(within(compare).getByRole('heading', { name: phase })).toBeTruthy();
    expect(within(compare).getByRole('status').textContent).toMatch(/No difference/);
    expect(compare.querySelector('.phase-marker')).toBeNull();
  });

  it('marks the first difference on both sides when the simulation leaves out the capture’s firewall', async () => {
    const name = 'active-clientfw-stateful-fail-client.pcap';
    renderCapture();
    act(() => useCapture.getState().open(fileOf(name, bytesOf(name))));
    await runLast();
    const opened = useCapture.getState().opened;
    const scenario = opened?.scenario;
    if (!opened || !scenario) throw new Error('no scenario');
    // The same capture, as if the reader had found no firewall: the simulation's data connection works.
    act(() =>
      useCapture.setState({
        opened: { ...opened, scenario: { ...scenario, clientFirewall: 'none' } },
        comparing: true,
      }),
    );
    const compare = screen.getByRole('region', { name: 'The capture beside the simulation' });
    expect(within(compare).getByRole('status').textContent).toBe(
      '≠ First difference, in “Transfer 1: data connection”: the capture shows the server opening a data connection, which is never answered, the simulation shows the server opening a data connection, which is established.',
    );
    expect(
      within(compare).getByRole('heading', { name: /^Transfer 1: data connection\s*≠ first difference$/ }),
    ).toBeTruthy();
    const markers = compare.querySelectorAll('.phase-marker');
    expect([...markers].map((m) => m.closest('.phase-cell')?.getAttribute('data-side'))).toEqual([
      'capture',
      'simulation',
    ]);
    // The way back to that step of the capture.
    const user = userEvent.setup();
    await user.click(within(compare).getByRole('button', { name: 'Show this step of the capture' }));
    const e = useSim.getState().events[useSim.getState().cursor];
    expect(e?.kind === 'tcp/segment-sent' && e.packet.segment.flags.syn && e.packet.conn).toBe('data-1');
    expect(useCapture.getState().comparing).toBe(false);
  });

  it('opens the inferred scenario in the simulator', async () => {
    const { user } = await openAndCompare('passive-serverfw-port21-fail-client.pcap');
    await user.click(screen.getByRole('button', { name: 'Open this scenario in the simulator' }));
    const s = useSim.getState();
    expect(s.view).toBe('simulator');
    expect(s.replaying).toBe('simulation');
    expect(s.scenario.mode).toBe('passive');
    expect(s.scenario.serverFirewall).not.toBe(defaultScenario().serverFirewall);
  });
});
