import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextQuestion, roundQuestions, type Question } from '../../quiz';
import { quizQuestions, useQuiz } from '../../store/quizStore';
import './quiz.css';
import { QuestionCard } from './QuestionCard';
import { QuizNotices } from './QuizNotices';
import { clearQuizLink, readQuizLink } from './quizLink';
import { ResultsScreen } from './ResultsScreen';
import { StartScreen } from './StartScreen';

/**
 * The quiz: a start screen, then one question at a time with immediate feedback, then the results.
 * Progress lives in the quiz store, which keeps it in localStorage; a teacher's link picks the quiz.
 */
export function QuizView() {
  const { t } = useTranslation();
  const hydrate = useQuiz((s) => s.hydrate);
  const hydrated = useQuiz((s) => s.hydrated);
  const progress = useQuiz((s) => s.progress);
  const reviewing = useQuiz((s) => s.reviewing);
  const leave = useQuiz((s) => s.leave);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const id = useId();

  useEffect(() => {
    const link = readQuizLink(window.location);
    hydrate(link);
    // The link has done its job (the quiz is now the saved progress): keep it out of later permalinks.
    if (link.kind !== 'none') clearQuizLink();
  }, [hydrate]);

  const config = progress?.quiz;
  const questions: readonly Question[] = useMemo(() => (config ? quizQuestions(config) : []), [config]);

  const doLeave = (): void => {
    setConfirmLeave(false);
    clearQuizLink();
    leave();
  };

  let body;
  if (!hydrated) {
    body = null;
  } else if (!progress) {
    body = <StartScreen />;
  } else {
    const round = roundQuestions(questions, progress);
    const answers = progress.retry ? progress.retry.answers : progress.answers;
    const shown =
      (reviewing ? round.find((q) => q.id === reviewing) : undefined) ?? nextQuestion(round, answers);
    if (!shown) {
      body = <ResultsScreen questions={questions} progress={progress} />;
    } else {
      const position = round.indexOf(shown) + 1;
      const answered = answers.find((a) => a.id === shown.id);
      const correctSoFar = answers.filter((a) => a.correct).length;
      body = (
        <QuestionCard
          key={shown.id}
          question={shown}
          position={position}
          total={round.length}
          retry={progress.retry !== undefined}
          answered={answered}
          last={nextQuestion(round, answers) === undefined}
          correctSoFar={correctSoFar}
        />
      );
    }
  }

  // Leaving from the results screen is "New quiz" there; mid-quiz it asks first.
  const midQuiz =
    progress !== null &&
    nextQuestion(roundQuestions(questions, progress), progress.retry?.answers ?? progress.answers) !==
      undefined;

  return (
    <main className="quiz-view" aria-labelledby={`${id}-title`}>
      <div className="quiz-header">
        <div>
          <h2 id={`${id}-title`} className="quiz-title">
            {t('quiz.heading')}
          </h2>
          {!progress && <p className="quiz-intro">{t('quiz.intro')}</p>}
        </div>
        {midQuiz && !confirmLeave && (
          <button type="button" className="quiz-leave" onClick={() => setConfirmLeave(true)}>
            {t('quiz.question.leave')}
          </button>
        )}
      </div>
      {confirmLeave && (
        <div className="quiz-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('quiz.question.leaveConfirm')}</p>
          <button type="button" onClick={doLeave}>
            {t('quiz.question.leaveYes')}
          </button>
          <button type="button" autoFocus onClick={() => setConfirmLeave(false)}>
            {t('quiz.question.leaveNo')}
          </button>
        </div>
      )}
      <QuizNotices />
      {body}
    </main>
  );
}
