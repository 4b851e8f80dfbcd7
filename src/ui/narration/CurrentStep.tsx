import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  eventConnLabel,
  isDropStep,
  selectCurrentEvent,
  selectCursor,
  selectEvents,
  selectStepCount,
} from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { formatSeconds } from '../format';
import { ConnTag } from '../timeline/ConnTag';
import { useFocusableWhenScrolling } from '../useFocusableWhenScrolling';
import { roomTexts } from './roomTexts';
import { useNarration } from './useNarration';

/**
 * The current step in large type, for the back of the room. It is also the live region: screen readers
 * hear each new step's sentence as the replay moves. Where the screen is short (a phone on its side) it
 * scrolls by itself so the player under it stays in sight (stage.css), and can then be focused to scroll.
 *
 * Its sentence has the room of the session's longest ones (drawn invisibly in the same place), so its
 * height stays the same from step to step: a taller narration made the diagram above it smaller, and
 * drawing the diagram again at another size is a slow phone's longest frame of a replay.
 */
export function CurrentStep() {
  const { t, i18n } = useTranslation();
  const event = useSim(selectCurrentEvent);
  const cursor = useSim(selectCursor);
  const total = useSim(selectStepCount);
  const narrate = useNarration();
  const box = useRef<HTMLElement>(null);
  const events = useSim(selectEvents);
  const text = event ? narrate(event) : '';
  const room = useMemo(() => roomTexts(events.map(narrate)), [events, narrate]);
  const dropsInSession = useMemo(() => events.some(isDropStep), [events]);
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
        {dropped ? (
          <span className="drop-badge">
            <span aria-hidden="true">✗ </span>
            {t('steps.dropped')}
          </span>
        ) : (
          // A session with drops keeps the badge's room at every step: the line wraps the same way.
          dropsInSession && (
            <span
              className="drop-badge keeps-room"
              data-words={`✗ ${t('steps.dropped')}`}
              aria-hidden="true"
            />
          )
        )}
      </p>
      <div className="current-text-room">
        <p className="current-text">{text}</p>
        {/* Generated content: no second copy of a sentence for a screen reader, a search or a test to find. */}
        {room.map((words, i) => (
          <span key={i} className="current-text-sizer keeps-room" data-words={words} aria-hidden="true" />
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {t(dropped ? 'current.announceDropped' : 'current.announce', { current: cursor + 1, total, text })}
      </p>
    </section>
  );
}
