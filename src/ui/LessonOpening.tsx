import { useTranslation } from 'react-i18next';
import { openedOnFirstVisit } from './startView';
import { ViewLoading } from './ViewLoading';
import './lessonOpening.css';

/**
 * The lesson's first lines while the rest of it loads. A first visit opens on the list of chapters, whose
 * heading and introduction are the first screen's strings: shown at once, in the place and size the list
 * gives them, they are the largest text a new learner sees, and they are readable a round trip sooner
 * (the chapters need the engine). Anywhere else (a chapter, a return) the lesson opens where it was, which
 * only its own code knows.
 */
export function LessonOpening() {
  const { t } = useTranslation();
  if (!openedOnFirstVisit()) return <ViewLoading />;
  return (
    <main className="lesson" aria-labelledby="lesson-heading" aria-busy="true">
      <div className="lesson-list">
        <h2 id="lesson-heading">{t('lesson.heading')}</h2>
        <p className="lesson-intro">{t('lesson.intro')}</p>
        <p className="view-loading" role="status">
          {t('shell.views.loading')}
        </p>
      </div>
    </main>
  );
}
