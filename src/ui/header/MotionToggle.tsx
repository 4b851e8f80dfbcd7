import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSim } from '../../store/simStore';

/**
 * "Reduce motion": follows the system setting, and can be switched on here for this page (a projector
 * laptop rarely has the setting, and some learners want a still screen). With the system setting on, it
 * stays on.
 */
export function MotionToggle() {
  const { t } = useTranslation();
  const id = useId();
  const system = useSim((s) => s.systemReducesMotion);
  const reduced = useSim((s) => s.reducedMotion);
  const choose = useSim((s) => s.setReduceMotionChosen);
  return (
    <div className="motion-toggle">
      <input
        id={id}
        type="checkbox"
        checked={reduced}
        disabled={system}
        aria-describedby={system ? `${id}-system` : undefined}
        onChange={(e) => choose(e.target.checked)}
      />
      <label htmlFor={id}>{t('shell.motion.label')}</label>
      {system && (
        <span id={`${id}-system`} className="motion-system">
          {t('shell.motion.system')}
        </span>
      )}
    </div>
  );
}
