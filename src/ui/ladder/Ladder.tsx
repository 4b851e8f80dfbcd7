import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectCursor, selectEvents, selectPresenting } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { useSimWhileSeen } from '../useSimWhileSeen';
import { ExportMenu } from '../export/ExportMenu';
import type { LadderSvgParts } from '../export/svgExport';
import { measureAfterLayout } from '../measureAfterLayout';
import { prefersReducedMotion } from '../reducedMotion';
import { useAtTop } from '../timeline/useAtTop';
import { stepText, type StepText } from './ladderText';
import {
  COMPACT,
  COMPACT_BELOW,
  PROJECTOR,
  WIDE,
  fitText,
  headerLayout,
  ladderLayout,
  laneTitleRoom,
  wrapText,
  scrollDelta,
  type LadderFonts,
  type LadderLayout,
  type LadderRow,
} from './layout';
import { LadderBody, LadderHeader } from './LadderSvg';
import { ladderRowTexts } from './rowTexts';
import './ladder.css';

/** Below this share of its natural width the type gets too small to read: the ladder scrolls sideways instead. */
const MIN_SCALE = 0.7;
/** A projector's ladder is never drawn below 1:1 (its type is sized for that). */
const PROJECTOR_MIN_SCALE = 1;

/** Whether the element is narrower than a phone held upright: the ladder then uses compact proportions. */
function useCompact(ref: React.RefObject<HTMLElement | null>): boolean {
  const [compact, setCompact] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setCompact(entry.contentRect.width < COMPACT_BELOW);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return compact;
}

/**
 * The session as a sequence diagram, the way textbooks and Wireshark's flow graph draw it: a lifeline per
 * machine, an arrow per packet, notes for what happens on a machine. The current step is highlighted and
 * kept in view, later steps are dimmed, and any step is one click (or ↑/↓ and Enter) away.
 */
