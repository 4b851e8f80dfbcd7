/** The test fixture that makes a capture of several sessions out of the reference captures. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../src/import/captureImport';
import { mergePcaps } from './fixtures/mergePcaps';

const CAPTURES = path.resolve(__dirname, '../../../shared/captures');
const read = (name: string) => new Uint8Array(readFileSync(path.join(CAPTURES, name)));

describe('two reference captures merged', () => {
  it('hold both sessions, in time order, each read as it is alone', async () => {
    const active = read('active-nofw-success-client.pcap');
    const passive = read('passive-nofw-success-client.pcap');
    const merged = mergePcaps([passive, active]);
    expect(merged.length).toBe(active.length + passive.length - 24);
    const both = await importCapture(merged, { session: 2 });
    expect(both.overview.sessions.map((s) => s.mode)).toEqual(['active', 'passive']);
    const alone = await importCapture(passive);
    expect(both.session.transfers).toEqual(alone.session.transfers);
    expect(both.session.outcome).toBe(alone.session.outcome);
  });
});
