import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseScenario } from '../../engine/validation';
import { isLanguage } from '../../i18n/language';
import type { ShowMe } from '../../quiz';
import { DEFAULT_VIEW } from '../../store/uiSlice';
import { useSim } from '../../store/simStore';
import { encodePermalink } from '../permalink/permalink';

/**
 * "Show me": the simulator at the question's scenario and step. A real link (the permalink), so it can
 * open in a new tab; a plain click opens it here without reloading: setScenario, seek, switch view.
 */
export function ShowMeLink({ showMe }: { showMe: ShowMe }) {
  const { t, i18n } = useTranslation();
  const parsed = parseScenario(showMe.scenario);
  if (!parsed.ok) return null;
  const scenario = parsed.scenario;
  const href = encodePermalink(
    {
      scenario,
      cursor: showMe.step,
      view: 'simulator',
      lang: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en',
      present: false,
    },
    DEFAULT_VIEW,
  );
  const open = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const s = useSim.getState();
    s.setScenario(scenario);
    s.seek(showMe.step);
    s.setView('simulator');
    // The link leaves with the quiz view: put focus (and the scroll) on the simulator's tab.
    setTimeout(() => document.getElementById('view-tab-simulator')?.focus(), 0);
  };
  return (
    <a className="quiz-show-me" href={href} onClick={open}>
      <span aria-hidden="true">▶ </span>
      {t('quiz.feedback.showMe', { step: showMe.step + 1 })}
    </a>
  );
}
