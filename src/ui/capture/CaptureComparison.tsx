import type { TFunction } from 'i18next';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { simulate, type SessionPhase, type StepEvent } from '../../engine';
import {
  compareSessions,
  phaseRank,
  type AlignedPhase,
  type ObservedFact,
  type SessionDifference,
} from '../../import/sessionComparison';
import { selectPresenting } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { DEFAULT_VIEW } from '../../store/viewIds';
import { stepText, type StepText } from '../ladder/ladderText';
import {
  COMPACT,
  headerLayout,
  ladderLayout,
  laneTitleRoom,
  wrapText,
  type LadderLayout,
  type LadderMetrics,
} from '../ladder/layout';
import { LadderBody, LadderHeader, type RowText } from '../ladder/LadderSvg';
import { ladderRowTexts } from '../ladder/rowTexts';
import '../ladder/ladder.css';
import { useCapture, type OpenedCapture } from './captureStore';
import { PHONE } from '../mediaQueries';
import { useMediaQuery } from '../useMediaQuery';
import { phaseCrop, rowInCrop, SIDE_BY_SIDE_PROJECTOR, type EventSpan } from './phaseLadders';

type Side = 'capture' | 'simulation';
const SIDES: readonly Side[] = ['capture', 'simulation'];

/** A phase's name: "Transfer 1: data connection". */
export function phaseName(p: SessionPhase, t: TFunction): string {
  return t(`capture.compare.phase.${p.phase}`, { transfer: p.transfer });
}

/** What one side shows at the difference, in words ("the reply 425"); "nothing more" when it shows nothing. */
export function factText(fact: ObservedFact | undefined, t: TFunction): string {
  if (!fact) return t('capture.compare.fact.nothing');
  switch (fact.kind) {
    case 'command':
      return t('capture.compare.fact.command', { verb: fact.verb });
    case 'reply':
      return t('capture.compare.fact.reply', { code: fact.code });
    case 'connection':
      return t(`capture.compare.fact.connection.${fact.result}`, {
        opener: t(`devices.${fact.opener}`),
        conn: t(`capture.compare.fact.conn.${fact.conn}`),
      });
    case 'transfer':
      return fact.reason
        ? t(`capture.compare.fact.reason.${fact.reason}`, { verb: fact.verb })
        : t(`capture.compare.fact.transfer.${fact.outcome}`, { verb: fact.verb });
    case 'session':
      return t(`capture.compare.fact.session.${fact.outcome}`);
  }
}

/** One side's ladder, drawn whole once and shown phase by phase. */
interface SideLadder {
  readonly events: readonly StepEvent[];
  readonly metrics: LadderMetrics;
  readonly layout: LadderLayout;
  readonly texts: readonly StepText[];
  readonly rowTexts: readonly RowText[];
}

function useSideLadder(events: readonly StepEvent[], metrics: LadderMetrics): SideLadder {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const layout = ladderLayout(events, metrics);
    const texts = events.map((e) => stepText(e, t, language));
    return { events, metrics, layout, texts, rowTexts: ladderRowTexts(layout, events, texts, t, language) };
  }, [events, metrics, t, language]);
}

/**
 * "Simulate this scenario": the captured session on the left, the engine's simulation of the scenario it
 * suggests on the right, both cut into the engine's phases (a row per phase, so each phase starts on the
 * same line), and the first difference marked on both sides and said in words. The comparison itself is
 * `compareSessions` (src/import): this only draws it.
 */
export function CaptureComparison({ opened }: { readonly opened: OpenedCapture }) {
  const { t } = useTranslation();
  const scenario = opened.scenario;
  const simulation = useMemo(() => (scenario ? simulate(scenario) : null), [scenario]);
  if (!scenario || !simulation) {
    return (
      <section className="capture-compare" aria-labelledby="capture-compare-heading">
        <h3 id="capture-compare-heading">{t('capture.compare.heading')}</h3>
        <p>{t('capture.compare.noScenario')}</p>
      </section>
    );
  }
  return <Comparison opened={opened} simulated={simulation.events} />;
}

