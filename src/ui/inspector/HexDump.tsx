import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ByteRange } from './frameLayout';
import { BYTES_PER_ROW, hexRows } from './hexRows';

interface HexDumpProps {
  readonly frame: Uint8Array;
  /** Bytes to highlight (the field pointed at), if any. */
  readonly highlight?: ByteRange;
  /** What the region is, e.g. "Frame as captured at the client, 74 bytes". */
  readonly label: string;
}

/** Column headings: the low hex digit of each byte's offset. */
const COLUMNS = Array.from({ length: BYTES_PER_ROW }, (_, i) => i.toString(16).padStart(2, '0'));

/** Offset, 16 bytes in hex, the same bytes as ASCII: the frame as Wireshark's bytes pane shows it. */
export function HexDump({ frame, highlight, label }: HexDumpProps) {
  const { t } = useTranslation();
  const rows = useMemo(() => hexRows(frame), [frame]);
  const on = (i: number) => highlight !== undefined && i >= highlight.start && i < highlight.end;
  return (
    // Focusable, so that keyboard users can scroll it sideways on a narrow screen.
    <div className="hexdump" role="region" aria-label={label} tabIndex={0}>
      <div className="hexdump-head" aria-hidden="true">
        <span className="hex-offset">{t('inspector.bytes.offset')}</span>
        <span className="hex-bytes">
          {COLUMNS.map((c) => (
            <span key={c} className="hex-byte">
              {c}
            </span>
          ))}
        </span>
        <span className="hex-ascii">{t('inspector.bytes.ascii')}</span>
      </div>
      {rows.map((row) => (
        <div className="hex-row" key={row.start} data-offset={row.offset}>
          <span className="hex-offset">{row.offset}</span>
          <span className="hex-bytes">
            {row.hex.map((h, k) => (
              <span key={k} className={on(row.start + k) ? 'hex-byte hex-on' : 'hex-byte'}>
                {h}
              </span>
            ))}
          </span>
          <span className="hex-ascii">
            {row.ascii.map((c, k) => (
              <span key={k} className={on(row.start + k) ? 'hex-on' : undefined}>
                {c}
              </span>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}
