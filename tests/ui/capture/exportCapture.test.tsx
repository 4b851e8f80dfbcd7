/**
 * The Export menu while a captured session is replayed: its `.pcap` can only be written where the capture
 * was taken (its packets hold that interface's view alone), and not at all when it was taken between the
 * hosts; back on the simulation both hosts are offered again.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, isPacketEvent, type CapturePointId } from '../../../src/engine';
import { createI18n } from '../../../src/i18n';
import { importCapture } from '../../../src/import/captureImport';
import { readCaptureBytes } from '../../../src/import/captureReader';
import { selectPcapPoints } from '../../../src/store/captureSlice';
import { useSim } from '../../../src/store/simStore';
import { DEFAULT_VIEW } from '../../../src/store/viewIds';
import { pcapFile } from '../../../src/ui/export/actions';
import { Ladder } from '../../../src/ui/ladder/Ladder';

const t = createI18n('en').t;
const CAPTURES = path.resolve(__dirname, '../../../../shared/captures');

async function replayCapture(name: string, point?: CapturePointId): Promise<void> {
  const { session } = await importCapture(new Uint8Array(readFileSync(path.join(CAPTURES, name))));
  act(() =>
    useSim.getState().showCapture({
      events: session.events,
      transfers: session.transfers,
      outcome: session.outcome,
      scenario: defaultScenario(),
      capturePoint: point ?? session.capturePoint,
    }),
  );
}

async function openExportMenu(): Promise<HTMLElement> {
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <Ladder />
    </I18nextProvider>,
  );
  const summary = screen.getByText(t('export.menu'), { selector: 'summary' });
  await userEvent.click(summary);
  const menu = summary.closest('details');
  if (!menu) throw new Error('no export menu');
  return menu;
}

beforeEach(() => useSim.setState(useSim.getInitialState(), true));
afterEach(cleanup);

describe('exporting a captured session', () => {
  it('offers only the capture point, whose file holds every packet of the session', async () => {
    await replayCapture('active-clientfw-stateful-fail-server.pcap');
    const menu = await openExportMenu();
    expect(within(menu).queryAllByRole('radio')).toEqual([]);
    within(menu).getByText(t('export.capture.only.server'));
    within(menu).getByRole('button', { name: t('export.pcap') });

    expect(selectPcapPoints(useSim.getState())).toEqual(['server']);
    const { events, scenario } = useSim.getState();
    const file = pcapFile(events, scenario, 'server');
    expect(readCaptureBytes(file.bytes).packets.length).toBe(events.filter(isPacketEvent).length);
  });

  it('offers no .pcap for a capture taken between the hosts, and says why', async () => {
    await replayCapture('passive-nofw-success-client.pcap', 'between');
    const menu = await openExportMenu();
    within(menu).getByText(t('export.capture.nowhere'));
    expect(within(menu).queryByRole('button', { name: t('export.pcap') })).toBeNull();
    // The ladder can still be saved.
    within(menu).getByRole('button', { name: t('export.svg') });
  });

  it('offers both hosts again for the simulation', async () => {
    await replayCapture('passive-nofw-success-client.pcap');
    act(() => useSim.getState().setView(DEFAULT_VIEW));
    expect(useSim.getState().replaying).toBe('simulation');
    const menu = await openExportMenu();
    expect(
      within(menu)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(['client', 'server']);
  });
});
