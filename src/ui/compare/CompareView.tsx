import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPARISON_ROWS, modeComparison, simulate, type Mode, type Simulation } from '../../engine';
import { eventConnLabel, isDropStep, selectScenario } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { formatSeconds } from '../format';
import { narrationText } from '../narration/localizeParams';
import { Icon } from '../player/icons';
import { ConnTag } from '../timeline/ConnTag';
import './compare.css';
import {
  cellState,
  cellText,
  commandsOf,
  COMPARE_MODES,
  COMPARE_SIDES,
  sideIndex,
  withMode,
  type CellState,
  type CompareCommands,
  type CompareSide,
} from './compareTable';
import { useCompareReplay, type CompareReplayAction } from './useCompareReplay';

type T = ReturnType<typeof useTranslation>['t'];

/**
 * Active and passive mode on the same settings, side by side: both simulated by the engine, stepped
 * together by one control, with the classic table of differences filling in as each side's replay
 * reaches the step where the engine learned that row. Uses the simulator's scenario, never its cursor.
 */
export function CompareView() {
  const { t } = useTranslation();
  const scenario = useSim(selectScenario);
  const [commands, setCommands] = useState<CompareCommands>(() => commandsOf(scenario.mode));

  return (
    <main className="compare" aria-labelledby="compare-heading">
      <div className="compare-head">
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
  readonly rows: ReturnType<typeof modeComparison>;
}

function CompareReplay({ commands }: { readonly commands: CompareCommands }) {
  const { t, i18n } = useTranslation();
  const scenario = useSim(selectScenario);
  const sides = useMemo<SideData[]>(
    () =>
      COMPARE_SIDES.map((side) => {
        const mode = COMPARE_MODES[commands][side];
        const sim = simulate(withMode(scenario, mode));
        return { side, mode, sim, rows: modeComparison(sim.events, mode) };
      }),
    [scenario, commands],
  );
  const last = Math.max(...sides.map((s) => s.sim.events.length)) - 1;
  const [replay, dispatch] = useCompareReplay(last);
  const { step, previous } = replay;

  const modeName = (mode: Mode) => t(`options.mode.${mode}`);
  const announcement = [
    t('compare.announce.step', { step: step + 1, total: last + 1 }),
    ...(step > previous ? newlyLit(sides, previous, step, t, modeName) : []),
  ].join(' ');

  return (
    <>
      <CompareControls step={step} last={last} playing={replay.playing} dispatch={dispatch} />
      <div className="compare-sides">
        {sides.map((s) => {
          const index = sideIndex(step, s.sim.events.length);
          const event = s.sim.events[index];
          const finished = index >= s.sim.events.length - 1;
          const dropped = event ? isDropStep(event) : false;
          return (
            <section
              key={s.side}
              className={`compare-side compare-${s.side}`}
              aria-labelledby={`compare-${s.side}`}
            >
              <h3 id={`compare-${s.side}`}>
                <span className="compare-side-kind">{t(`compare.side.${s.side}`)}</span> {modeName(s.mode)}
              </h3>
              <p className="compare-meta">
                <span>{t('compare.side.position', { current: index + 1, total: s.sim.events.length })}</span>
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
              {finished && (
                <p className={`compare-outcome compare-outcome-${s.sim.outcome}`}>
                  <span aria-hidden="true">{s.sim.outcome === 'success' ? '✓ ' : '✗ '}</span>
                  {t(`compare.side.finished.${s.sim.outcome}`)}
                </p>
              )}
            </section>
          );
        })}
      </div>
      <DifferenceTable sides={sides} step={step} modeName={modeName} />
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </>
  );
}

/** The cells that became known between two steps, in words, for the live region. */
function newlyLit(
  sides: readonly SideData[],
  from: number,
  to: number,
  t: T,
  modeName: (mode: Mode) => string,
): string[] {
  const out: string[] = [];
  for (const s of sides) {
    const length = s.sim.events.length;
    const before = sideIndex(from, length);
    const now = sideIndex(to, length);
    for (const name of COMPARISON_ROWS) {
      const row = s.rows.find((r) => r.row === name);
      if (!row || row.index <= before || row.index > now) continue;
      const text = cellText(row, s.side, s.mode, s.rows);
      out.push(
        t('compare.announce.cell', {
          side: modeName(s.mode),
          row: t(`compare.rows.${name}`),
          value: t(text.key, text.params ?? {}),
        }),
      );
    }
  }
  return out;
}

interface CompareControlsProps {
  readonly step: number;
  readonly last: number;
  readonly playing: boolean;
  readonly dispatch: (action: CompareReplayAction) => void;
}

/** First, back, play/pause, forward, last for both sides at once. */
function CompareControls({ step, last, playing, dispatch }: CompareControlsProps) {
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
      <p className="compare-keys" data-presentation="hidden">
        {t('player.keys')}
      </p>
    </div>
  );
}

interface DifferenceTableProps {
  readonly sides: readonly SideData[];
  readonly step: number;
  readonly modeName: (mode: Mode) => string;
}

/** The classic table of differences; a cell shows "…" until its side's replay reaches the row's step. */
function DifferenceTable({ sides, step, modeName }: DifferenceTableProps) {
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
            {sides.map((s) => {
              const cell = cellState(s.rows, name, step, s.sim.events.length);
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
  readonly name: string;
}) {
  const { t } = useTranslation();
  if (cell.state === 'pending')
    return (
      <td className="compare-cell compare-pending" data-row={name}>
        <span aria-hidden="true">…</span>
        <span className="visually-hidden">{t('compare.table.pending')}</span>
      </td>
    );
  if (cell.state === 'absent')
    return (
      <td className="compare-cell compare-absent" data-row={name}>
        {t('compare.cells.absent')}
      </td>
    );
  const text = cellText(cell.row, side.side, side.mode, side.rows);
  const classes = [
    'compare-cell',
    'compare-lit',
    cell.fresh ? 'compare-fresh' : '',
    text.trouble ? 'compare-trouble' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <td className={classes} data-row={name}>
      {text.trouble && <span aria-hidden="true">⚠ </span>}
      {t(text.key, text.params ?? {})}
      {cell.fresh && <span className="compare-fresh-mark"> {t('compare.table.fresh')}</span>}
    </td>
  );
}