export function Ladder() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const events = useSim(selectEvents);
  // Below the first screen, like the inspector and the list of steps: it follows the step in a render of
  // its own, after the diagram and the narration have moved, at low priority and interruptible; and not
  // at all while a replay plays with the ladder off screen.
  const [cursorShown, setPanel] = useSimWhileSeen(selectCursor);
  const cursor = useDeferredValue(cursorShown);
  const seek = useSim((s) => s.seek);
  const id = useId();
  const headingId = `${id}-heading`;
  const helpId = `${id}-help`;
  const optionId = useCallback((index: number) => `${id}-step-${index}`, [id]);

  const sectionRef = useRef<HTMLElement>(null);
  const compact = useCompact(sectionRef);
  const setSection = useCallback(
    (element: HTMLElement | null) => {
      sectionRef.current = element;
      setPanel(element);
    },
    [setPanel],
  );
  const presenting = useSim(selectPresenting);
  // A phone keeps its compact proportions; presentation mode on a wider screen gets a projector's type.
  const metrics = compact ? COMPACT : presenting ? PROJECTOR : WIDE;
  const layout = useMemo(() => ladderLayout(events, metrics), [events, metrics]);
  const texts = useMemo(() => events.map((e) => stepText(e, t, language)), [events, t, language]);
  const rowTexts = useMemo(
    () => ladderRowTexts(layout, events, texts, t, language),
    [layout, events, texts, t, language],
  );
  const legendTexts = useMemo(
    () => ({
      control: t('ladder.legend.control'),
      data: t('ladder.legend.data'),
      dropped: t('ladder.legend.dropped'),
      note: t('ladder.legend.note'),
    }),
    [t],
  );
  const laneTitles = useMemo(
    () =>
      layout.lanes.map((lane, i) =>
        wrapText(t(`ladder.lanes.${lane.id}`), laneTitleRoom(layout, i), layout.titleSize),
      ),
    [layout, t],
  );
  const header = useMemo(
    () =>
      headerLayout(
        [legendTexts.control, legendTexts.data, legendTexts.dropped, legendTexts.note],
        layout.width,
        Math.max(1, ...laneTitles.map((lines) => lines.length)),
        metrics,
      ),
    [legendTexts, layout.width, laneTitles, metrics],
  );

  // The row the keyboard is on: the cursor's, until ↑/↓ move away from it (Enter then makes it the
  // cursor). Any move of the cursor, by whatever means, brings it back.
  const [moved, setMoved] = useState<number | null>(null);
  useEffect(
    () =>
      useSim.subscribe((s, prev) => {
        if (s.cursor !== prev.cursor || s.events !== prev.events) setMoved(null);
      }),
    [],
  );
  const activeIndex = Math.min(moved ?? cursor, Math.max(0, layout.rows.length - 1));

  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const headerSvgRef = useRef<SVGSVGElement>(null);
  const bodySvgRef = useRef<SVGSVGElement>(null);

  const { atTop, onScroll } = useAtTop();
  useEffect(() => {
    if (activeIndex === 0 && atTop.current) return;
    const box = scrollRef.current;
    const item = box?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (!box || !item || typeof box.scrollBy !== 'function') return; // jsdom has no layout
    const head = headRef.current;
    // After the next layout, not now: a step never forces one (measureAfterLayout).
    return measureAfterLayout(box, head ? [item, head] : [item], ({ box: view, items: [row, header] }) => {
      if (!row) return;
      const delta = scrollDelta(view, row, 48, header?.height ?? 0);
      if (delta !== 0) box.scrollBy({ top: delta, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    });
  }, [activeIndex, layout, atTop]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setMoved(Math.min(Math.max(activeIndex + step, 0), layout.rows.length - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      seek(activeIndex);
      setMoved(null);
    }
    // ←/→, Space, Home/End and PageUp/PageDown stay with the player (usePlayerKeys).
  };

  const getParts = useCallback((): LadderSvgParts | null => {
    const headerSvg = headerSvgRef.current;
    const body = bodySvgRef.current;
    return headerSvg && body ? { header: headerSvg, body } : null;
  }, []);

  const current = layout.rows[Math.min(cursor, layout.rows.length - 1)];
  const veilTop = current ? ((current.top + current.height) / layout.height) * 100 : 100;

  return (
    <section ref={setSection} className="ladder" aria-labelledby={headingId}>
      <div className="ladder-toolbar">
        <h2 id={headingId}>{t('ladder.heading')}</h2>
        <ExportMenu getLadder={getParts} />
      </div>
      <p id={helpId} className="ladder-help">
        {t('ladder.help')}
      </p>
      <div
        ref={scrollRef}
        className="ladder-scroll"
        role="listbox"
        tabIndex={0}
        aria-labelledby={headingId}
        aria-describedby={helpId}
        aria-activedescendant={layout.rows.length > 0 ? optionId(activeIndex) : undefined}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        <div
          className="ladder-inner"
          style={{
            minWidth: `${Math.round(layout.width * (metrics === PROJECTOR ? PROJECTOR_MIN_SCALE : MIN_SCALE))}px`,
          }}
        >
          <div ref={headRef} className="ladder-head" aria-hidden="true">
            <LadderHeader
              ref={headerSvgRef}
              layout={layout}
              header={header}
              laneTitles={laneTitles}
              timeTitle={t('ladder.time')}
              legendTexts={legendTexts}
            />
          </div>
          <div className="ladder-canvas" style={{ aspectRatio: `${layout.width} / ${layout.height}` }}>
            <LadderOptions
              layout={layout}
              texts={texts}
              cursor={cursor}
              active={activeIndex}
              optionId={optionId}
              onSeek={seek}
            />
            <LadderBody ref={bodySvgRef} layout={layout} texts={rowTexts} />
            <div className="ladder-veil" style={{ top: `${veilTop}%` }} aria-hidden="true" />
          </div>
        </div>
      </div>
    </section>
  );
}

interface OptionsProps {
  readonly layout: LadderLayout;
  readonly texts: readonly StepText[];
  readonly cursor: number;
  readonly active: number;
  readonly optionId: (index: number) => string;
  readonly onSeek: (index: number) => void;
}

function LadderOptions({ layout, texts, cursor, active, optionId, onSeek }: OptionsProps) {
  return (
    <div className="ladder-options">
      {layout.rows.map((row, i) => (
        <LadderOption
          key={row.index}
          id={optionId(row.index)}
          row={row}
          total={layout.height}
          font={layout.font}
          text={texts[i]}
          selected={row.index === cursor}
          active={row.index === active}
          onSeek={onSeek}
        />
      ))}
    </div>
  );
}

interface OptionProps {
  readonly id: string;
  readonly row: LadderRow;
  readonly total: number;
  readonly font: LadderFonts;
  readonly text: StepText | undefined;
  readonly selected: boolean;
  readonly active: boolean;
  readonly onSeek: (index: number) => void;
}

/** One step's band over the drawing: what is clicked, selected and read out. Memoised: a cursor move re-renders two. */
const LadderOption = memo(function LadderOption({
  id,
  row,
  total,
  font,
  text,
  selected,
  active,
  onSeek,
}: OptionProps) {
  const kind = row.shape.kind;
  const label = text?.label ?? '';
  // The drawing may cut a long label short (a phone): the full words show on hover.
  const shown =
    row.shape.kind === 'arrow'
      ? fitText(label, row.shape.labelRoom, font.label)
      : fitText(label, row.shape.textRoom, row.shape.lane ? font.note : font.label);
  const title = [shown !== label ? label : undefined, text?.detail].filter(Boolean).join(' · ') || undefined;
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      data-index={row.index}
      data-kind={kind}
      data-end={row.shape.kind === 'arrow' ? row.shape.end : undefined}
      className={active ? 'ladder-option is-active' : 'ladder-option'}
      style={{ top: `${(row.top / total) * 100}%`, height: `${(row.height / total) * 100}%` }}
      title={title}
      onClick={() => onSeek(row.index)}
    >
      <span className="visually-hidden">{text?.spoken}</span>
    </div>
  );
});
