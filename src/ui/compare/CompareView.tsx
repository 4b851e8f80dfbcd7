import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  classicComparison,
  clientComparison,
  CLIENT_COMPARISON_ROWS,
  COMPARISON_ROWS,
  modeComparison,
  sessionPhases,
  simulate,
  type Mode,
  type Scenario,
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
  clientCellText,
  CLIENT_SIDES,
  commandsOf,
  COMPARE_MODES,
  COMPARE_SIDES,
  serverNatScenario,
  withMode,
  withProgram,
  type CellState,
  type CellText,
  type ClientsSetting,
  type CompareCommands,
  type CompareSubject,
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
  const [subject, setSubject] = useState<CompareSubject>('modes');
  const [commands, setCommands] = useState<CompareCommands>(() => commandsOf(scenario.mode));
  const [setting, setSetting] = useState<ClientsSetting>('server-nat');
  const top = useRef<HTMLDivElement>(null);
  useHeightVariable(top, '--compare-head-h');
  const clients = subject === 'clients';

  return (
    <main className="compare" aria-labelledby="compare-heading">
      <div className="compare-head" ref={top}>
        <div>
          <h2 id="compare-heading">{t(clients ? 'compare.clients.heading' : 'compare.heading')}</h2>
          <p className="compare-intro" data-presentation="hidden">
            {t(clients ? 'compare.clients.intro' : 'compare.intro')}
          </p>
        </div>
        {/* Editing controls: hidden in presentation mode, like the simulator's settings. */}
        <div className="compare-choices" data-presentation="hidden">
          <Choice
            name="compare-subject"
            legend={t('compare.subject.legend')}
            options={['modes', 'clients'] as const}
            value={subject}
            label={(v) => t(`compare.subject.${v}`)}
            onChange={setSubject}
          />
          {clients ? (
            <Choice
              name="compare-setting"
              legend={t('compare.clients.setting.legend')}
              options={['server-nat', 'simulator'] as const}
              value={setting}
              label={(v) => t(`compare.clients.setting.${v}`)}
              onChange={setSetting}
            />
          ) : (
            <Choice
              name="compare-commands"
              code
              legend={t('compare.commands.legend')}
              options={['classic', 'extended'] as const}
              value={commands}
              label={(v) => t(`compare.commands.${v}`)}
              onChange={setCommands}
            />
          )}
        </div>
      </div>
      {/* A new scenario or new choices: simulate again and start over at the first step. */}
      <CompareReplay
        key={`${subject} ${commands} ${setting} ${JSON.stringify(scenario)}`}
        subject={subject}
        commands={commands}
        setting={setting}
      />
    </main>
  );
}

interface ChoiceProps<V extends string> {
  readonly name: string;
  readonly legend: string;
  readonly options: readonly V[];
  readonly value: V;
  readonly label: (value: V) => string;
  readonly onChange: (value: V) => void;
  /** The options are protocol commands, set as code. */
  readonly code?: boolean;
}

