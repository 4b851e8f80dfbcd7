import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSFER_VERBS, type Scenario, type TransferCommand } from '../../engine';
import { selectScenario } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import type { CommandDraft } from './applySetting';
import {
  commandFile,
  commandFor,
  fileChoices,
  moveCommand,
  withCommands,
  withFile,
  type Verb,
} from './commands';

type Control = 'verb' | 'file' | 'up' | 'down' | 'remove' | 'add';

/**
 * The session's transfers, in order: each a LIST, a RETR of a file or a STOR of a file. Add, remove,
 * reorder, pick the verb and the file; every change re-simulates. After a button removes or moves a row,
 * the focus stays on a matching control instead of falling back to the page.
 */
export function CommandsEditor() {
  const { t } = useTranslation();
  const headingId = useId();
  const scenario = useSim(selectScenario);
  const setScenario = useSim((s) => s.setScenario);
  const root = useRef<HTMLFieldSetElement>(null);
  const focusAfter = useRef<{ readonly row: number; readonly control: Control } | null>(null);
  const commands = scenario.commands;

  useEffect(() => {
    const target = focusAfter.current;
    focusAfter.current = null;
    if (!target || !root.current) return;
    const selector =
      target.control === 'add'
        ? '[data-control="add"]'
        : `[data-row="${target.row}"][data-control="${target.control}"]`;
    root.current.querySelector<HTMLElement>(selector)?.focus();
  }, [commands]);

  const update = (
    next: readonly (CommandDraft | TransferCommand)[],
    focus?: typeof focusAfter.current,
  ): boolean => {
    const changed = withCommands(scenario, next);
    if (!changed) return false;
    focusAfter.current = focus ?? null;
    setScenario(changed);
    return true;
  };
  const replace = (index: number, command: CommandDraft): void => {
    update(commands.map((c, i) => (i === index ? command : c)));
  };

  const canAdd = withCommands(scenario, [...commands, { verb: 'LIST' }]) !== undefined;
  const canRemove = withCommands(scenario, commands.slice(1)) !== undefined;

  return (
    <fieldset className="commands" ref={root} aria-describedby={`${headingId}-hint`}>
      <legend>{t('shell.commands.heading')}</legend>
      <p id={`${headingId}-hint`} className="hint">
        {t('shell.commands.hint')}
      </p>
      <ol className="command-list">
        {commands.map((command, index) => (
          <CommandRow
            key={index}
            index={index}
            count={commands.length}
            command={command}
            scenario={scenario}
            canRemove={canRemove}
            onVerb={(verb) => replace(index, commandFor(verb, scenario))}
            onFile={(file) => replace(index, withFile(command, file))}
            onMove={(to, control) => update(moveCommand(commands, index, to), { row: to, control })}
            onRemove={() => {
              const next = commands.filter((_, i) => i !== index);
              const row = Math.min(index, next.length - 1);
              update(next, { row, control: 'remove' });
            }}
          />
        ))}
      </ol>
      <button
        type="button"
        className="command-add"
        data-control="add"
        aria-disabled={!canAdd}
        onClick={
          canAdd
            ? () => update([...commands, { verb: 'LIST' }], { row: commands.length, control: 'verb' })
            : undefined
        }
      >
        <span aria-hidden="true">+ </span>
        {t('shell.commands.add')}
      </button>
      {!canAdd && <p className="hint">{t('shell.commands.full')}</p>}
    </fieldset>
  );
}

interface CommandRowProps {
  readonly index: number;
  readonly count: number;
  readonly command: TransferCommand;
  readonly scenario: Scenario;
  readonly canRemove: boolean;
  readonly onVerb: (verb: Verb) => void;
  readonly onFile: (file: string) => void;
  readonly onMove: (to: number, control: Control) => void;
  readonly onRemove: () => void;
}

function CommandRow({
  index,
  count,
  command,
  scenario,
  canRemove,
  onVerb,
  onFile,
  onMove,
  onRemove,
}: CommandRowProps) {
  const { t } = useTranslation();
  const id = useId();
  const n = index + 1;
  const file = commandFile(command);
  const first = index === 0;
  const last = index === count - 1;
  return (
    <li className="command" data-row={index}>
      <span className="command-number" aria-hidden="true">
        {n}
      </span>
      <label htmlFor={`${id}-verb`} className="visually-hidden">
        {t('shell.commands.command', { n })}
      </label>
      <select
        id={`${id}-verb`}
        data-row={index}
        data-control="verb"
        value={command.verb}
        onChange={(e) => {
          const verb = TRANSFER_VERBS.find((v) => v === e.target.value);
          if (verb) onVerb(verb);
        }}
      >
        {TRANSFER_VERBS.map((verb) => (
          <option key={verb} value={verb}>
            {t(`shell.commands.verb.${verb}`)}
          </option>
        ))}
      </select>
      {command.verb !== 'LIST' && file !== undefined && (
        <>
          <label htmlFor={`${id}-file`} className="visually-hidden">
            {t('shell.commands.file', { n })}
          </label>
          <select
            id={`${id}-file`}
            className="command-file"
            data-row={index}
            data-control="file"
            value={file}
            onChange={(e) => onFile(e.target.value)}
          >
            {fileChoices(scenario, command.verb, file).map((choice) => (
              <option key={choice.file} value={choice.file}>
                {choice.onServer
                  ? command.verb === 'RETR'
                    ? t('shell.commands.onServer', { file: choice.file, size: choice.size })
                    : t('shell.commands.exists', { file: choice.file })
                  : t(command.verb === 'RETR' ? 'shell.commands.missing' : 'shell.commands.newFile', {
                      file: choice.file,
                    })}
              </option>
            ))}
          </select>
        </>
      )}
      <span className="command-buttons">
        <RowButton
          row={index}
          control="up"
          label={t('shell.commands.moveUp', { n })}
          symbol="↑"
          inactive={first}
          onPress={() => onMove(index - 1, 'up')}
        />
        <RowButton
          row={index}
          control="down"
          label={t('shell.commands.moveDown', { n })}
          symbol="↓"
          inactive={last}
          onPress={() => onMove(index + 1, 'down')}
        />
        <RowButton
          row={index}
          control="remove"
          label={t('shell.commands.remove', { n })}
          symbol="✕"
          inactive={!canRemove}
          onPress={onRemove}
        />
      </span>
    </li>
  );
}

interface RowButtonProps {
  readonly row: number;
  readonly control: Control;
  readonly label: string;
  readonly symbol: string;
  /** Announced as unavailable but kept focusable, so that the focus never jumps away. */
  readonly inactive: boolean;
  readonly onPress: () => void;
}

function RowButton({ row, control, label, symbol, inactive, onPress }: RowButtonProps) {
  return (
    <button
      type="button"
      data-row={row}
      data-control={control}
      aria-label={label}
      title={label}
      aria-disabled={inactive}
      onClick={inactive ? undefined : onPress}
    >
      <span aria-hidden="true">{symbol}</span>
    </button>
  );
}
