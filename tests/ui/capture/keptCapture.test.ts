/**
 * The capture kept for a reload is read back as untrusted input: only a record exactly as the app writes
 * it, within the size limit, is used; anything else is unreadable (the view then says so).
 */
import { describe, expect, it } from 'vitest';
import { KEEP_LIMIT_BYTES, readKept } from '../../../src/ui/capture/keptCapture';

const file = new Blob([new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1])]);
const record = { version: 1, name: 'class.pcap', lastModified: 1_764_000_000_000, session: 2, file };

/** A blob that says it is over the limit, without holding 64 MiB. */
class OversizedBlob extends Blob {
  override get size(): number {
    return KEEP_LIMIT_BYTES + 1;
  }
}

describe('a kept capture read back', () => {
  it('is the file and its session when the record is the app’s own', () => {
    expect(readKept(record)).toEqual({ kind: 'kept', capture: record });
  });

  it('is nothing when nothing was kept', () => {
    expect(readKept(undefined)).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['a string', 'class.pcap'],
    ['another version', { ...record, version: 2 }],
    ['no name', { ...record, name: '' }],
    ['a session 0', { ...record, session: 0 }],
    ['a fractional session', { ...record, session: 1.5 }],
    ['a negative time', { ...record, lastModified: -1 }],
    ['bytes that are not a Blob', { ...record, file: new Uint8Array(4) }],
    ['a field more', { ...record, extra: true }],
    ['a file over the limit', { ...record, file: new OversizedBlob([]) }],
  ])('is unreadable with %s', (_, stored) => {
    expect(readKept(stored)).toEqual({ kind: 'unreadable' });
  });
});
