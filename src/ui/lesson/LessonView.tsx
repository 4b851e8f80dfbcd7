import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  chapterById,
  COMPARISON_ROWS,
  gradePrediction,
  LESSON_CHAPTERS,
  lessonReplay,
  partScenario,
  type ChapterDefinition,
  type ChapterId,
  type LessonReplay,
  type Narration,
  type PredictionPoint,
} from '../../engine';
import { withStrings } from '../../i18n/load';
import { chapterProgressOf, useProgress } from '../../progress';
import {
  isSettled,
  lessonMoment,
  placeAfter,
  pointsBefore,
  tableForward,
  withheldNarration,
  type ForwardBy,
} from '../../store/lessonFlow';
import { answerKey, flowState, useLesson, type LessonPosition } from '../../store/lessonStore';
import { selectPresenting, selectReducedMotion, selectSpeed } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { localizeParams } from '../narration/localizeParams';
import { Icon } from '../player/icons';
import { playerActionFor } from '../player/playerKeys';
import { STEP_INTERVAL_MS } from '../player/usePlaybackTimer';
import { useFocusableWhenScrolling } from '../useFocusableWhenScrolling';
import { ReplayStage } from '../stage/ReplayStage';
import { DifferencesTable } from './DifferencesTable';
import { Glossary, Glossed } from './Glossed';
import './lesson.css';
import { followLessonHistory, readLessonLink, writeLessonAddress } from './lessonLink';

const NetworkDiagramView = lazy(
  withStrings(['diagram'], () =>
    import('../diagram/NetworkDiagram').then((m) => ({ default: m.NetworkDiagramView })),
  ),
);

/** Narration in words of the current language, with the engine's ids (devices, connections) put into words. */
function useSay(): (n: Narration) => string {
  const { t } = useTranslation();
  return (n) => t(n.key, localizeParams(n.params, t));
}

/** The Lesson view: the list of chapters, or the chapter being read. */
export function LessonView() {
  const position = useLesson((s) => s.position);
  useEffect(() => {
    useProgress.getState().load();
    readLessonLink(window.location.search);
    followLessonHistory();
    // Back in the lesson (by the button or the tab): the simulator no longer offers the way back.
    useLesson.getState().setCameFromLesson(false);
  }, []);
  // The address says where the lesson is: a link a teacher can copy from the address bar; Back and
  // Forward go through the places it said.
  useEffect(() => writeLessonAddress(), [position]);

  return (
    <main className="lesson" aria-labelledby="lesson-heading">
      {position ? <ChapterScreen position={position} /> : <ChapterList />}
    </main>
  );
}

function chapterNumber(id: ChapterId): number {
  return LESSON_CHAPTERS.findIndex((c) => c.id === id) + 1;
}

function ChapterList() {
  const { t } = useTranslation();
  const chapters = useProgress((s) => s.document.chapters);
  const openChapter = useLesson((s) => s.openChapter);
  return (
    <div className="lesson-list">
      <h2 id="lesson-heading">{t('lesson.heading')}</h2>
      <p className="lesson-intro">
        <Glossed text={t('lesson.intro')} />
      </p>
      <PredictionsSwitch />
      <ol className="chapter-list" aria-label={t('lesson.chapters.label')}>
        {LESSON_CHAPTERS.map((chapter, i) => {
          const progress = chapterProgressOf(chapters[chapter.id]);
          const status = progress.completed ? 'done' : progress.answered > 0 ? 'open' : 'new';
          const titleId = `chapter-${chapter.id}-title`;
          return (
            <li key={chapter.id} className={`chapter-card chapter-${status}`}>
              <h3 id={titleId}>
                <span className="chapter-number">{t('lesson.chapters.number', { n: i + 1 })}</span>{' '}
                {t(`lesson.chapters.${chapter.id}.title`)}
              </h3>
              <p>{t(`lesson.chapters.${chapter.id}.summary`)}</p>
              <p className="chapter-status">
                <span aria-hidden="true">{status === 'done' ? '✓ ' : status === 'open' ? '◐ ' : '○ '}</span>
                {t(`lesson.chapters.status.${status}`)}
                {progress.answered > 0 &&
                  ` · ${t('lesson.chapters.score', { correct: progress.correct, answered: progress.answered })}`}
              </p>
              <button
                type="button"
                className="chapter-open outline-button"
                aria-describedby={titleId}
                onClick={() => openChapter(chapter.id)}
              >
                {t(
                  status === 'done'
                    ? 'lesson.chapters.review'
                    : status === 'open'
                      ? 'lesson.chapters.continue'
                      : 'lesson.chapters.start',
                )}
              </button>
            </li>
          );
        })}
      </ol>
      <Glossary />
    </div>
  );
}

