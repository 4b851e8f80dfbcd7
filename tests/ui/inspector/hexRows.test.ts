import { describe, expect, it } from 'vitest';
import { hexRows, hexRowText } from '../../../src/ui/inspector/hexRows';

describe('hexRows', () => {
  it('prints 16 bytes a row with the offset in hex and printable ASCII', () => {
    const bytes = Uint8Array.from(
      [...'PORT 1,2\r\n'].map((c) => c.charCodeAt(0)).concat(Array(10).fill(0x45)),
    );
    const rows = hexRows(bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.offset).toBe('0000');
    expect(rows[0]?.hex.slice(0, 4)).toEqual(['50', '4f', '52', '54']);
    expect(rows[0]?.ascii.join('')).toBe('PORT 1,2..EEEEEE');
    expect(rows[1]).toEqual({
      offset: '0010',
      start: 16,
      hex: ['45', '45', '45', '45'],
      ascii: ['E', 'E', 'E', 'E'],
    });
  });

  it('gives no rows for no bytes', () => {
    expect(hexRows(new Uint8Array(0))).toEqual([]);
  });

  describe('hexRowText', () => {
    const bytes = Uint8Array.from([...'PORT 1,2\r\nEEEEEEEEEEEE'].map((c) => c.charCodeAt(0)));
    const [first, second] = hexRows(bytes);
    if (!first || !second) throw new Error('two rows expected');

    it('is one plain run per column without a highlight', () => {
      expect(hexRowText(first)).toEqual({
        hex: [{ text: '50 4f 52 54 20 31 2c 32 0d 0a 45 45 45 45 45 45', on: false }],
        ascii: [{ text: 'PORT 1,2..EEEEEE', on: false }],
      });
    });

    it('cuts out the highlighted bytes, the separating spaces outside the run', () => {
      expect(hexRowText(first, { start: 5, end: 8 })).toEqual({
        hex: [
          { text: '50 4f 52 54 20 ', on: false },
          { text: '31 2c 32', on: true },
          { text: ' 0d 0a 45 45 45 45 45 45', on: false },
        ],
        ascii: [
          { text: 'PORT ', on: false },
          { text: '1,2', on: true },
          { text: '..EEEEEE', on: false },
        ],
      });
    });

    it('clips a highlight that starts in a row before or ends in a row after', () => {
      expect(hexRowText(first, { start: 14, end: 20 }).hex).toEqual([
        { text: '50 4f 52 54 20 31 2c 32 0d 0a 45 45 45 45 ', on: false },
        { text: '45 45', on: true },
      ]);
      expect(hexRowText(second, { start: 14, end: 18 }).ascii).toEqual([
        { text: 'EE', on: true },
        { text: 'EEEE', on: false },
      ]);
      expect(hexRowText(second, { start: 0, end: 4 }).hex).toEqual([
        { text: '45 45 45 45 45 45', on: false },
      ]);
    });

    it('keeps every byte, in order, for any highlight', () => {
      for (let start = 0; start <= bytes.length; start++) {
        for (let end = start; end <= bytes.length + 2; end++) {
          for (const row of [first, second]) {
            const text = hexRowText(row, { start, end });
            expect(text.hex.map((r) => r.text).join('')).toBe(row.hex.join(' '));
            expect(text.ascii.map((r) => r.text).join('')).toBe(row.ascii.join(''));
            const lit = text.ascii
              .filter((r) => r.on)
              .map((r) => r.text)
              .join('');
            const inRow = Math.max(0, Math.min(end, row.start + row.hex.length) - Math.max(start, row.start));
            expect(lit).toHaveLength(inRow);
          }
        }
      }
    });
  });
});
