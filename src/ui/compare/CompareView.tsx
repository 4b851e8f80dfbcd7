import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  classicComparison,
  COMPARISON_ROWS,
  modeComparison,
  sessionPhases,
  simulate,
  type ClassicAnswer,
  type ComparisonRow,
  type Mode,
  type SessionPhase,
  type SessionPhaseName,
  type Simulation,
} from '../../engine';
import {
  eventConnLabel,
  isDropStep,
  selectPresenting,
  selectReducedMotion,
  selectScenario,
  selectSpeed,
} from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { NetworkDiagramView } from '../diagram/NetworkDiagram';
import { formatSeconds } from '../format';
import { narrationText } from '../narration/localizeParams';
import { Icon } from '../player/icons';
import { useHeightVariable } from '../stage/useSizeVariable';
import { ConnTag } from '../timeline/ConnTag';
import './compare.css';
import {
  cellState,
  cellText,
  classicKey,
  commandsOf,
  COMPARE_MODES,
  COMPARE_SIDES,
  withMode,
  type CellState,
  type CompareCommands,
  type CompareSide,
  type ComparisonRowName,
} from './compareTable';
import { phaseSync } from './phaseSync';
import { useCompareReplay, type CompareReplayAction } from './useCompareReplay';

type T = ReturnType<typeof useTranslation>['t'];

/**
 * Active and passive mode on the same settings, side by side: both simulated by the engine, each with
 * its own network diagram and narration, stepped together phase by phase (the engine's sessionPhases)
 * by one control, so the same moment stands side by side. Under them, the classic table of differences:
 * the textbook's answer for each row and, beside it, what this session shows, lit when the replay gets
 * there. Uses the simulator's scenario, never its cursor.
 */