function PredictionsSwitch({ hiddenInClass = false }: { readonly hiddenInClass?: boolean }) {
  const { t } = useTranslation();
  const on = useLesson((s) => s.predictionsOn);
  const set = useLesson((s) => s.setPredictionsOn);
  const hint = useId();
  return (
    // The hint beside the label, not in it: the checkbox's name is the label alone, the hint its description.
    <span className="predictions-switch" data-presentation={hiddenInClass ? 'hidden' : undefined}>
      <label>
        <input type="checkbox" checked={on} onChange={(e) => set(e.target.checked)} aria-describedby={hint} />
        {t('lesson.predictions.label')}
      </label>
      <span id={hint} className="hint">
        {t('lesson.predictions.hint')}
      </span>
    </span>
  );
}

function ChapterScreen({ position }: { readonly position: LessonPosition }) {
  const chapter = chapterById(position.chapter);
  if (!chapter) return null;
  if (chapter.kind === 'table') return <TableChapter chapter={chapter} cursor={position.cursor} />;
  const part = chapter.parts[position.part] ?? chapter.parts[0];
  if (!part) return null;
  return <ReplayChapter chapter={chapter} partIndex={position.part} cursor={position.cursor} />;
}

function ChapterHeader({ chapter }: { readonly chapter: ChapterDefinition }) {
  const { t } = useTranslation();
  const showChapters = useLesson((s) => s.showChapters);
  return (
    <div className="lesson-bar">
      <button type="button" className="lesson-back outline-button" onClick={showChapters}>
        <span aria-hidden="true">← </span>
        {t('lesson.back')}
      </button>
      <h2 id="lesson-heading">
        <span className="chapter-number">
          {t('lesson.chapters.number', { n: chapterNumber(chapter.id) })}
        </span>{' '}
        {t(`lesson.chapters.${chapter.id}.title`)}
      </h2>
    </div>
  );
}

function NextChapterButton({
  chapter,
  onGo,
}: {
  readonly chapter: ChapterDefinition;
  /** Called before the lesson moves on. */
  readonly onGo?: () => void;
}) {
  const { t } = useTranslation();
  const openChapter = useLesson((s) => s.openChapter);
  const showChapters = useLesson((s) => s.showChapters);
  const next = LESSON_CHAPTERS[chapterNumber(chapter.id)];
  return next ? (
    <button
      type="button"
      className="lesson-primary outline-button"
      onClick={() => {
        onGo?.();
        openChapter(next.id);
      }}
    >
      {t('lesson.nextChapter', { title: t(`lesson.chapters.${next.id}.title`) })}
    </button>
  ) : (
    <button
      type="button"
      className="lesson-primary outline-button"
      onClick={() => {
        onGo?.();
        showChapters();
      }}
    >
      {t('lesson.back')}
    </button>
  );
}