/** One group of radio buttons above the comparison. */
function Choice<V extends string>({ name, legend, options, value, label, onChange, code }: ChoiceProps<V>) {
  return (
    <fieldset className={code ? 'compare-choice compare-choice-code' : 'compare-choice'}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o}>
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** What the two sides are: two modes (with their commands), or two clients (on which scenario). */
type SidesChoice =
  | { readonly subject: 'modes'; readonly commands: CompareCommands }
  | { readonly subject: 'clients'; readonly setting: ClientsSetting };

/** An engine row of either table, and its words. */
interface Row {
  readonly row: string;
  readonly index: number;
}

interface SideData {
  /** `active`, `passive`, `classic` or `curl`: for ids and styles. */
  readonly side: string;
  /** The side's heading, translated by the view. */
  readonly title: string;
  readonly sim: Simulation;
  readonly phases: readonly SessionPhase[];
  /** The table's rows, in order, as i18n keys of their labels by name. */
  readonly rowNames: readonly string[];
  readonly rowLabel: (name: string) => string;
  readonly rows: readonly Row[];
  readonly text: (row: Row) => CellText;
  /** The textbook's answer for a row, as an i18n key (the modes' table only). */
  readonly classic?: (name: string) => string | undefined;
}

function modeSide(scenario: Scenario, side: (typeof COMPARE_SIDES)[number], mode: Mode): SideData {
  const sim = simulate(withMode(scenario, mode));
  const rows = modeComparison(sim.events, mode);
  const classic = classicComparison(mode);
  return {
    side,
    title: `options.mode.${mode}`,
    sim,
    phases: sessionPhases(sim.events),
    rowNames: COMPARISON_ROWS,
    rowLabel: (name) => `compare.rows.${name}`,
    rows,
    text: (row) => cellText(row as (typeof rows)[number], mode, rows),
    classic: (name) => {
      const answer = classic.find((a) => a.row === name);
      return answer && classicKey(answer);
    },
  };
}

function clientSide(scenario: Scenario, program: (typeof CLIENT_SIDES)[number]): SideData {
  const sim = simulate(withProgram(scenario, program));
  const rows = clientComparison(sim.events);
  return {
    side: program,
    title: `options.clientProgram.${program}`,
    sim,
    phases: sessionPhases(sim.events),
    rowNames: CLIENT_COMPARISON_ROWS,
    rowLabel: (name) => `compare.clients.rows.${name}`,
    rows,
    text: (row) => clientCellText(row as (typeof rows)[number]),
  };
}

function buildSides(scenario: Scenario, choice: SidesChoice): SideData[] {
  if (choice.subject === 'modes')
    return COMPARE_SIDES.map((side) => modeSide(scenario, side, COMPARE_MODES[choice.commands][side]));
  const shared = choice.setting === 'server-nat' ? serverNatScenario() : scenario;
  return CLIENT_SIDES.map((program) => clientSide(shared, program));
}

/** Where each side stands now and stood one move ago (indexes into its events). */
interface SidePosition {
  readonly index: number;
  readonly before: number;
}

interface CompareReplayProps {
  readonly subject: CompareSubject;
  readonly commands: CompareCommands;
  readonly setting: ClientsSetting;
}

function CompareReplay({ subject, commands, setting }: CompareReplayProps) {
  const { t } = useTranslation();
  const scenario = useSim(selectScenario);
  const sides = useMemo(
    () => buildSides(scenario, subject === 'modes' ? { subject, commands } : { subject, setting }),
    [scenario, subject, commands, setting],
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
  const numbered = (sides[0]?.sim.scenario.commands.length ?? 1) > 1;
  const phaseText = now ? phaseName(now.phase, numbered, t) : '';

  const announcement = [
    t('compare.announce.step', { step: replay.step + 1, total: last + 1 }),
    t('compare.announce.phase', { phase: phaseText }),
    ...(replay.step > replay.previous ? newlyLit(sides, positions, t) : []),
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
      <DifferenceTable sides={sides} positions={positions} />
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </>
  );
}

/** The rows of a side that became known with the last move, with their words. */
function freshRows(data: SideData, position: SidePosition, t: T): { name: string; value: string }[] {
  return data.rowNames.flatMap((name) => {
    const cell = cellState(data.rows, name, position.index, data.sim.events.length, position.before);
    if (cell.state !== 'lit' || !cell.fresh) return [];
    const text = data.text(cell.row);
    return [{ name, value: t(text.key, text.params ?? {}) }];
  });
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
  const { side, sim } = data;
  const { index } = position;
  const event = sim.events[index];
  const finished = index >= sim.events.length - 1;
  const dropped = event ? isDropStep(event) : false;
  const findings = freshRows(data, position, t);
  return (
    <section className={`compare-side compare-${side}`} aria-labelledby={`compare-${side}`}>
      <h3 id={`compare-${side}`}>{t(data.title)}</h3>
      <div className="compare-figure">
        <NetworkDiagramView
          scenario={sim.scenario}
          events={sim.events}
          cursor={index}
          speed={speed}
          reduceMotion={reduceMotion}
          presenting={presenting}
          bare
          name={t(data.title)}
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
            {t('compare.finding', { row: t(data.rowLabel(f.name)), value: f.value })}
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
function newlyLit(sides: readonly SideData[], positions: readonly SidePosition[], t: T): string[] {
  return sides.flatMap((s, i) => {
    const position = positions[i];
    if (!position) return [];
    return freshRows(s, position, t).map((f) =>
      t('compare.announce.cell', { side: t(s.title), row: t(s.rowLabel(f.name)), value: f.value }),
    );
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
}

/**
 * The table of differences: in each cell what this session shows ("…" until that side's replay reaches
 * the step that shows it) and, for the modes, the textbook's answer beside it.
 */
function DifferenceTable({ sides, positions }: DifferenceTableProps) {
  const { t } = useTranslation();
  const first = sides[0];
  if (!first) return null;
  const clients = !first.classic;
  return (
    <table className="compare-table">
      <caption>{t(clients ? 'compare.clients.caption' : 'compare.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compare.table.aspect')}</th>
          {sides.map((s) => (
            <th scope="col" key={s.side}>
              {t(s.title)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {first.rowNames.map((name) => (
          <tr key={name}>
            <th scope="row">{t(first.rowLabel(name))}</th>
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
  readonly cell: CellState<Row>;
  readonly side: SideData;
  readonly name: string;
}) {
  const { t } = useTranslation();
  const classic = side.classic?.(name);
  const text = cell.state === 'lit' ? side.text(cell.row) : undefined;
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
          <span className="compare-label">{t('compare.table.classic')}</span> {t(classic)}
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
