import { useId, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addressPlan,
  CLIENT_FIREWALLS,
  CLIENT_PAUSES,
  CLIENT_PROGRAMS,
  DATA_PORT_POLICIES,
  IP_VERSIONS,
  MODES,
  SERVER_FIREWALLS,
  SERVER_NATS,
  supportsExplicitTls,
  TLS_MODES,
} from '../../engine';
import { selectScenario } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { applySetting, type Setting } from './applySetting';
import { CommandsEditor } from './CommandsEditor';
import './controls.css';
import { SessionSettings } from './SessionSettings';

/** The scenario as form controls. Every change re-simulates, and the replay starts over. */
export function ScenarioControls() {
  const { t } = useTranslation();
  const scenario = useSim(selectScenario);
  const setScenario = useSim((s) => s.setScenario);
  const change = (setting: Setting): void => {
    const next = applySetting(scenario, setting);
    if (next) setScenario(next);
  };
  const range = { min: scenario.server.passivePorts.min, max: scenario.server.passivePorts.max };
  // The hint tells what NAT does, so it names the addresses the client has behind NAT, on or off.
  const natted = addressPlan({ ...scenario, ipVersion: 4, clientNat: true });
  // IPv6 has no NAT: the NAT controls stay in place, switched off, and say why.
  const ipv6 = scenario.ipVersion === 6;
  // curl 7.88 in an active mode cannot encrypt: explicit FTPS stays listed, unavailable, and the hint says why.
  const tlsPossible = supportsExplicitTls(scenario.client.program, scenario.mode);

  return (
    <form className="controls" aria-labelledby="controls-heading" onSubmit={(e) => e.preventDefault()}>
      <h2 id="controls-heading">{t('controls.heading')}</h2>
      <p className="controls-restart">{t('controls.restart')}</p>

      <Choice
        label={t('controls.mode')}
        hint={t('controls.hints.mode')}
        value={scenario.mode}
        options={MODES.map((m) => ({ value: m, label: t(`options.mode.${m}`) }))}
        onChange={(value) => change({ name: 'mode', value })}
      />
      <Choice
        label={t('controls.ipVersion')}
        hint={t('controls.hints.ipVersion')}
        value={String(scenario.ipVersion)}
        options={IP_VERSIONS.map((v) => ({ value: String(v), label: t(`options.ipVersion.${v}`) }))}
        onChange={(value) => change({ name: 'ipVersion', value: value === '6' ? 6 : 4 })}
      />
      <CommandsEditor />
      <Choice
        label={t('controls.clientProgram')}
        hint={t('controls.hints.clientProgram')}
        value={scenario.client.program}
        options={CLIENT_PROGRAMS.map((v) => ({ value: v, label: t(`options.clientProgram.${v}`) }))}
        onChange={(value) => change({ name: 'clientProgram', value })}
      />
      <Choice
        label={t('controls.tls')}
        hint={
          tlsPossible
            ? t('controls.hints.tls')
            : `${t('controls.hints.tlsCurlActive')} ${t('controls.hints.tls')}`
        }
        value={scenario.tls}
        options={TLS_MODES.map((v) => ({
          value: v,
          label: t(`options.tls.${v}`),
          disabled: v === 'explicit' && !tlsPossible,
        }))}
        onChange={(value) => change({ name: 'tls', value })}
      />
      <Choice
        label={t('controls.clientFirewall')}
        hint={t('controls.hints.clientFirewall')}
        value={scenario.clientFirewall}
        options={CLIENT_FIREWALLS.map((v) => ({ value: v, label: t(`options.clientFirewall.${v}`) }))}
        onChange={(value) => change({ name: 'clientFirewall', value })}
      />
      <Choice
        label={t('controls.serverFirewall')}
        hint={t('controls.hints.serverFirewall')}
        value={scenario.serverFirewall}
        options={SERVER_FIREWALLS.map((v) => ({ value: v, label: t(`options.serverFirewall.${v}`, range) }))}
        onChange={(value) => change({ name: 'serverFirewall', value })}
      />
      <Toggle
        label={t('controls.clientNat')}
        hint={
          ipv6
            ? t('controls.hints.natIpv6')
            : t('controls.hints.clientNat', {
                privateIp: natted.client,
                publicIp: natted.clientRouter.wan,
              })
        }
        disabled={ipv6}
        checked={scenario.clientNat}
        onChange={(value) => change({ name: 'clientNat', value })}
      />
      <Choice
        label={t('controls.serverNat')}
        hint={ipv6 ? t('controls.hints.natIpv6') : t('controls.hints.serverNat')}
        disabled={ipv6}
        value={scenario.serverNat}
        options={SERVER_NATS.map((v) => ({ value: v, label: t(`options.serverNat.${v}`) }))}
        onChange={(value) => change({ name: 'serverNat', value })}
      />
      <Toggle
        label={t('controls.helper')}
        hint={t('controls.hints.helper')}
        checked={scenario.helper}
        onChange={(value) => change({ name: 'helper', value })}
      />
      <Choice
        label={t('controls.dataPort')}
        hint={t('controls.hints.dataPort')}
        value={scenario.client.dataPort}
        options={DATA_PORT_POLICIES.map((v) => ({ value: v, label: t(`options.dataPort.${v}`) }))}
        onChange={(value) => change({ name: 'dataPort', value })}
      />
      <Choice
        label={t('controls.clientPause')}
        hint={t(
          scenario.client.program === 'curl'
            ? 'controls.hints.clientPauseCurl'
            : 'controls.hints.clientPause',
        )}
        disabled={scenario.client.program === 'curl'}
        value={scenario.client.pause}
        options={CLIENT_PAUSES.map((v) => ({ value: v, label: t(`options.clientPause.${v}`) }))}
        onChange={(value) => change({ name: 'clientPause', value })}
      />
      <SessionSettings />
    </form>
  );
}

interface ChoiceProps<V extends string> {
  readonly label: string;
  readonly hint: string;
  readonly disabled?: boolean;
  readonly value: V;
  readonly options: readonly { readonly value: V; readonly label: string; readonly disabled?: boolean }[];
  readonly onChange: (value: V) => void;
}

function Choice<V extends string>({ label, hint, disabled, value, options, onChange }: ChoiceProps<V>) {
  const id = useId();
  const onSelect = (e: ChangeEvent<HTMLSelectElement>): void => {
    const picked = options.find((o) => o.value === e.target.value);
    if (picked) onChange(picked.value);
  };
  return (
    <Field id={id} label={label} hint={hint}>
      <select id={id} value={value} onChange={onSelect} disabled={disabled} aria-describedby={`${id}-hint`}>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

interface ToggleProps {
  readonly label: string;
  readonly hint: string;
  readonly disabled?: boolean;
  readonly checked: boolean;
  readonly onChange: (value: boolean) => void;
}

function Toggle({ label, hint, disabled, checked, onChange }: ToggleProps) {
  const id = useId();
  return (
    <div className="field field-toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );
}

function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );
}