function TableChapter({
  chapter,
  cursor,
}: {
  readonly chapter: Extract<ChapterDefinition, { kind: 'table' }>;
  readonly cursor: number;
}) {
  const { t } = useTranslation();
  const presenting = useSim(selectPresenting);
  // Completed when the learner has read to the end of the table and goes on with the button after it
  // (opening the chapter is not reading it; a table that fits the screen would be "seen" at once).
  const complete = (): void => useProgress.getState().completeChapter(chapter.id);
  const rows = COMPARISON_ROWS.length;
  const last = Math.min(cursor, rows - 1);
  useEffect(() => {
    if (cursor > last) useLesson.getState().setCursor(last);
  }, [cursor, last]);

  // In class the clicker goes through the table a row at a time (the room guesses each before it shows),
  // then on to the next chapter, as it goes through a replay's steps.
  useEffect(() => {
    if (!presenting) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return;
      const action = playerActionFor(e);
      if (!action || action === 'togglePlay') return;
      e.preventDefault();
      const s = useLesson.getState();
      const c = Math.min(s.position?.cursor ?? 0, rows - 1);
      if (action === 'back') s.setCursor(Math.max(0, c - 1));
      else if (action === 'first') s.setCursor(0);
      else if (action === 'last') s.setCursor(rows - 1);
      else {
        const move = tableForward(chapter.id, c, rows);
        if (move.kind === 'row') s.setCursor(move.cursor);
        else if (move.kind === 'go-on') {
          complete();
          s.openChapter(move.to.chapter, move.to.part);
        }
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  const next = placeAfter(chapter.id, 0);
  return (
    <div className="lesson-table-chapter">
      <ChapterHeader chapter={chapter} />
      <p>{t(presenting ? 'lesson.table.introInClass' : 'lesson.table.intro')}</p>
      <DifferencesTable chapter={chapter.id} shownRows={presenting ? last + 1 : undefined} />
      <div className="lesson-actions">
        <NextChapterButton chapter={chapter} onGo={complete} />
        {presenting && (
          <p className="hint lesson-go-on">
            {last + 1 < rows ? t('lesson.table.nextRowHint') : next && t('lesson.room.goOnHint')}
          </p>
        )}
      </div>
    </div>
  );
}

function ReplayChapter({
  chapter,
  partIndex,
  cursor,
}: {
  readonly chapter: Extract<ChapterDefinition, { kind: 'replay' }>;
  readonly partIndex: number;
  readonly cursor: number;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const part = chapter.parts[partIndex] ?? chapter.parts[0];
  const replay = useMemo(() => (part ? lessonReplay(part) : undefined), [part]);
  const answers = useLesson((s) => s.answers);
  const revealed = useLesson((s) => s.revealed);
  const onScreen = useLesson((s) => s.onScreen);
  const predictionsOn = useLesson((s) => s.predictionsOn);
  const playing = useLesson((s) => s.playing);
  const presenting = useSim(selectPresenting);
  const speed = useSim(selectSpeed);
  const reduceMotion = useSim(selectReducedMotion);
  const state = flowState({ answers, revealed, onScreen, predictionsOn }, chapter.id);
  const at = replay ? Math.min(cursor, replay.end) : 0;
  const moment = replay ? lessonMoment(replay, at, state) : { kind: 'end' as const };

  // Forward: a waiting question holds the replay (in class, the press reveals its answer; the next one
  // moves on). The store decides; a learner's question gets the focus.
  const forward = (by: ForwardBy): void => {
    if (!replay) return;
    const move = useLesson.getState().forward(replay, by);
    if (move.kind === 'hold' && !useSim.getState().presenting)
      document.getElementById('lesson-question')?.focus();
  };
  const pressForward = (): void => forward(useSim.getState().presenting ? 'room' : 'learner');
  const forwardRef = useRef(forward);
  const textRef = useRef<HTMLDivElement>(null);
  useFocusableWhenScrolling(textRef, `${partIndex}:${at}:${moment.kind}`);
  useEffect(() => {
    forwardRef.current = forward;
  });

  // A step past the part's end (an old link, an edited address) is its end, in the address too.
  useEffect(() => {
    if (replay && cursor > replay.end) useLesson.getState().setCursor(replay.end);
  }, [replay, cursor]);

  // Record the chapter as completed when its last part's last step is reached.
  const lastPart = partIndex >= chapter.parts.length - 1;
  useEffect(() => {
    if (replay && at >= replay.end && lastPart) useProgress.getState().completeChapter(chapter.id);
  }, [replay, at, lastPart, chapter.id]);

  // Playing: one step per beat, stopping at a question and at the end.
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => forwardRef.current('timer'), STEP_INTERVAL_MS / speed);
    return () => window.clearInterval(id);
  }, [playing, speed]);

  // The player's keys, while the lesson is on screen (the simulator's own keys are off here).
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return;
      const action = playerActionFor(e);
      if (!action || !replay) return;
      e.preventDefault();
      const s = useLesson.getState();
      const c = s.position?.cursor ?? 0;
      if (action === 'forward') forwardRef.current(useSim.getState().presenting ? 'room' : 'learner');
      else if (action === 'back') s.setCursor(Math.max(0, c - 1));
      else if (action === 'first') s.setCursor(0);
      else if (action === 'last') s.toLast(replay);
      else s.setPlaying(!s.playing);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [replay]);

  if (!replay || !part) return null;
  const events = replay.simulation.events;
  const event = events[at];
  const withheld = event ? withheldNarration(replay, at, state) : undefined;
  const text = event ? say(withheld ?? event.narration) : '';
  const notes = replay.notes.filter((n) => n.index === at);
  const total = replay.end + 1;
  // Questions at this step already answered, while the next one at the same step waits.
  const settledHere = pointsBefore(replay, at).filter((p) => isSettled(p, state));
  const atEnd = at >= replay.end;
  // In class the clicker goes on from a part's end to what follows it.
  const after = placeAfter(chapter.id, partIndex);
  const sessionEnded = atEnd && replay.end === events.length - 1;

  const openInSimulator = (): void => {
    const sim = useSim.getState();
    sim.setScenario(partScenario(part));
    sim.seek(at);
    useLesson.getState().setCameFromLesson(true);
    sim.setView('simulator');
  };

  // Beside the button that goes on, which says where: the clicker does the same.
  const goOn = presenting && after && <p className="hint lesson-go-on">{t('lesson.room.goOnHint')}</p>;

  const dock = (
    <>
      {/*
       * The words scroll by themselves when they do not fit the room the diagram leaves them (a part's
       * end in class: its note, outcome and summary); the player and the way on never leave the screen.
       */}
      <div className="lesson-dock-text" ref={textRef}>
        <section className="current lesson-current" aria-labelledby="lesson-step-heading">
          <h3 id="lesson-step-heading" className="visually-hidden">
            {t('lesson.step.heading')}
          </h3>
          <p className="current-meta">
            <span>{t('lesson.player.position', { current: at + 1, total })}</span>
            {chapter.parts.length > 1 && (
              <span>
                {t('lesson.partOf', {
                  n: partIndex + 1,
                  total: chapter.parts.length,
                  title: t(`lesson.parts.${part.id}.title`),
                })}
              </span>
            )}
          </p>
          {at === 0 && (
            <p className="lesson-part-intro">
              <Glossed text={t(`lesson.parts.${part.id}.intro`)} />
            </p>
          )}
          {/* The session's last step says it is over: the outcome below says how, once. */}
          {!sessionEnded && (
            <p className="current-text">
              <Glossed text={text} />
            </p>
          )}
          {notes.map((n) => (
            <p key={n.narration.key} className="lesson-note">
              <span className="lesson-note-label">{t('lesson.step.note')}: </span>
              <Glossed text={say(n.narration)} />
            </p>
          ))}
          {atEnd && (
            <div className="lesson-end">
              {sessionEnded && (
                <p className={`lesson-outcome lesson-outcome-${replay.simulation.outcome}`}>
                  <span aria-hidden="true">{replay.simulation.outcome === 'success' ? '✓ ' : '✗ '}</span>
                  {t(`lesson.outcome.${replay.simulation.outcome}`)}
                </p>
              )}
              <p>
                <Glossed text={say(replay.summary)} />
              </p>
            </div>
          )}
          <p className="visually-hidden" aria-live="polite" aria-atomic="true">
            {[
              t('lesson.player.position', { current: at + 1, total }),
              text,
              ...notes.map((n) => say(n.narration)),
            ].join(' ')}
          </p>
        </section>
        {(moment.kind === 'asking' || moment.kind === 'revealed') &&
          settledHere.length > 0 &&
          !presenting && (
            <Feedback
              points={settledHere}
              chapter={chapter.id}
              more={moment.kind === 'asking' || moment.next !== undefined}
            />
          )}
        {moment.kind === 'asking' && !presenting && (
          <QuestionCard key={moment.point.id} point={moment.point} chapter={chapter.id} />
        )}
        {moment.kind === 'answered' && <Feedback points={moment.points} chapter={chapter.id} />}
      </div>
      {(moment.kind === 'asking' || moment.kind === 'revealed') && presenting && (
        <RoomQuestion
          key={moment.point.id}
          point={moment.point}
          revealed={moment.kind === 'revealed'}
          more={moment.kind === 'revealed' && moment.next !== undefined}
        />
      )}
      <LessonPlayer
        replay={replay}
        at={at}
        asking={moment.kind === 'asking'}
        answered={moment.kind === 'answered' || (moment.kind === 'revealed' && !moment.next)}
        onForward={pressForward}
      />
      {/* In class the way on stays (the next part, the next chapter); the simulator and the switch go. */}
      <div className="lesson-actions">
        {atEnd && !lastPart && (
          <button
            type="button"
            className="lesson-primary outline-button"
            onClick={() => useLesson.getState().openChapter(chapter.id, partIndex + 1)}
          >
            {t('lesson.nextPart', {
              title: t(`lesson.parts.${chapter.parts[partIndex + 1]?.id ?? part.id}.title`),
            })}
          </button>
        )}
        {atEnd && lastPart && <NextChapterButton chapter={chapter} />}
        {atEnd && goOn}
        <button
          type="button"
          className="outline-button"
          onClick={openInSimulator}
          aria-describedby="lesson-simulator-hint"
          data-presentation="hidden"
        >
          {t('lesson.simulator')}
        </button>
        <span id="lesson-simulator-hint" className="hint" data-presentation="hidden">
          {t('lesson.simulatorHint')}
        </span>
        <PredictionsSwitch hiddenInClass />
      </div>
    </>
  );

  const loading = <div className="diagram-loading" aria-hidden="true" />;
  return (
    <div className="stage-host lesson-stage">
      <ReplayStage
        stepKey={`${part.id}:${at}`}
        bar={<ChapterHeader chapter={chapter} />}
        figure={
          <Suspense fallback={loading}>
            <NetworkDiagramView
              scenario={replay.simulation.scenario}
              events={events}
              cursor={at}
              speed={speed}
              reduceMotion={reduceMotion}
              presenting={presenting}
            />
          </Suspense>
        }
        dock={dock}
      />
    </div>
  );
}