function Comparison({
  opened,
  simulated,
}: {
  readonly opened: OpenedCapture;
  readonly simulated: readonly StepEvent[];
}) {
  const { t } = useTranslation();
  const captured = opened.session.events;
  const comparison = useMemo(() => compareSessions(captured, simulated), [captured, simulated]);
  // Two ladders share the width: a phone's proportions keep both readable on a desk, a projector's type
  // reads from the back of the room; a phone upright puts one under the other.
  const presenting = useSim(selectPresenting);
  const stacked = useMediaQuery(PHONE) && !presenting;
  const metrics = presenting ? SIDE_BY_SIDE_PROJECTOR : COMPACT;
  const ladders: Readonly<Record<Side, SideLadder>> = {
    capture: useSideLadder(captured, metrics),
    simulation: useSideLadder(simulated, metrics),
  };
  const difference = comparison.firstDifference;
  const differenceRank = difference ? phaseRank(difference.phase) : -1;

  return (
    <section className="capture-compare" aria-labelledby="capture-compare-heading">
      <h3 id="capture-compare-heading">{t('capture.compare.heading')}</h3>
      <p className="capture-compare-intro" data-presentation="hidden">
        {t('capture.compare.intro')}
      </p>
      <DifferenceSummary difference={difference} />
      <div className={stacked ? 'phase-ladders is-stacked' : 'phase-ladders'}>
        {!stacked &&
          SIDES.map((side) => (
            <div key={side} className="phase-ladders-side-head">
              <h4>{t(`capture.compare.${side}Side`)}</h4>
              <SideHeader ladder={ladders[side]} />
            </div>
          ))}
        {comparison.phases.map((aligned) => {
          const marked = phaseRank(aligned.phase) === differenceRank;
          return (
            <PhaseRow
              key={phaseRank(aligned.phase)}
              aligned={aligned}
              ladders={ladders}
              difference={marked ? difference : undefined}
              stacked={stacked}
            />
          );
        })}
      </div>
    </section>
  );
}

