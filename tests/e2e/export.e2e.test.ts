import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { outcome, select, translator } from './setup/app';

const t = translator('en');

/** Presses `button` and returns the file the browser downloads: its suggested name and its bytes. */
async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** The frames of a classic little-endian pcap (libpcap format): [ethernet frame bytes]. */
function pcapFrames(bytes: Buffer): Buffer[] {
  expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(bytes.readUInt32LE(20)).toBe(1); // LINKTYPE_ETHERNET
  const frames: Buffer[] = [];
  for (let at = 24; at + 16 <= bytes.length;) {
    const length = bytes.readUInt32LE(at + 8);
    frames.push(bytes.subarray(at + 16, at + 16 + length));
    at += 16 + length;
  }
  return frames;
}

const ipv4 = (frame: Buffer, offset: number): string => [...frame.subarray(offset, offset + 4)].join('.');

describe('exporting the session', () => {
  const browser = useBrowser();

  it(
    'downloads the capture as .pcap at the chosen host, and the ladder as SVG and PNG',
    async () => {
      const { page } = await browser.open('/');
      await select(page, t, 'controls.clientFirewall').selectOption('stateful');
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));

      const ladder = page.getByRole('region', { name: t('ladder.heading'), exact: true });
      await ladder.getByText(t('export.menu'), { exact: true }).click();
      await ladder.getByRole('radio', { name: t('export.capture.server') }).check();
      const status = ladder.getByRole('status');

      const pcap = await download(page, ladder.getByRole('button', { name: t('export.pcap') }));
      expect(pcap.name).toBe('ftp-active-clientfw-server.pcap');
      await status.getByText(t('export.saved', { file: pcap.name })).waitFor();
      const frames = pcapFrames(pcap.bytes);
      expect(frames.length).toBeGreaterThan(20);
      // Ethernet (14 bytes), then IPv4: the first frame is the client's SYN to the server on port 21.
      const [syn] = frames;
      if (!syn) throw new Error('no frames');
      expect([ipv4(syn, 14 + 12), ipv4(syn, 14 + 16)]).toEqual(['198.51.100.10', '192.0.2.21']);
      expect(syn.readUInt16BE(14 + 20 + 2)).toBe(21);
      expect(pcap.bytes.includes('425 Failed to establish connection.\r\n')).toBe(true);

      const svg = await download(page, ladder.getByRole('button', { name: t('export.svg') }));
      expect(svg.name).toBe('ftp-active-clientfw-ladder.svg');
      const markup = svg.bytes.toString('utf8');
      expect(markup).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(markup).toContain('425 Failed to establish connection.');
      expect(markup).toContain('SYN');
      // Standalone: no reference to the page's stylesheets or to any other file.
      expect(markup).not.toMatch(/<link|@import|href="http/);

      const png = await download(page, ladder.getByRole('button', { name: t('export.png') }));
      expect(png.name).toBe('ftp-active-clientfw-ladder.png');
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // IHDR: width and height of a real drawing, not an empty canvas.
      expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(300);
      expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(300);
      await status.getByText(t('export.saved', { file: png.name })).waitFor();
    },
    TEST_TIMEOUT,
  );
});
