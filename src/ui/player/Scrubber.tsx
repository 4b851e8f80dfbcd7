import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectCurrentEvent, selectCursor, selectStepCount } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { formatSeconds } from '../format';

/**
 * A slider over all the steps: drag it, or focus it and use the arrow keys (a focused slider keeps them;
 * the replay keys act elsewhere). Its value is read out as the step number and the virtual time.
 */
export function Scrubber() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const cursor = useSim(selectCursor);
  const total = useSim(selectStepCount);
  const event = useSim(selectCurrentEvent);
  const seek = useSim((s) => s.seek);
  const time = event ? formatSeconds(event.at, i18n.language) : '';
  const position = t('shell.player.position', { current: cursor + 1, total, time });
  return (
    <div className="scrubber">
      <label htmlFor={id}>{t('shell.player.scrubber')}</label>
      <input
        id={id}
        type="range"
        min={1}
        max={total}
        step={1}
        value={cursor + 1}
        aria-valuetext={position}
        title={t('shell.player.scrubber')}
        onChange={(e) => seek(Number(e.target.value) - 1)}
      />
      <output htmlFor={id} className="scrubber-position" aria-hidden="true">
        {position}
      </output>
    </div>
  );
}
