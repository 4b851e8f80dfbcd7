import { useTranslation } from 'react-i18next';
import { selectScenario } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { SCENARIO_LIMITS } from '../../engine';
import { applySetting, type Setting } from './applySetting';
import { NumberSetting } from './NumberSetting';

/** A seed for the engine's generator, chosen by the browser (the engine itself never draws chance). */
export function randomSeed(): number {
  const values = new Uint32Array(1);
  crypto.getRandomValues(values);
  return values[0] ?? 1;
}

/** The time-outs of vsftpd (data connection set-up, idle session, stalled transfer) and of the client, then the seed of the simulation. */
export function SessionSettings() {
  const { t } = useTranslation();
  const scenario = useSim(selectScenario);
  const setScenario = useSim((s) => s.setScenario);
  const accept = (setting: Setting): boolean => {
    const next = applySetting(scenario, setting);
    if (next) setScenario(next);
    return next !== undefined;
  };
  const seconds = t('shell.settings.seconds');

  return (
    <>
      <fieldset className="settings-group">
        <legend>{t('shell.settings.timeouts')}</legend>
        <NumberSetting
          label={t('shell.settings.serverConnectTimeout')}
          hint={t('shell.settings.hints.serverConnectTimeout')}
          value={scenario.server.connectTimeout}
          {...SCENARIO_LIMITS.serverConnectTimeout}
          step="any"
          unit={seconds}
          accept={(value) => accept({ name: 'serverConnectTimeout', value })}
        />
        <NumberSetting
          label={t('shell.settings.serverAcceptTimeout')}
          hint={t('shell.settings.hints.serverAcceptTimeout')}
          value={scenario.server.acceptTimeout}
          {...SCENARIO_LIMITS.serverAcceptTimeout}
          step="any"
          unit={seconds}
          accept={(value) => accept({ name: 'serverAcceptTimeout', value })}
        />
        <NumberSetting
          label={t('shell.settings.clientConnectTimeout')}
          hint={t('shell.settings.hints.clientConnectTimeout')}
          value={scenario.client.connectTimeout}
          {...SCENARIO_LIMITS.clientConnectTimeout}
          step="any"
          unit={seconds}
          accept={(value) => accept({ name: 'clientConnectTimeout', value })}
        />
        <NumberSetting
          label={t('shell.settings.serverIdleTimeout')}
          hint={t('shell.settings.hints.serverIdleTimeout')}
          value={scenario.server.idleTimeout}
          {...SCENARIO_LIMITS.serverIdleTimeout}
          step="any"
          unit={seconds}
          accept={(value) => accept({ name: 'serverIdleTimeout', value })}
        />
        <NumberSetting
          label={t('shell.settings.serverDataTimeout')}
          hint={t('shell.settings.hints.serverDataTimeout')}
          value={scenario.server.dataTimeout}
          {...SCENARIO_LIMITS.serverDataTimeout}
          step="any"
          unit={seconds}
          accept={(value) => accept({ name: 'serverDataTimeout', value })}
        />
      </fieldset>
      <fieldset className="settings-group">
        <legend>{t('shell.settings.randomness')}</legend>
        <NumberSetting
          label={t('shell.settings.seed')}
          hint={t('shell.settings.hints.seed')}
          value={scenario.seed}
          {...SCENARIO_LIMITS.seed}
          accept={(value) => accept({ name: 'seed', value })}
        >
          <button
            type="button"
            className="seed-new"
            onClick={() => accept({ name: 'seed', value: randomSeed() })}
          >
            {t('shell.settings.newSeed')}
          </button>
        </NumberSetting>
      </fieldset>
    </>
  );
}
