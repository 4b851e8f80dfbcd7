import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ByteRange } from './frameLayout';
import { hexRows } from './hexDump';

interface HexDumpProps {
  readonly frame: Uint8Array;
  /** Bytes to highlight (the field pointed at), if any. */
  readonly highlight?: ByteRange;
  /** What the region is, e.g. "Frame as captured at the client, 74 bytes". */
  readonly label: string;
}

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
        <span className="hex-bytes">00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f</span>
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
