/** One line of a hex dump: `0010  45 00 00 3c …  E..<…`, as `tcpdump -X` and Wireshark's bytes pane print it. */
export interface HexRow {
  /** Offset of the first byte, 4 hex digits. */
  readonly offset: string;
  /** Index in the frame of the row's first byte. */
  readonly start: number;
  /** Up to 16 bytes, each as 2 lowercase hex digits. */
  readonly hex: readonly string[];
  /** The same bytes as printable ASCII, `.` for anything else. */
  readonly ascii: readonly string[];
}

export const BYTES_PER_ROW = 16;

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

export function hexRows(bytes: Uint8Array): HexRow[] {
  const rows: HexRow[] = [];
  for (let start = 0; start < bytes.length; start += BYTES_PER_ROW) {
    const chunk = Array.from(bytes.subarray(start, start + BYTES_PER_ROW));
    rows.push({
      offset: start.toString(16).padStart(4, '0'),
      start,
      hex: chunk.map((b) => b.toString(16).padStart(2, '0')),
      ascii: chunk.map(printable),
    });
  }
  return rows;
}

/** A run of a row's text, highlighted or not. */
export interface HexSegment {
  readonly text: string;
  readonly on: boolean;
}

/** The row's hex and ASCII columns as at most three runs each: before, inside and after the highlight. */
export interface HexRowText {
  readonly hex: readonly HexSegment[];
  readonly ascii: readonly HexSegment[];
}

/**
 * A row as a few text runs, not one element per byte: a frame of 1,500 bytes is then some 300 elements
 * instead of 3,000 for every step to update and lay out. Hex bytes are separated by one space;
 * the spaces between two highlighted bytes belong to the highlight, so a run reads as one block.
 */
export function hexRowText(
  row: HexRow,
  highlight?: { readonly start: number; readonly end: number },
): HexRowText {
  const length = row.hex.length;
  const from = highlight ? Math.min(Math.max(highlight.start - row.start, 0), length) : length;
  const to = highlight ? Math.min(Math.max(highlight.end - row.start, from), length) : length;
  const spans = [
    [0, from, false],
    [from, to, true],
    [to, length, false],
  ] as const;
  const cut = (parts: readonly string[], separator: string): HexSegment[] => {
    const runs: HexSegment[] = [];
    const add = (text: string, on: boolean) => {
      const last = runs.at(-1);
      if (last?.on === on) runs[runs.length - 1] = { text: last.text + text, on };
      else if (text !== '') runs.push({ text, on });
    };
    for (const [start, end, on] of spans) {
      if (start >= end) continue;
      // The separator between two runs stays outside both.
      if (runs.length > 0) add(separator, false);
      add(parts.slice(start, end).join(separator), on);
    }
    return runs;
  };
  return { hex: cut(row.hex, ' '), ascii: cut(row.ascii, '') };
}
