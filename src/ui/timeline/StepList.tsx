import { memo, useDeferredValue, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepEvent } from '../../engine';
import { eventConnLabel, isDropStep, selectCursor, selectEvents } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { useSimWhileSeen } from '../useSimWhileSeen';
import { formatSeconds } from '../format';
import { useNarration } from '../narration/useNarration';
import { keepInView } from './keepInView';
import { useAtTop } from './useAtTop';
import { ConnTag } from './ConnTag';

/** Every step of the replay, in order; the current one is marked with aria-current="step". */
export function StepList() {
  const { t } = useTranslation();
  const events = useSim(selectEvents);
  // Below the first screen: it follows the step in a render of its own, after the diagram and the
  // narration have moved, at low priority and interruptible (no long task for a list of every step); and
  // not at all while a replay plays with the list off screen.
  const [cursorShown, setPanel] = useSimWhileSeen(selectCursor);
  const cursor = useDeferredValue(cursorShown);
  const seek = useSim((s) => s.seek);
  const listRef = useRef<HTMLOListElement>(null);
  const currentRef = useRef<HTMLLIElement>(null);

  const { atTop, onScroll } = useAtTop();
  useEffect(() => {
    if (cursor === 0 && atTop.current) return;
    if (listRef.current && currentRef.current) return keepInView(listRef.current, currentRef.current);
  }, [cursor, events, atTop]);

  return (
    <section ref={setPanel} className="steps" aria-labelledby="steps-heading">
      <h2 id="steps-heading">{t('steps.heading')}</h2>
      {/* A scrolling box must be reachable by keyboard to be scrolled (WCAG 2.1.1; axe: scrollable-region-focusable). */}
      <ol
        className="step-list"
        ref={listRef}
        aria-labelledby="steps-heading"
        tabIndex={0}
        onScroll={onScroll}
      >
        {events.map((event) => (
          <StepLine
            key={event.index}
            event={event}
            state={event.index === cursor ? 'current' : event.index < cursor ? 'past' : 'future'}
            itemRef={event.index === cursor ? currentRef : undefined}
            onSeek={seek}
          />
        ))}
      </ol>
    </section>
  );
}

interface StepLineProps {
  readonly event: StepEvent;
  readonly state: 'past' | 'current' | 'future';
  readonly itemRef: React.Ref<HTMLLIElement> | undefined;
  readonly onSeek: (index: number) => void;
}

/** Memoised: moving the cursor re-renders only the lines whose state changes. */
const StepLine = memo(function StepLine({ event, state, itemRef, onSeek }: StepLineProps) {
  const { t, i18n } = useTranslation();
  const narrate = useNarration();
  const dropped = isDropStep(event);
  return (
    // Clicking a line is a mouse shortcut; the keyboard moves through the steps with the player keys.
    <li
      ref={itemRef}
      className={`step step-${state}${dropped ? ' step-dropped' : ''}`}
      aria-current={state === 'current' ? 'step' : undefined}
      onClick={() => onSeek(event.index)}
    >
      <span className="step-number">{event.index + 1}</span>
      <span className="time">{t('steps.seconds', { value: formatSeconds(event.at, i18n.language) })}</span>
      <ConnTag label={eventConnLabel(event)} />
      <span className="step-text">
        {dropped && (
          <span className="drop-mark">
            <span aria-hidden="true">✗ </span>
            <span className="visually-hidden">{t('steps.dropped')}: </span>
          </span>
        )}
        {narrate(event)}
      </span>
    </li>
  );
});