/** The first difference in words, with the way to its step in the replay (or that there is none). */
function DifferenceSummary({ difference }: { readonly difference: SessionDifference | undefined }) {
  const { t } = useTranslation();
  const seek = useSim((s) => s.seek);
  const setScenario = useSim((s) => s.setScenario);
  const setView = useSim((s) => s.setView);
  const setComparing = useCapture((s) => s.setComparing);
  const scenario = useCapture((s) => s.opened?.scenario ?? null);
  const captureIndex = difference?.capture.index;
  return (
    <div className={difference ? 'capture-difference is-different' : 'capture-difference'}>
      <p role="status">
        {difference ? (
          <>
            <span className="capture-difference-mark" aria-hidden="true">
              ≠
            </span>{' '}
            {t('capture.compare.difference', {
              phase: phaseName(difference.phase, t),
              capture: factText(difference.capture.fact, t),
              simulation: factText(difference.simulation.fact, t),
            })}
          </>
        ) : (
          <>
            <span className="capture-difference-mark" aria-hidden="true">
              =
            </span>{' '}
            {t('capture.compare.same')}
          </>
        )}
      </p>
      <div className="capture-difference-tools" data-presentation="hidden">
        {captureIndex !== undefined && (
          <button
            type="button"
            className="outline-button"
            onClick={() => {
              setComparing(false);
              seek(captureIndex);
            }}
          >
            {t('capture.compare.showInReplay')}
          </button>
        )}
        {scenario && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setScenario(scenario);
              setView(DEFAULT_VIEW);
            }}
          >
            {t('capture.compare.openInSimulator')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Lane titles over a side's column (no legend: the replay's ladder has it). */
function SideHeader({ ladder }: { readonly ladder: SideLadder }) {
  const { layout, metrics } = ladder;
  const { t } = useTranslation();
  const laneTitles = useMemo(
    () =>
      layout.lanes.map((lane, i) =>
        wrapText(t(`ladder.lanes.${lane.id}`), laneTitleRoom(layout, i), layout.titleSize),
      ),
    [layout, t],
  );
  const header = useMemo(() => {
    const full = headerLayout([], layout.width, Math.max(1, ...laneTitles.map((l) => l.length)), metrics);
    // No legend here (the replay's ladder has it): its first line's room goes too.
    const unused = full.titleY - full.titleLine * 1.5;
    return {
      ...full,
      titleY: full.titleY - unused,
      lifelineTop: full.lifelineTop - unused,
      height: full.height - unused,
    };
  }, [layout.width, laneTitles, metrics]);
  return (
    <div aria-hidden="true" className="phase-canvas" style={{ minWidth: canvasMinWidth(ladder) }}>
      <LadderHeader
        layout={layout}
        header={header}
        laneTitles={laneTitles}
        timeTitle={t('ladder.time')}
        legendTexts={{ control: '', data: '', dropped: '', note: '' }}
      />
    </div>
  );
}

/** On a projector a side is drawn at least 1:1 (its cell scrolls sideways rather than shrink the type). */
const canvasMinWidth = (ladder: SideLadder): number | undefined =>
  ladder.metrics === SIDE_BY_SIDE_PROJECTOR ? ladder.layout.width : undefined;

function PhaseRow({
  aligned,
  ladders,
  difference,
  stacked,
}: {
  readonly aligned: AlignedPhase;
  readonly ladders: Readonly<Record<Side, SideLadder>>;
  readonly difference: SessionDifference | undefined;
  /** One side under the other (a phone upright): each says which it is, over its own lane titles. */
  readonly stacked: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <h4 id={id} className={difference ? 'phase-title is-different' : 'phase-title'}>
        {phaseName(aligned.phase, t)}
        {difference && <span className="phase-marker-text"> {t('capture.compare.marker')}</span>}
      </h4>
      {SIDES.map((side) => (
        <PhaseCell
          key={side}
          side={side}
          labelledBy={id}
          span={aligned[side]}
          ladder={ladders[side]}
          marked={difference?.[side].index}
          stacked={stacked}
        />
      ))}
    </>
  );
}

function PhaseCell({
  side,
  labelledBy,
  span,
  ladder,
  marked,
  stacked,
}: {
  readonly side: Side;
  readonly labelledBy: string;
  readonly span: EventSpan | undefined;
  readonly ladder: SideLadder;
  readonly marked: number | undefined;
  readonly stacked: boolean;
}) {
  const { t } = useTranslation();
  const sideId = useId();
  if (!span) {
    return (
      <div className="phase-cell is-absent" data-side={side}>
        {stacked && <p className="phase-cell-side">{t(`capture.compare.${side}Side`)}</p>}
        <p>{t('capture.compare.absent')}</p>
      </div>
    );
  }
  const crop = phaseCrop(ladder.layout, span);
  const mark = marked === undefined ? undefined : rowInCrop(ladder.layout, crop, marked);
  const steps = ladder.texts.slice(span.from, span.to + 1);
  return (
    <div className="phase-cell" data-side={side} data-marked={mark ? 'true' : undefined}>
      <span id={sideId} className={stacked ? 'phase-cell-side' : 'visually-hidden'}>
        {t(`capture.compare.${side}Side`)}
      </span>
      {stacked && <SideHeader ladder={ladder} />}
      <div className="phase-canvas" style={{ minWidth: canvasMinWidth(ladder) }}>
        <LadderBody layout={ladder.layout} texts={ladder.rowTexts} crop={crop} />
        {mark && (
          <div
            className="phase-marker"
            style={{ top: `${mark.top}%`, height: `${mark.height}%` }}
            aria-hidden="true"
          >
            <span>{t('capture.compare.marker')}</span>
          </div>
        )}
      </div>
      {/* The drawing in words, for screen readers: the phase's steps, the difference among them. */}
      <ol className="visually-hidden" aria-labelledby={`${labelledBy} ${sideId}`}>
        {steps.map((text, i) => (
          <li key={span.from + i}>
            {span.from + i === marked ? `${t('capture.compare.marker')}: ` : ''}
            {text.spoken}
          </li>
        ))}
      </ol>
    </div>
  );
}
