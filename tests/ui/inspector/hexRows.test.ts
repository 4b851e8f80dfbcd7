import { describe, expect, it } from 'vitest';
import { hexRows } from '../../../src/ui/inspector/hexRows';

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
});
