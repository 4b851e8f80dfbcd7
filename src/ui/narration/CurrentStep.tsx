import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  eventConnLabel,
  isDropStep,
  selectCurrentEvent,
  selectCursor,
  selectStepCount,
} from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { formatSeconds } from '../format';
import { ConnTag } from '../timeline/ConnTag';
import { useFocusableWhenScrolling } from '../useFocusableWhenScrolling';
import { useNarration } from './useNarration';

/**
 * The current step in large type, for the back of the room. It is also the live region: screen readers
 * hear each new step's sentence as the replay moves. Where the screen is short (a phone on its side) it
 * scrolls by itself so the player under it stays in sight (stage.css), and can then be focused to scroll.
 */
export function CurrentStep() {
  const { t, i18n } = useTranslation();
  const event = useSim(selectCurrentEvent);
  const cursor = useSim(selectCursor);
  const total = useSim(selectStepCount);
  const narrate = useNarration();
  const box = useRef<HTMLElement>(null);
  const text = event ? narrate(event) : '';
  useFocusableWhenScrolling(box, text);
  if (!event) return null;
  const dropped = isDropStep(event);
  return (
    <section className="current" aria-labelledby="current-heading" ref={box}>
      <h2 id="current-heading" className="visually-hidden">
        {t('current.heading')}
      </h2>
      <p className="current-meta">
        <span>{t('player.position', { current: cursor + 1, total })}</span>
        <span className="time">{t('steps.seconds', { value: formatSeconds(event.at, i18n.language) })}</span>
        <ConnTag label={eventConnLabel(event)} />
        {dropped && (
          <span className="drop-badge">
            <span aria-hidden="true">✗ </span>
            {t('steps.dropped')}
          </span>
        )}
      </p>
      <p className="current-text">{text}</p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {t(dropped ? 'current.announceDropped' : 'current.announce', { current: cursor + 1, total, text })}
      </p>
    </section>
  );
}
