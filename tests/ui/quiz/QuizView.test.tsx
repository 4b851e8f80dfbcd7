import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n, type Language } from '../../../src/i18n';
import { STORAGE_KEYS, useProgress } from '../../../src/progress';
import { formatQuizParam, generateQuiz, type Question, type QuizConfig } from '../../../src/quiz';
import { quizQuestions, useQuiz } from '../../../src/store/quizStore';
import { useSim } from '../../../src/store/simStore';
import { startLanguage } from '../../../src/ui/permalink/linkLanguage';
import { QuizView } from '../../../src/ui/quiz/QuizView';

// jsdom has no CSS.escape, which user-event's radio-group arrow keys use.
if (!(globalThis.CSS as { escape?: unknown } | undefined)?.escape)
  Object.assign(globalThis, { CSS: { escape: (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`) } });

/** A wrong answer that still reads as the format (so it is graded, not sent back with a warning). */
const READABLE_WRONG = { port: '1', endpoint: '1.2.3.4:5', hostPort: '1,2,3,4,0,5', eprt: '|1|1.2.3.4|5|' };

function renderQuiz(language: Language = 'en') {
  const i18n = createI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <QuizView />
    </I18nextProvider>,
  );
}

/** A browser reload: the stores forget everything but localStorage. */
function reload(language: Language = 'en') {
  cleanup();
  useQuiz.setState(useQuiz.getInitialState(), true);
  useProgress.setState(useProgress.getInitialState(), true);
  return renderQuiz(language);
}

/** Files the page offers for download: each Blob handed to URL.createObjectURL, and the link's name. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | undefined;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    last = blob;
    return 'blob:download';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (last) files.push({ name: this.download, blob: last });
  });
  return files;
}

/** The question on screen, as the store has it. */
function currentQuestion(): Question {
  const s = useQuiz.getState();
  const p = s.progress;
  if (!p) throw new Error('no quiz running');
  const questions = quizQuestions(p.quiz);
  const round = p.retry ? questions.filter((q) => p.retry?.ids.includes(q.id)) : questions;
  const answers = p.retry ? p.retry.answers : p.answers;
  const q = s.reviewing
    ? round.find((x) => x.id === s.reviewing)
    : round.find((x) => !answers.some((a) => a.id === x.id));
  if (!q) throw new Error('no current question');
  return q;
}

function startFromStore(config: QuizConfig) {
  act(() => useQuiz.getState().start(config));
}

/** Answers the question on screen through the UI: rightly or wrongly. */
async function answerOnScreen(user: ReturnType<typeof userEvent.setup>, correct: boolean) {
  const q = currentQuestion();
  if (q.kind === 'choice') {
    const index = q.choices.findIndex((c) => (correct ? c.id === q.answer : c.id !== q.answer));
    await user.click(screen.getAllByRole('radio')[index] as HTMLElement);
  } else {
    const box = screen.getByRole('textbox', { name: 'Your answer' });
    await user.clear(box);
    await user.type(box, correct ? q.answer : READABLE_WRONG[q.format]);
  }
  await user.click(screen.getByRole('button', { name: 'Check the answer' }));
  await user.click(await screen.findByRole('button', { name: /Next question|See the results/ }));
}

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/');
  useQuiz.setState(useQuiz.getInitialState(), true);
  useProgress.setState(useProgress.getInitialState(), true);
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the quiz view', () => {
  it('starts a quiz from the start screen with the chosen topics, count and quiz number', async () => {
    const user = userEvent.setup();
    renderQuiz();
    expect(screen.getByRole('heading', { name: 'New quiz' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Predict the next step/ }));
    await user.click(screen.getByRole('checkbox', { name: /Will the transfer work/ }));
    await user.click(screen.getByRole('checkbox', { name: /Real clients: classic and curl/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Number of questions' }), '5');
    await user.type(screen.getByRole('textbox', { name: 'Quiz number' }), '42');
    await user.click(screen.getByRole('button', { name: 'Start the quiz' }));
    expect(useQuiz.getState().progress?.quiz).toEqual({ seed: 42, count: 5, topics: ['decode', 'concepts'] });
    const heading = await screen.findByRole('heading', { level: 3, name: /^Question 1 of 5:/ });
    expect(document.activeElement).toBe(heading);
  });

  it('refuses to start without a topic or with a bad quiz number, saying why', async () => {
    const user = userEvent.setup();
    renderQuiz();
    await user.type(screen.getByRole('textbox', { name: 'Quiz number' }), '12x');
    expect(screen.getByText(/Enter a whole number from 0 to 4294967295/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start the quiz' }));
    expect(useQuiz.getState().progress).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Quiz number' }));
  });

  it('answers a multiple-choice question by keyboard: arrows choose, Enter checks, feedback is announced', async () => {
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 4, topics: ['concepts'], count: 2 });
    const q = currentQuestion();
    if (q.kind !== 'choice') throw new Error('concepts questions are multiple choice');
    const radios = await screen.findAllByRole('radio');
    expect(radios).toHaveLength(q.choices.length);
    // Into the radio group with Tab, then arrows: the first arrow press lands on the second choice.
    radios[0]?.focus();
    await user.keyboard(' ');
    const target = q.choices.findIndex((c) => c.id === q.answer);
    for (let i = 0; i < target; i++) await user.keyboard('{ArrowDown}');
    expect((radios[target] as HTMLInputElement).checked).toBe(true);
    await user.keyboard('{Enter}');
    const feedback = document.querySelector('.quiz-feedback-region');
    expect(feedback?.getAttribute('aria-live')).toBe('polite');
    expect(feedback?.textContent).toMatch(/^✓Correct/);
    expect(feedback?.textContent).toContain('Why');
    expect(
      within(feedback as HTMLElement).getByRole('link', { name: /Show me in the simulator \(step \d+\)/ }),
    ).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Next question' }));
    expect(useQuiz.getState().progress?.answers).toEqual([{ id: q.id, response: q.answer, correct: true }]);
  });

  it('grades a typed answer tolerantly, warns once about an unreadable one, and shows the keyed answer', async () => {
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 9, topics: ['decode'], count: 2 });
    const q = currentQuestion();
    if (q.kind !== 'free') throw new Error('decode questions are free answers');
    const box = await screen.findByRole('textbox', { name: 'Your answer' });
    await user.type(box, 'no idea{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/does not read as/);
    expect(useQuiz.getState().progress?.answers).toEqual([]);
    await user.clear(box);
    // Extra spaces and parentheses do not matter.
    await user.type(box, ` (${q.answer.replace(/,/g, ', ')}) {Enter}`);
    const feedback = document.querySelector('.quiz-feedback-region');
    expect(feedback?.textContent).toMatch(/^✓Correct/);
    expect(useQuiz.getState().progress?.answers[0]?.correct).toBe(true);
  });

  it('keeps the answers across a reload and carries on at the next question', async () => {
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 11, topics: ['decode', 'concepts'], count: 4 });
    await screen.findByRole('heading', { level: 3, name: /^Question 1 of 4:/ });
    await answerOnScreen(user, true);
    await answerOnScreen(user, false);
    await screen.findByRole('heading', { level: 3, name: /^Question 3 of 4:/ });
    const before = useQuiz.getState().progress;
    reload();
    const heading = await screen.findByRole('heading', { level: 3, name: /^Question 3 of 4:/ });
    // Arriving by a reload does not move the focus into the page.
    expect(document.activeElement).not.toBe(heading);
    expect(useQuiz.getState().progress).toEqual(before);
    expect(screen.getByText('Correct so far: 1')).toBeTruthy();
  });

  it('keeps corrupted saved progress aside, untouched and downloadable, and shows the start screen', async () => {
    const corrupted = '{"version":2,"quizzes":';
    localStorage.setItem(STORAGE_KEYS.progress, corrupted);
    const user = userEvent.setup();
    renderQuiz();
    expect(await screen.findByText(/could not be read\. It was kept aside, untouched/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'New quiz' })).toBeTruthy();
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.keptAside) ?? '[]')[0]).toMatchObject({
      raw: corrupted,
      reason: 'unreadable',
    });
    const downloads = captureDownloads();
    await user.click(screen.getByRole('button', { name: 'Download it' }));
    expect(downloads[0]?.name).toMatch(/^ftp-flow-lab-kept-aside-\d{4}-\d\d-\d\d\.json$/);
    expect(JSON.parse(await (downloads[0]?.blob as Blob).text()).entries[0].raw).toBe(corrupted);
    await user.click(screen.getAllByRole('button', { name: 'Dismiss' })[0] as HTMLElement);
    expect(screen.queryByText(/could not be read/)).toBeNull();
    // Still offered under "Your progress".
    expect(screen.getByRole('button', { name: 'Download what was kept aside' })).toBeTruthy();
  });

  it('says so in Spanish when progress from a newer version cannot be used, and keeps it aside', async () => {
    const newer = JSON.stringify({ version: 7, lessons: { a: 1 } });
    localStorage.setItem(STORAGE_KEYS.progress, newer);
    renderQuiz('es');
    expect(await screen.findByText(/viene de otra versión de FTP Flow Lab/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Nuevo cuestionario' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Descargarlo' })).toBeTruthy();
    const kept = JSON.parse(localStorage.getItem(STORAGE_KEYS.keptAside) ?? '[]');
    expect(kept).toEqual([
      expect.objectContaining({ raw: newer, reason: 'newer', source: STORAGE_KEYS.progress }),
    ]);
  });

  it('migrates the old format (one quiz, no version) and keeps its answers', async () => {
    const config: QuizConfig = { seed: 2, topics: ['decode'], count: 3 };
    const q1 = generateQuiz(config)[0];
    localStorage.setItem(
      STORAGE_KEYS.legacyQuiz,
      JSON.stringify({ quiz: config, answers: [{ id: q1?.id, response: q1?.answer, correct: true }] }),
    );
    renderQuiz();
    expect(await screen.findByText(/updated to the new format/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: /^Question 2 of 3:/ })).toBeTruthy();
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEYS.progress) ?? '{}');
    expect(stored.version).toBe(2);
    expect(stored.quizzes[formatQuizParam(config)].answers).toHaveLength(1);
    expect(localStorage.getItem(STORAGE_KEYS.legacyQuiz)).toBeNull();
  });

  it('opens a teacher’s quiz link with its questions, the same as anyone else’s', async () => {
    window.history.replaceState(null, '', '/?view=quiz&quiz=seed:42,count:3,topics:decode+verdict');
    renderQuiz();
    expect(await screen.findByText('Quiz from a link: 3 questions, quiz number 42.')).toBeTruthy();
    expect(useQuiz.getState().progress?.quiz).toEqual({ seed: 42, count: 3, topics: ['decode', 'verdict'] });
    expect(currentQuestion()).toEqual(generateQuiz({ seed: 42, count: 3, topics: ['decode', 'verdict'] })[0]);
    // Applied once, the link leaves the address (the progress is saved now).
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?view=quiz');
    // The same parameter in the fragment is read too.
    reload();
    window.history.replaceState(null, '', '/?view=quiz#quiz=seed:42,count:3,topics:decode+verdict');
    reload();
    expect(await screen.findByRole('heading', { level: 3, name: /^Question 1 of 3:/ })).toBeTruthy();
  });

  it('makes a quiz link for a class from the start screen', async () => {
    const user = userEvent.setup();
    renderQuiz();
    await user.type(screen.getByRole('textbox', { name: 'Quiz number' }), '77');
    await user.click(screen.getByRole('checkbox', { name: /Active vs passive/ }));
    await user.click(screen.getByRole('button', { name: 'Make a quiz link' }));
    const link = screen.getByRole('textbox', { name: 'Quiz link' }) as HTMLInputElement;
    expect(link.value).toMatch(
      /\?view=quiz&quiz=seed:77,count:10,topics:predict\+decode\+verdict\+clients&lang=en$/,
    );
  });

  it('makes the link in the teacher’s language, so the class opens it in that language', async () => {
    const user = userEvent.setup();
    const { rerender } = renderQuiz('es');
    await user.type(screen.getByRole('textbox', { name: 'Número de cuestionario' }), '5');
    await user.click(screen.getByRole('button', { name: 'Crear un enlace al cuestionario' }));
    const link = screen.getByRole('textbox', { name: 'Enlace al cuestionario' }) as HTMLInputElement;
    expect(link.value).toMatch(/[?&]quiz=seed:5,[^&]*&lang=es$/);
    expect(startLanguage(new URL(link.value).search, 'en-US')).toBe('es');
    // Switching the page's language switches the link's.
    const english = createI18n('en');
    rerender(
      <I18nextProvider i18n={english}>
        <QuizView />
      </I18nextProvider>,
    );
    expect((screen.getByRole('textbox', { name: 'Quiz link' }) as HTMLInputElement).value).toMatch(
      /&lang=en$/,
    );
  });

  it('warns about a broken quiz link and offers the start screen', async () => {
    window.history.replaceState(null, '', '/?view=quiz#quiz=seed:42,count:1000');
    renderQuiz();
    expect(await screen.findByText(/This quiz link cannot be read/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'New quiz' })).toBeTruthy();
  });

  it('“Show me” opens the simulator at the question’s scenario and step', async () => {
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 5, topics: ['verdict'], count: 1 });
    const q = currentQuestion();
    await user.click(screen.getAllByRole('radio')[0] as HTMLElement);
    await user.click(screen.getByRole('button', { name: 'Check the answer' }));
    const link = screen.getByRole('link', { name: /Show me in the simulator/ });
    expect(link.getAttribute('href')).toMatch(new RegExp(`step=${q.showMe.step + 1}`));
    await user.click(link);
    const parsed = parseScenario(q.showMe.scenario);
    expect(parsed.ok && useSim.getState().scenario).toEqual(parsed.ok ? parsed.scenario : undefined);
    expect(useSim.getState().cursor).toBe(q.showMe.step);
    expect(useSim.getState().view).toBe('simulator');
  });

  it('ends with the score, mastery per topic, a review of wrong answers, a retry of those and an export', async () => {
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 21, topics: ['decode', 'concepts'], count: 4 });
    await answerOnScreen(user, true);
    await answerOnScreen(user, false);
    await answerOnScreen(user, true);
    const wrongLast = currentQuestion();
    await answerOnScreen(user, false);

    expect(await screen.findByRole('heading', { name: 'Results' })).toBeTruthy();
    expect(screen.getByText('You answered 2 of 4 questions correctly (50 %).')).toBeTruthy();
    const mastery = screen.getByRole('list', { name: 'Mastery by topic' });
    expect(within(mastery).getAllByRole('listitem')).toHaveLength(2);
    const review = screen.getByRole('list', { name: 'Review of the wrong answers' });
    expect(within(review).getAllByRole('listitem')).toHaveLength(2);

    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:result';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: /Download my result/ }));
    expect(click).toHaveBeenCalled();
    const exported = JSON.parse(await (created[0] as Blob).text());
    expect(exported.score).toEqual({ correct: 2, total: 4 });
    expect(exported.questions.map((q: { correct: boolean }) => q.correct)).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(exported.questions[3].asked).toBeTypeOf('string');

    await user.click(screen.getByRole('button', { name: 'Retry just the wrong ones (2)' }));
    expect(await screen.findByRole('heading', { level: 3, name: /^Retry: question 1 of 2:/ })).toBeTruthy();
    await answerOnScreen(user, true);
    expect(currentQuestion().id).toBe(wrongLast.id);
    await answerOnScreen(user, true);
    expect(await screen.findByText('On the retry: 2 of 2 correct.')).toBeTruthy();
    expect(screen.getByText('Every answer was right.')).toBeTruthy();
  });

  it('goes back to the quizzes without losing a quiz’s answers, and continues it from the list', async () => {
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 1, topics: ['concepts'], count: 3 });
    await answerOnScreen(user, true);
    await user.click(await screen.findByRole('button', { name: 'Back to my quizzes' }));
    expect(useQuiz.getState().progress).toBeNull();
    expect(screen.getByRole('heading', { name: 'New quiz' })).toBeTruthy();
    const saved = screen.getByRole('region', { name: 'Your quizzes' });
    expect(within(saved).getByText('Quiz 1 · 3 questions')).toBeTruthy();
    expect(within(saved).getByText('1 of 3 answered')).toBeTruthy();
    await user.click(within(saved).getByRole('button', { name: 'Continue quiz 1' }));
    expect(await screen.findByRole('heading', { level: 3, name: /^Question 2 of 3:/ })).toBeTruthy();
  });

  it('lists each quiz taken here, the latest first, finished ones with their score', async () => {
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 3, topics: ['concepts'], count: 1 });
    await answerOnScreen(user, false);
    await user.click(await screen.findByRole('button', { name: 'New quiz' }));
    startFromStore({ seed: 4, topics: ['concepts'], count: 2 });
    act(() => useQuiz.getState().leave());
    const items = within(screen.getByRole('region', { name: 'Your quizzes' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/Quiz 4 · 2 questions.*0 of 2 answered.*Continue quiz 4/),
      expect.stringMatching(/Quiz 3 · 1 questions.*Finished: 0 of 1 correct.*Results of quiz 3/),
    ]);
  });

  it('keeps working, with a notice, when the browser refuses to save', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const user = userEvent.setup();
    renderQuiz();
    startFromStore({ seed: 1, topics: ['concepts'], count: 2 });
    expect(await screen.findByText(/does not let the page save your progress/)).toBeTruthy();
    await answerOnScreen(user, true);
    // Leaving the view and coming back (a tab switch) keeps the answers held in memory.
    cleanup();
    renderQuiz();
    expect(await screen.findByRole('heading', { level: 3, name: /^Question 2 of 2:/ })).toBeTruthy();
  });

  it('reads back after a reload exactly what it saved', async () => {
    const config: QuizConfig = { seed: 8, topics: ['concepts'], count: 2 };
    act(() => useQuiz.getState().start(config));
    const progress = useQuiz.getState().progress;
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.progress) ?? '{}').quizzes).toEqual({
      [formatQuizParam(config)]: progress,
    });
    reload();
    await waitFor(() => expect(useQuiz.getState().progress).toEqual(progress));
  });
});

describe('the quiz tab', () => {
  it('is a view of the app, loaded when its tab is chosen', async () => {
    const { VIEWS } = await import('../../../src/ui/views');
    expect(VIEWS.find((v) => v.id === 'quiz')?.labelKey).toBe('shell.views.quiz');
    const { App } = await import('../../../src/ui/App');
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <App />
      </I18nextProvider>,
    );
    await user.click(screen.getByRole('tab', { name: 'Quiz' }));
    expect(useSim.getState().view).toBe('quiz');
    expect(await screen.findByRole('heading', { name: 'New quiz' })).toBeTruthy();
  });
});