function LessonPlayer({
  replay,
  at,
  asking,
  answered,
  onForward,
}: {
  readonly replay: LessonReplay;
  readonly at: number;
  readonly asking: boolean;
  readonly answered: boolean;
  readonly onForward: () => void;
}) {
  const { t } = useTranslation();
  const playing = useLesson((s) => s.playing);
  const setCursor = useLesson((s) => s.setCursor);
  const setPlaying = useLesson((s) => s.setPlaying);
  const atEnd = at >= replay.end;
  return (
    <div
      className="player lesson-player"
      role="group"
      aria-label={t('lesson.player.label')}
      aria-describedby="lesson-keys"
    >
      <div className="player-buttons">
        <button type="button" aria-disabled={at === 0} onClick={() => at > 0 && setCursor(0)}>
          <Icon name="first" /> <span className="visually-hidden">{t('lesson.player.first')}</span>
        </button>
        <button type="button" aria-disabled={at === 0} onClick={() => at > 0 && setCursor(at - 1)}>
          <Icon name="back" /> <span className="visually-hidden">{t('lesson.player.back')}</span>
        </button>
        <button
          type="button"
          aria-disabled={atEnd || asking}
          onClick={() => !atEnd && !asking && setPlaying(!playing)}
        >
          <Icon name={playing ? 'pause' : 'play'} />{' '}
          <span className="visually-hidden">
            {playing ? t('lesson.player.pause') : t('lesson.player.play')}
          </span>
        </button>
        <button
          type="button"
          className="lesson-forward"
          aria-disabled={atEnd || asking}
          onClick={() => !atEnd && onForward()}
        >
          {answered ? t('lesson.player.show') : t('lesson.player.forward')} <Icon name="forward" />
        </button>
      </div>
      <p className="player-keys" id="lesson-keys">
        {t('lesson.player.keys')}
      </p>
    </div>
  );
}

