import { useTranslation } from 'react-i18next';
import './lessonOpening.css';

/**
 * The lesson's first lines while the rest of it loads, on a first visit (ViewDefinition.opening). A first
 * visit opens on the list of chapters, whose heading and introduction are the first screen's strings:
 * shown at once, in the place and size the list gives them, they are the largest text a new learner sees,
 * and they are readable a round trip sooner (the chapters need the engine). A return may open on a
 * chapter, which only the lesson's own code knows: it gets plain "Loading…".
 */
export function LessonOpening() {
  const { t } = useTranslation();
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
