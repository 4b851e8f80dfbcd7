import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ScenarioInput } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { pcapFile } from '../../../src/ui/export/actions';
import { Ladder } from '../../../src/ui/ladder/Ladder';

/** Classic libpcap, microsecond timestamps, written little-endian: a1b2c3d4 reads d4 c3 b2 a1. */
const PCAP_MAGIC_LE = [0xd4, 0xc3, 0xb2, 0xa1];

function useScenario(input: ScenarioInput): void {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  act(() => useSim.getState().setScenario(parsed.scenario));
}

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('missing value');
  return value;
}

interface Download {
  readonly name: string;
  readonly blob: Blob;
}

let downloads: Download[];
let urls: Map<string, Blob>;

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  downloads = [];
  urls = new Map();
  let n = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        const url = `blob:test/${++n}`;
        urls.set(url, blob);
        return url;
      }),
      revokeObjectURL: vi.fn((url: string) => urls.delete(url)),
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = urls.get(this.href);
    if (blob) downloads.push({ name: this.download, blob });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function renderLadder(language: Language = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <Ladder />
    </I18nextProvider>,
  );
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('pcapFile', () => {
  it('is a classic pcap file named after the scenario and the capture point', () => {
    useScenario({ clientFirewall: 'stateful', server: { connectTimeout: 5 } });
    const { events, scenario } = useSim.getState();
    const file = pcapFile(events, scenario, 'client');
    expect(file.name).toBe('ftp-active-clientfw-client.pcap');
    expect(Array.from(file.bytes.subarray(0, 4))).toEqual(PCAP_MAGIC_LE);
    expect(file.bytes.length).toBeGreaterThan(24 + 16 * 10);
  });

  it('records different addresses at the client and at the server behind NAT', () => {
    useScenario({ clientNat: true, mode: 'passive' });
    const { events, scenario } = useSim.getState();
    const client = pcapFile(events, scenario, 'client').bytes;
    const server = pcapFile(events, scenario, 'server').bytes;
    const has = (bytes: Uint8Array, ip: number[]) =>
      bytes.some((_, i) => ip.every((b, k) => bytes[i + k] === b));
    expect(has(client, [192, 168, 1, 10])).toBe(true);
    expect(has(server, [192, 168, 1, 10])).toBe(false);
    expect(has(server, [203, 0, 113, 1])).toBe(true);
  });
});

describe('the export menu', () => {
  it('downloads the capture at the chosen host as a .pcap file', async () => {
    const user = userEvent.setup();
    useScenario({ clientFirewall: 'stateful', server: { connectTimeout: 5 } });
    renderLadder();
    await user.click(screen.getByText('Export'));
    await user.click(screen.getByRole('radio', { name: 'the server' }));
    await user.click(screen.getByRole('button', { name: 'Download .pcap' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const [download] = downloads;
    expect(download?.name).toBe('ftp-active-clientfw-server.pcap');
    expect(download?.blob.type).toBe('application/vnd.tcpdump.pcap');
    expect(Array.from((await bytesOf(must(download).blob)).subarray(0, 4))).toEqual(PCAP_MAGIC_LE);
    expect(screen.getByRole('status').textContent).toBe('Saved ftp-active-clientfw-server.pcap.');
  });

  it('downloads the ladder as an SVG file', async () => {
    const user = userEvent.setup();
    renderLadder();
    await user.click(screen.getByText('Export'));
    await user.click(screen.getByRole('button', { name: 'Download ladder as SVG' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.name).toBe('ftp-active-ladder.svg');
    expect(downloads[0]?.blob.type).toBe('image/svg+xml;charset=utf-8');
    const text = await must(downloads[0]).blob.text();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.querySelector('title')?.textContent).toBe('FTP Flow Lab: sequence diagram of ftp-active');
  });

  it('draws the ladder on a canvas at twice its size for the PNG', async () => {
    const user = userEvent.setup();
    const drawn: { width: number; height: number }[] = [];
    // jsdom has neither image decoding nor a canvas: stand-ins that behave like the browser's.
    class FakeImage {
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      decoding = 'auto';
      set src(_: string) {
        queueMicrotask(() => this.onload?.());
      }
    }
    vi.stubGlobal('Image', FakeImage);
    const fakeContext = (canvas: HTMLCanvasElement) =>
      ({
        fillStyle: '',
        fillRect: () => undefined,
        drawImage: () => drawn.push({ width: canvas.width, height: canvas.height }),
      }) as unknown as CanvasRenderingContext2D;
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
      this: HTMLCanvasElement,
    ) {
      return fakeContext(this);
    } as unknown as HTMLCanvasElement['getContext']);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((done) =>
      done(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' })),
    );
    const { container } = renderLadder();
    const viewBox = (sel: string) =>
      container.querySelector(sel)?.getAttribute('viewBox')?.split(' ').map(Number) ?? [];
    const [, , width = 0, headHeight = 0] = viewBox('.ladder-head svg');
    const [, , , bodyHeight = 0] = viewBox('.ladder-canvas svg');
    await user.click(screen.getByText('Export'));
    await user.click(screen.getByRole('button', { name: 'Download ladder as PNG' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.name).toBe('ftp-active-ladder.png');
    expect(downloads[0]?.blob.type).toBe('image/png');
    expect(drawn).toEqual([{ width: width * 2, height: Math.floor((headHeight + bodyHeight) * 2) }]);
  });

  it('speaks Spanish', async () => {
    const user = userEvent.setup();
    renderLadder('es');
    await user.click(screen.getByText('Exportar'));
    expect(screen.getByRole('group', { name: 'Capturar el .pcap en' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'el cliente' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Descargar .pcap' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Descargar el diagrama como PNG' })).toBeTruthy();
  });
});
