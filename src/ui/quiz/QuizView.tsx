import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nextQuestion, roundQuestions, type Question } from '../../quiz';
import { quizQuestions, useQuiz } from '../../store/quizStore';
import './quiz.css';
import { QuestionCard } from './QuestionCard';
import { QuizNotices } from './QuizNotices';
import { clearQuizLink, readQuizLink } from './quizLink';
import { ResultsScreen } from './ResultsScreen';
import { SavedQuizzes } from './SavedQuizzes';
import { StartScreen } from './StartScreen';
import { ProgressPanel } from '../progress/ProgressPanel';

/**
 * The quiz: a start screen, then one question at a time with immediate feedback, then the results.
 * Progress lives in the progress store (src/progress), one record per quiz, kept in localStorage; a
 * teacher's link picks the quiz, and never takes another quiz's answers away.
 */
export function QuizView() {
  const { t } = useTranslation();
  const hydrate = useQuiz((s) => s.hydrate);
  const hydrated = useQuiz((s) => s.hydrated);
  const progress = useQuiz((s) => s.progress);
  const reviewing = useQuiz((s) => s.reviewing);
  const leave = useQuiz((s) => s.leave);
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
    clearQuizLink();
    leave();
  };

  let body;
  if (!hydrated) {
    body = null;
  } else if (!progress) {
    body = (
      <>
        <SavedQuizzes />
        <StartScreen />
        <ProgressPanel />
      </>
    );
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

  // Leaving from the results screen is "New quiz" there. Leaving keeps the answers: no need to ask.
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
        {midQuiz && (
          <div className="quiz-leave">
            <button type="button" onClick={doLeave} aria-describedby={`${id}-leave-hint`}>
              {t('quiz.question.leave')}
            </button>
            <p className="quiz-hint" id={`${id}-leave-hint`}>
              {t('quiz.question.leaveHint')}
            </p>
          </div>
        )}
      </div>
      <QuizNotices />
      {body}
    </main>
  );
}
