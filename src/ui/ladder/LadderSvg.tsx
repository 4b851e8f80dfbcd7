import { forwardRef, memo } from 'react';
import type { DeviceId } from '../../engine';
import {
  fitText,
  type ArrowShape,
  type LadderFonts,
  type LadderLayout,
  type HeaderLayout,
  type LadderRow,
  type Lane,
  type NoteShape,
} from './layout';
import { DATA_DASH, GAP_DASH, LADDER_COLORS as C } from './theme';

/** How a note is marked: a drop in red, an accepted packet in green, the rest in grey (words say which). */
export type NoteTone = 'drop' | 'accept' | 'neutral' | 'success' | 'failed';

export interface RowText {
  readonly label: string;
  readonly endNote?: string;
  readonly time: string;
  readonly gap?: string;
  readonly tone: NoteTone;
}

const HALO = { stroke: C.halo, strokeWidth: 4, strokeLinejoin: 'round', paintOrder: 'stroke' } as const;

function isHost(id: DeviceId): boolean {
  return id === 'client' || id === 'server';
}

function Lifelines({ lanes, from, to }: { lanes: readonly Lane[]; from: number; to: number }) {
  return (
    <g>
      {lanes.map((lane) => (
        <line
          key={lane.id}
          x1={lane.x}
          x2={lane.x}
          y1={from}
          y2={to}
          stroke={isHost(lane.id) ? C.lifeline : C.router}
          strokeWidth={isHost(lane.id) ? 2 : 1.5}
        />
      ))}
    </g>
  );
}

function Arrow({ shape, text, font }: { shape: ArrowShape; text: RowText; font: LadderFonts }) {
  const colour = shape.conn === 'data' ? C.data : C.control;
  return (
    <g data-kind="arrow" data-conn={shape.conn} data-end={shape.end}>
      <line
        x1={shape.x1}
        y1={shape.y1}
        x2={shape.x2}
        y2={shape.y2}
        stroke={colour}
        strokeWidth={2}
        strokeDasharray={shape.conn === 'data' ? DATA_DASH : undefined}
      />
      {shape.head && <polygon points={shape.head} fill={colour} />}
      {shape.cross?.map((s, i) => (
        <line key={i} {...s} stroke={C.bad} strokeWidth={3} strokeLinecap="round" />
      ))}
      <text
        x={shape.label.x}
        y={shape.label.y}
        textAnchor={shape.label.anchor}
        fontSize={font.label}
        fill={colour}
        {...HALO}
      >
        {fitText(text.label, shape.labelRoom, font.label)}
      </text>
      {shape.endNote && text.endNote && (
        <text
          x={shape.endNote.x}
          y={shape.endNote.y}
          textAnchor={shape.endNote.anchor}
          fontSize={font.note}
          fontWeight={600}
          fill={C.bad}
          {...HALO}
        >
          {fitText(text.endNote, shape.endNoteRoom, font.note)}
        </text>
      )}
    </g>
  );
}

const TONE_COLOUR: Readonly<Record<NoteTone, string>> = {
  drop: C.bad,
  accept: C.ok,
  neutral: C.muted,
  success: C.ok,
  failed: C.bad,
};

function Note({ shape, text, font }: { shape: NoteShape; text: RowText; font: LadderFonts }) {
  const colour = TONE_COLOUR[text.tone];
  const session = shape.lane === undefined;
  const size = session ? font.label : font.note;
  return (
    <g data-kind="note" data-tone={text.tone}>
      {shape.text.anchor !== 'middle' && (
        <circle cx={shape.marker.x} cy={shape.marker.y} r={4} fill={colour} />
      )}
      <text
        x={shape.text.x}
        y={shape.text.y}
        textAnchor={shape.text.anchor}
        fontSize={size}
        fontWeight={session || text.tone === 'drop' ? 700 : 400}
        fill={text.tone === 'neutral' ? C.text : colour}
        {...HALO}
      >
        {fitText(text.label, shape.textRoom, size)}
      </text>
    </g>
  );
}

function Row({
  row,
  text,
  width,
  timeColumn,
  font,
}: {
  row: LadderRow;
  text: RowText;
  width: number;
  timeColumn: number;
  font: LadderFonts;
}) {
  return (
    <g data-index={row.index}>
      {row.gap && (
        <g data-kind="gap">
          <line
            x1={timeColumn - 4}
            x2={width - 8}
            y1={row.gap.y - 4}
            y2={row.gap.y - 4}
            stroke={C.gap}
            strokeDasharray={GAP_DASH}
          />
          <text
            x={timeColumn - 8}
            y={row.gap.y}
            textAnchor="end"
            fontSize={font.time}
            fontWeight={700}
            fill={C.muted}
          >
            {text.gap}
          </text>
        </g>
      )}
      <text
        x={timeColumn - 8}
        y={row.timeY}
        textAnchor="end"
        fontSize={font.time}
        fill={C.muted}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {text.time}
      </text>
      {row.shape.kind === 'arrow' ? (
        <Arrow shape={row.shape} text={text} font={font} />
      ) : (
        <Note shape={row.shape} text={text} font={font} />
      )}
    </g>
  );
}