function choiceText(
  point: PredictionPoint,
  choice: string,
  t: (k: string, p?: Record<string, unknown>) => string,
): string {
  if (point.ask === 'which-reply') return t('lesson.choices.reply', { code: choice });
  const next = point.question.params.next;
  return t(`lesson.choices.${point.ask}.${choice}`, { next });
}

/**
 * The params of a sentence that names an answer ("the answer is …", "you chose …"). A choice's label is a
 * phrase of its own ("The server", "It never arrives"): it is quoted with its letter, never put mid-sentence
 * as if it were a word of it. A number (a port, a reply code) reads as part of the sentence.
 */
function answerParams(
  point: PredictionPoint,
  answer: string,
  t: (k: string, p?: Record<string, unknown>) => string,
): { context: 'choice' | 'number'; answer: string; letter?: string } {
  if (point.input === 'number') return { context: 'number', answer };
  if (point.ask === 'which-reply') return { context: 'number', answer: choiceText(point, answer, t) };
  const letter = String.fromCharCode(65 + Math.max(0, point.choices.indexOf(answer)));
  return { context: 'choice', answer: choiceText(point, answer, t), letter };
}

function QuestionCard({ point, chapter }: { readonly point: PredictionPoint; readonly chapter: ChapterId }) {
  const { t } = useTranslation();
  const say = useSay();
  const [choice, setChoice] = useState<string>('');
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const legendId = `question-${point.id}`;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const response = point.input === 'number' ? typed : choice;
    const grade = gradePrediction(point, response);
    if (grade.kind === 'unreadable') {
      setProblem(
        t(point.input === 'number' ? 'lesson.predict.unreadableNumber' : 'lesson.predict.unreadableChoice'),
      );
      return;
    }
    useLesson
      .getState()
      .answer(answerKey(chapter, point.id), { response: grade.response, correct: grade.correct });
    useProgress.getState().recordPrediction(chapter, point.id, grade.response, grade.correct);
    // The feedback replaces this card; the step's live region says nothing new, so focus goes to it.
    requestAnimationFrame(() => document.getElementById('lesson-feedback')?.focus());
  };
  return (
    <form className="lesson-question" onSubmit={submit} aria-labelledby={legendId} noValidate>
      <fieldset id="lesson-question" tabIndex={-1}>
        <legend id={legendId}>
          <span className="lesson-question-label">{t('lesson.predict.heading')}: </span>
          <Glossed text={say(point.question)} />
        </legend>
        {point.input === 'choice' ? (
          <div className="lesson-choices">
            {point.choices.map((c, i) => (
              <label key={c} className="lesson-choice">
                <input
                  type="radio"
                  name={`choice-${point.id}`}
                  value={c}
                  checked={choice === c}
                  onChange={() => {
                    setChoice(c);
                    setProblem(undefined);
                  }}
                />
                <span className="choice-letter" aria-hidden="true">
                  {String.fromCharCode(65 + i)}
                </span>
                {choiceText(point, c, t)}
              </label>
            ))}
          </div>
        ) : (
          <div className="lesson-number">
            <label htmlFor={`${legendId}-number`}>{t('lesson.predict.number')}</label>
            <input
              id={`${legendId}-number`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              aria-describedby={`${legendId}-hint`}
              aria-invalid={problem !== undefined}
              onChange={(e) => {
                setTyped(e.target.value);
                setProblem(undefined);
              }}
            />
            <span id={`${legendId}-hint`} className="hint">
              {t('lesson.predict.numberHint')}
            </span>
          </div>
        )}
        {problem && (
          <p className="lesson-problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="lesson-primary outline-button">
          {t('lesson.predict.check')}
        </button>
      </fieldset>
    </form>
  );
}

function Feedback({
  points,
  chapter,
  more = false,
}: {
  readonly points: readonly PredictionPoint[];
  readonly chapter: ChapterId;
  /** Another question at this step follows: no "Show me" hint yet. */
  readonly more?: boolean;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const answers = useLesson((s) => s.answers);
  return (
    <section
      id="lesson-feedback"
      className="lesson-feedback"
      tabIndex={-1}
      aria-label={t('lesson.predict.heading')}
    >
      {points.map((p) => {
        const mine = answers[answerKey(chapter, p.id)];
        return (
          <div key={p.id} className={`feedback-item ${mine ? (mine.correct ? 'right' : 'wrong') : ''}`}>
            {mine && (
              <p className="feedback-verdict">
                <span aria-hidden="true">{mine.correct ? '✓ ' : '✗ '}</span>
                {mine.correct
                  ? t('lesson.predict.right')
                  : t('lesson.predict.wrong', answerParams(p, p.answer, t))}{' '}
                {!mine.correct && t('lesson.predict.yours', answerParams(p, mine.response, t))}
              </p>
            )}
            <p>
              <Glossed text={say(p.explanation)} />
            </p>
          </div>
        );
      })}
      {!more && <p className="hint">{t('lesson.predict.next')}</p>}
    </section>
  );
}

/** Presentation mode: the question fills the screen for the room; the next clicker press shows the answer. */
function RoomQuestion({
  point,
  revealed,
  more,
}: {
  readonly point: PredictionPoint;
  readonly revealed: boolean;
  /** Revealed, and another question for the room follows at the same step. */
  readonly more: boolean;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const letters = point.choices.map((_, i) => String.fromCharCode(65 + i));
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [revealed]);
  const orList = new Intl.ListFormat(document.documentElement.lang || 'en', { type: 'disjunction' });
  return (
    <div
      className="room-question"
      role="dialog"
      aria-modal="false"
      aria-labelledby="room-question-text"
      tabIndex={-1}
      ref={ref}
    >
      <p className="room-label">{t('lesson.room.label')}</p>
      <p id="room-question-text" className="room-text">
        {say(point.question)}
      </p>
      {point.input === 'choice' ? (
        <ol className="room-choices">
          {point.choices.map((c, i) => (
            <li key={c} className={revealed && c === point.answer ? 'room-right' : undefined}>
              <span className="choice-letter">{letters[i]}</span> {choiceText(point, c, t)}
              {revealed && c === point.answer && <span aria-hidden="true"> ✓</span>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="room-write">{t('lesson.room.write')}</p>
      )}
      {revealed ? (
        <div className="room-answer" aria-live="polite">
          <p>{t('lesson.room.answer', answerParams(point, point.answer, t))}</p>
          <p className="room-explanation">{say(point.explanation)}</p>
          <p className="hint">{t(more ? 'lesson.room.nextQuestionHint' : 'lesson.room.continueHint')}</p>
        </div>
      ) : (
        <>
          {point.input === 'choice' && (
            <p className="room-hands">{t('lesson.room.handsUp', { letters: orList.format(letters) })}</p>
          )}
          <p className="hint">{t('lesson.room.revealHint')}</p>
        </>
      )}
    </div>
  );
}
