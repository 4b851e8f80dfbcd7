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