/** A horizontal band of the drawing, in its units: the rows that fall in it are all that is drawn. */
export interface LadderCrop {
  readonly top: number;
  readonly height: number;
}

interface BodyProps {
  readonly layout: LadderLayout;
  /** One entry per row, in the same order. */
  readonly texts: readonly RowText[];
  /** Only this band (a phase of the session, beside the same phase of another); the whole by default. */
  readonly crop?: LadderCrop;
}

/**
 * The diagram itself: static for a given session and language (the current step is drawn by the
 * list on top of it), so moving the cursor never re-renders it.
 */
export const LadderBody = memo(
  forwardRef<SVGSVGElement, BodyProps>(function LadderBody({ layout, texts, crop }, ref) {
    const { top, height } = crop ?? { top: 0, height: layout.height };
    return (
      <svg
        ref={ref}
        className="ladder-svg"
        viewBox={`0 ${top} ${layout.width} ${height}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
      >
        <Lifelines lanes={layout.lanes} from={top} to={top + height} />
        {layout.rows.map((row, i) => {
          const text = texts[i];
          const shown = row.top < top + height && row.top + row.height > top;
          return text && shown ? (
            <Row
              key={row.index}
              row={row}
              text={text}
              width={layout.width}
              timeColumn={layout.timeColumn}
              font={layout.font}
            />
          ) : null;
        })}
      </svg>
    );
  }),
);

export interface LegendTexts {
  readonly control: string;
  readonly data: string;
  readonly dropped: string;
  readonly note: string;
}

interface HeaderProps {
  readonly layout: LadderLayout;
  readonly header: HeaderLayout;
  /** Each lane's title, as lines. */
  readonly laneTitles: readonly (readonly string[])[];
  readonly timeTitle: string;
  readonly legendTexts: LegendTexts;
}

/** The legend, then the lane titles; it stays at the top while the diagram scrolls. */
export const LadderHeader = memo(
  forwardRef<SVGSVGElement, HeaderProps>(function LadderHeader(
    { layout, header, laneTitles, timeTitle, legendTexts },
    ref,
  ) {
    const [control, data, dropped, note] = header.legend;
    const words = [legendTexts.control, legendTexts.data, legendTexts.dropped, legendTexts.note];
    return (
      <svg
        ref={ref}
        className="ladder-svg"
        viewBox={`0 0 ${layout.width} ${header.height}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
      >
        {control && (
          <line
            x1={control.x}
            x2={control.x + 30}
            y1={control.y - 4}
            y2={control.y - 4}
            stroke={C.control}
            strokeWidth={2}
          />
        )}
        {data && (
          <line
            x1={data.x}
            x2={data.x + 30}
            y1={data.y - 4}
            y2={data.y - 4}
            stroke={C.data}
            strokeWidth={2}
            strokeDasharray={DATA_DASH}
          />
        )}
        {dropped && (
          <g stroke={C.bad} strokeWidth={3} strokeLinecap="round">
            <line x1={dropped.x + 10} y1={dropped.y - 10} x2={dropped.x + 22} y2={dropped.y + 2} />
            <line x1={dropped.x + 10} y1={dropped.y + 2} x2={dropped.x + 22} y2={dropped.y - 10} />
          </g>
        )}
        {note && <circle cx={note.x + 16} cy={note.y - 4} r={4} fill={C.muted} />}
        {header.legend.map((item, i) => (
          <text key={i} x={item.textX} y={item.y} fontSize={layout.font.legend} fill={C.text}>
            {words[i]}
          </text>
        ))}
        <line x1={0} x2={layout.width} y1={header.titleY - 24} y2={header.titleY - 24} stroke={C.router} />
        <text
          x={layout.timeColumn - 8}
          y={header.titleY}
          textAnchor="end"
          fontSize={layout.font.time}
          fill={C.muted}
        >
          {timeTitle}
        </text>
        {layout.lanes.map((lane, i) => (
          <text
            key={lane.id}
            x={lane.x}
            y={header.titleY}
            textAnchor="middle"
            fontSize={layout.titleSize}
            fontWeight={700}
            fill={C.text}
          >
            {(laneTitles[i] ?? []).map((line, k) => (
              <tspan key={k} x={lane.x} dy={k === 0 ? 0 : header.titleLine}>
                {line}
              </tspan>
            ))}
          </text>
        ))}
        <Lifelines lanes={layout.lanes} from={header.lifelineTop} to={header.height} />
      </svg>
    );
  }),
);
