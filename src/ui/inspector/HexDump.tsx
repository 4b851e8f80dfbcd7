import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ByteRange } from './frameLayout';
import { BYTES_PER_ROW, hexRows, hexRowText, type HexSegment } from './hexRows';

interface HexDumpProps {
  readonly frame: Uint8Array;
  /** Bytes to highlight (the field pointed at), if any. */
  readonly highlight?: ByteRange;
  /** What the region is, e.g. "Frame as captured at the client, 74 bytes". */
  readonly label: string;
}

/** Column headings: the low hex digit of each byte's offset. */
const COLUMNS = Array.from({ length: BYTES_PER_ROW }, (_, i) => i.toString(16).padStart(2, '0')).join(' ');

function Runs({ runs }: { readonly runs: readonly HexSegment[] }) {
  return runs.map((run, k) =>
    run.on ? (
      <mark key={k} className="hex-on">
        {run.text}
      </mark>
    ) : (
      run.text
    ),
  );
}

/** Offset, 16 bytes in hex, the same bytes as ASCII: the frame as Wireshark's bytes pane shows it. */
export function HexDump({ frame, highlight, label }: HexDumpProps) {
  const { t } = useTranslation();
  const rows = useMemo(() => hexRows(frame), [frame]);
  return (
    // Focusable, so that keyboard users can scroll it sideways on a narrow screen.
    <div className="hexdump" role="region" aria-label={label} tabIndex={0}>
      <div className="hexdump-head" aria-hidden="true">
        <span className="hex-offset">{t('inspector.bytes.offset')}</span>
        <span className="hex-bytes">{COLUMNS}</span>
        <span className="hex-ascii">{t('inspector.bytes.ascii')}</span>
      </div>
      {rows.map((row) => {
        const text = hexRowText(row, highlight);
        return (
          <div className="hex-row" key={row.start} data-offset={row.offset}>
            <span className="hex-offset">{row.offset}</span>
            <span className="hex-bytes">
              <Runs runs={text.hex} />
            </span>
            <span className="hex-ascii">
              <Runs runs={text.ascii} />
            </span>
          </div>
        );
      })}
    </div>
  );
}
