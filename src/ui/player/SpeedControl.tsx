import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSpeed } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { SPEEDS } from '../../store/uiSlice';

/** 0.5×, 1×, 2×, 4×: a radio group (arrow keys choose within it, Tab leaves it). */
export function SpeedControl() {
  const { t, i18n } = useTranslation();
  const name = useId();
  const speed = useSim(selectSpeed);
  const setSpeed = useSim((s) => s.setSpeed);
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <fieldset className="speed">
      <legend>{t('shell.player.speed')}</legend>
      {SPEEDS.map((value) => (
        <label key={value} className="speed-option">
          <input
            type="radio"
            name={name}
            value={value}
            checked={value === speed}
            onChange={() => setSpeed(value)}
          />
          <span>{t('shell.player.speedValue', { value: format.format(value) })}</span>
        </label>
      ))}
    </fieldset>
  );
}