export function CompareView() {
  const { t } = useTranslation();
  const scenario = useSim(selectScenario);
  const [commands, setCommands] = useState<CompareCommands>(() => commandsOf(scenario.mode));
  const top = useRef<HTMLDivElement>(null);
  useHeightVariable(top, '--compare-head-h');

  return (
    <main className="compare" aria-labelledby="compare-heading">
      <div className="compare-head" ref={top}>
        <div>
          <h2 id="compare-heading">{t('compare.heading')}</h2>
          <p className="compare-intro" data-presentation="hidden">
            {t('compare.intro')}
          </p>
        </div>
        {/* An editing control: hidden in presentation mode, like the simulator's settings. */}
        <fieldset className="compare-commands" data-presentation="hidden">
          <legend>{t('compare.commands.legend')}</legend>
          {(['classic', 'extended'] as const).map((c) => (
            <label key={c}>
              <input
                type="radio"
                name="compare-commands"
                value={c}
                checked={commands === c}
                onChange={() => setCommands(c)}
              />
              {t(`compare.commands.${c}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {/* A new scenario or new commands: simulate again and start over at the first step. */}
      <CompareReplay key={`${commands} ${JSON.stringify(scenario)}`} commands={commands} />
    </main>
  );
}

interface SideData {
  readonly side: CompareSide;
  readonly mode: Mode;
  readonly sim: Simulation;
  readonly rows: readonly ComparisonRow[];
  readonly classic: readonly ClassicAnswer[];
  readonly phases: readonly SessionPhase[];
}

/** Where each side stands now and stood one move ago (indexes into its events). */
interface SidePosition {
  readonly index: number;
  readonly before: number;
}

function CompareReplay({ commands }: { readonly commands: CompareCommands }) {
  const { t } = useTranslation();
  const scenario = useSim(selectScenario);
  const sides = useMemo<SideData[]>(
    () =>
      COMPARE_SIDES.map((side) => {
        const mode = COMPARE_MODES[commands][side];
        const sim = simulate(withMode(scenario, mode));
        return {
          side,
          mode,
          sim,
          rows: modeComparison(sim.events, mode),
          classic: classicComparison(mode),
          phases: sessionPhases(sim.events),
        };
      }),
    [scenario, commands],
  );
  const synced = useMemo(() => phaseSync(sides[0]?.phases ?? [], sides[1]?.phases ?? []), [sides]);
  const last = synced.length - 1;
  const [replay, dispatch] = useCompareReplay(last);
  const now = synced[replay.step];
  const then = synced[replay.previous];
  const positions = sides.map((_, i): SidePosition => ({
    index: now?.index[i] ?? 0,
    before: then?.index[i] ?? 0,
  }));
  const numbered = scenario.commands.length > 1;
  const phaseText = now ? phaseName(now.phase, numbered, t) : '';

  const modeName = (mode: Mode) => t(`options.mode.${mode}`);
  const announcement = [
    t('compare.announce.step', { step: replay.step + 1, total: last + 1 }),
    t('compare.announce.phase', { phase: phaseText }),
    ...(replay.step > replay.previous ? newlyLit(sides, positions, t, modeName) : []),
  ].join(' ');

  return (
    <>
      <CompareControls
        step={replay.step}
        last={last}
        playing={replay.playing}
        phase={phaseText}
        dispatch={dispatch}
      />
      <div className="compare-sides">
        {sides.map((s, i) => (
          <CompareSideView key={s.side} data={s} position={positions[i] ?? { index: 0, before: 0 }} />
        ))}
      </div>
      <DifferenceTable sides={sides} positions={positions} modeName={modeName} />
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </>
  );
}

function phaseName(phase: SessionPhase, numbered: boolean, t: T): string {
  const name = t(`compare.phase.${phase.phase satisfies SessionPhaseName}`);
  const perTransfer = phase.phase === 'mode' || phase.phase === 'data' || phase.phase === 'transfer';
  return numbered && perTransfer ? t('compare.phase.numbered', { phase: name, n: phase.transfer }) : name;
}

/** One side: its mode, its network diagram at its own step, its narration and what just became known. */
function CompareSideView({ data, position }: { readonly data: SideData; readonly position: SidePosition }) {
  const { t, i18n } = useTranslation();
  const speed = useSim(selectSpeed);
  const reduceMotion = useSim(selectReducedMotion);
  const presenting = useSim(selectPresenting);
  const { side, mode, sim, rows } = data;
  const { index } = position;
  const event = sim.events[index];
  const finished = index >= sim.events.length - 1;
  const dropped = event ? isDropStep(event) : false;
  const findings = COMPARISON_ROWS.flatMap((name) => {
    const cell = cellState(rows, name, index, sim.events.length, position.before);
    if (cell.state !== 'lit' || !cell.fresh) return [];
    const text = cellText(cell.row, mode, rows);
    return [{ name, value: t(text.key, text.params ?? {}) }];
  });
  return (
    <section className={`compare-side compare-${side}`} aria-labelledby={`compare-${side}`}>
      <h3 id={`compare-${side}`}>{t(`options.mode.${mode}`)}</h3>
      <div className="compare-figure">
        <NetworkDiagramView
          scenario={sim.scenario}
          events={sim.events}
          cursor={index}
          speed={speed}
          reduceMotion={reduceMotion}
          presenting={presenting}
          bare
          name={t(`options.mode.${mode}`)}
        />
      </div>
      <div className="compare-step">
        <p className="compare-meta">
          <span>{t('compare.side.position', { current: index + 1, total: sim.events.length })}</span>
          {event && (
            <span className="time">
              {t('steps.seconds', { value: formatSeconds(event.at, i18n.language) })}
            </span>
          )}
          {event && <ConnTag label={eventConnLabel(event)} />}
          {dropped && (
            <span className="drop-badge">
              <span aria-hidden="true">✗ </span>
              {t('steps.dropped')}
            </span>
          )}
        </p>
        <p className="compare-narration">{event ? narrationText(event, t) : ''}</p>
        {findings.map((f) => (
          <p key={f.name} className="compare-finding">
            {t('compare.finding', { row: t(`compare.rows.${f.name}`), value: f.value })}
          </p>
        ))}
        {finished && (
          <p className={`compare-outcome compare-outcome-${sim.outcome}`}>
            <span aria-hidden="true">{sim.outcome === 'success' ? '✓ ' : '✗ '}</span>
            {t(`compare.side.finished.${sim.outcome}`)}
          </p>
        )}
      </div>
    </section>
  );
}

/** The cells that became known with the last move, in words, for the live region. */
function newlyLit(
  sides: readonly SideData[],
  positions: readonly SidePosition[],
  t: T,
  modeName: (mode: Mode) => string,
): string[] {
  return sides.flatMap((s, i) => {
    const position = positions[i];
    if (!position) return [];
    return COMPARISON_ROWS.flatMap((name) => {
      const cell = cellState(s.rows, name, position.index, s.sim.events.length, position.before);
      if (cell.state !== 'lit' || !cell.fresh) return [];
      const text = cellText(cell.row, s.mode, s.rows);
      return [
        t('compare.announce.cell', {
          side: modeName(s.mode),
          row: t(`compare.rows.${name}`),
          value: t(text.key, text.params ?? {}),
        }),
      ];
    });
  });
}

interface CompareControlsProps {
  readonly step: number;
  readonly last: number;
  readonly playing: boolean;
  readonly phase: string;
  readonly dispatch: (action: CompareReplayAction) => void;
}

/** First, back, play/pause, forward, last for both sides at once, and the phase both are in. */
function CompareControls({ step, last, playing, phase, dispatch }: CompareControlsProps) {
  const { t } = useTranslation();
  const button = (action: 'first' | 'back' | 'forward' | 'last', label: string, inactive: boolean) => (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-disabled={inactive}
      onClick={inactive ? undefined : () => dispatch(action)}
    >
      <Icon name={action} />
    </button>
  );
  return (
    <div className="compare-player" role="group" aria-label={t('compare.player')}>
      <div className="compare-player-buttons">
        {button('first', t('player.first'), step <= 0)}
        {button('back', t('player.back'), step <= 0)}
        <button type="button" className="compare-play" onClick={() => dispatch('togglePlay')}>
          <Icon name={playing ? 'pause' : 'play'} />
          <span>{playing ? t('player.pause') : t('player.play')}</span>
        </button>
        {button('forward', t('player.forward'), step >= last)}
        {button('last', t('player.last'), step >= last)}
      </div>
      <p className="compare-position">{t('compare.position', { step: step + 1, total: last + 1 })}</p>
      <p className="compare-phase">
        <span className="compare-phase-label">{t('compare.phase.label')}:</span> {phase}
      </p>
      <p className="compare-keys" data-presentation="hidden">
        {t('player.keys')}
      </p>
    </div>
  );
}

interface DifferenceTableProps {
  readonly sides: readonly SideData[];
  readonly positions: readonly SidePosition[];
  readonly modeName: (mode: Mode) => string;
}

/**
 * The classic table of differences: in each cell the textbook's answer and what this session shows
 * ("…" until that side's replay reaches the step that shows it).
 */
function DifferenceTable({ sides, positions, modeName }: DifferenceTableProps) {
  const { t } = useTranslation();
  return (
    <table className="compare-table">
      <caption>{t('compare.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compare.table.aspect')}</th>
          {sides.map((s) => (
            <th scope="col" key={s.side}>
              {modeName(s.mode)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {COMPARISON_ROWS.map((name) => (
          <tr key={name}>
            <th scope="row">{t(`compare.rows.${name}`)}</th>
            {sides.map((s, i) => {
              const position = positions[i] ?? { index: 0, before: 0 };
              const cell = cellState(s.rows, name, position.index, s.sim.events.length, position.before);
              return <Cell key={s.side} cell={cell} side={s} name={name} />;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cell({
  cell,
  side,
  name,
}: {
  readonly cell: CellState;
  readonly side: SideData;
  readonly name: ComparisonRowName;
}) {
  const { t } = useTranslation();
  const classic = side.classic.find((a) => a.row === name);
  const text = cell.state === 'lit' ? cellText(cell.row, side.mode, side.rows) : undefined;
  const classes = [
    'compare-cell',
    `compare-${cell.state}`,
    cell.state === 'lit' && cell.fresh ? 'compare-fresh' : '',
    text?.tone ? `compare-${text.tone}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <td className={classes} data-row={name}>
      {classic && (
        <p className="compare-classic">
          <span className="compare-label">{t('compare.table.classic')}</span> {t(classicKey(classic))}
        </p>
      )}
      <p className="compare-shown">
        <span className="compare-label">{t('compare.table.shown')}</span>{' '}
        {cell.state === 'pending' && (
          <>
            <span aria-hidden="true">…</span>
            <span className="visually-hidden">{t('compare.table.pending')}</span>
          </>
        )}
        {cell.state === 'absent' && t('compare.cells.absent')}
        {text && (
          <>
            {text.tone && <span aria-hidden="true">{text.tone === 'trouble' ? '✗ ' : '✓ '}</span>}
            {t(text.key, text.params ?? {})}
            {cell.state === 'lit' && cell.fresh && (
              <span className="compare-fresh-mark"> {t('compare.table.fresh')}</span>
            )}
          </>
        )}
      </p>
    </td>
  );
}
