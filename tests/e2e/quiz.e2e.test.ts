import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateQuiz, TOPICS, type Question, type QuizConfig, type ResultExport } from '../../src/quiz';
import { SLOW_TEST_TIMEOUT, TEST_TIMEOUT, useBrowser } from './setup/browser';
import { position, select, translator } from './setup/app';

const t = translator('en');
const QUIZ: QuizConfig = { seed: 42, count: 5, topics: [...TOPICS] };
/** Which questions the walk answers wrongly on purpose, to see the review and the retry. */
const WRONG = new Set([1]);

interface Focused {
  readonly tag: string;
  readonly type: string | null;
  readonly role: string | null;
  readonly name: string;
}

/** What has the keyboard focus: its tag, type and role, and its label. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const labelled = el?.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? null,
      role: el?.getAttribute('role') ?? null,
      name: (el?.getAttribute('aria-label') ?? labelled ?? el?.textContent ?? '').trim(),
    };
  });
}

async function tabUntil(
  page: Page,
  wanted: (f: Focused) => boolean,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
  limit = 60,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if (wanted(await focused(page))) return;
  }
  throw new Error(`${key} never reached the control (last: ${JSON.stringify(await focused(page))})`);
}

const quizView = (page: Page) =>
  page.getByRole('main').filter({ has: page.getByRole('heading', { name: t('quiz.heading'), exact: true }) });

/** "Question 3 of 5" and "Correct so far: 2", as the question card shows them. */
async function progressShown(page: Page): Promise<{ question: string; score: string; prompt: string }> {
  const view = quizView(page);
  const text = await view.innerText();
  const question = new RegExp(t('quiz.question.progress', { current: '(\\d+)', total: '(\\d+)' })).exec(text);
  const score = new RegExp(t('quiz.question.score', { correct: '(\\d+)' })).exec(text);
  return {
    question: question?.[0] ?? '',
    score: score?.[0] ?? '',
    prompt: (await view.locator('h3').first().innerText()).trim(),
  };
}

/** The feedback's verdict: an icon (hidden from screen readers) and the word. */
function verdictText(correct: boolean): RegExp {
  return new RegExp(`^\\W*${t(correct ? 'quiz.feedback.correct' : 'quiz.feedback.incorrect')}$`);
}

/** A different answer in the same notation: the last number changed. */
function wrongFree(answer: string): string {
  return answer.replace(
    /(\d+)(\D*)$/,
    (_m, n: string, rest: string) => `${Number(n) === 0 ? 1 : Number(n) - 1}${rest}`,
  );
}

/**
 * Answers the question on screen with the keyboard only: Tab into the radio group (Space or the arrows
 * pick a choice) or the text field, Enter checks the answer; the focus then rests on "Next question".
 */
async function answerByKeyboard(page: Page, question: Question, correct: boolean): Promise<void> {
  const view = quizView(page);
  await view.getByRole('button', { name: t('quiz.question.submit') }).waitFor();
  if (question.kind === 'choice') {
    expect(await view.getByRole('radio').count()).toBe(question.choices.length);
    const keyed = question.choices.findIndex((c) => c.id === question.answer);
    const index = correct ? keyed : (keyed + 1) % question.choices.length;
    await tabUntil(page, (f) => f.type === 'radio');
    if (index === 0) await page.keyboard.press('Space');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    expect(await view.getByRole('radio', { checked: true }).count()).toBe(1);
  } else {
    await tabUntil(page, (f) => f.tag === 'input' && f.type === 'text');
    await page.keyboard.type(correct ? question.answer : wrongFree(question.answer));
  }
  await page.keyboard.press('Enter');
  const verdict = view.getByRole('status').getByText(verdictText(correct));
  await verdict.waitFor();
  const next = await focused(page);
  expect(
    [t('quiz.question.next'), t('quiz.question.finish')].some((label) => next.name.startsWith(label)),
  ).toBe(true);
}

function quizLinkPath(config: QuizConfig): string {
  return `/?view=quiz#quiz=seed:${config.seed},count:${config.count},topics:${config.topics.join('+')}`;
}

describe('the quiz', () => {
  const browser = useBrowser();
  const questions = generateQuiz(QUIZ);

  it(
    'is taken by keyboard alone, survives a reload half-way, and ends with the score, the review and a retry',
    async () => {
      expect(questions).toHaveLength(QUIZ.count);
      const { page } = await browser.open('/');

      // To the view tabs, then End: the quiz (the last tab).
      await tabUntil(page, (f) => f.role === 'tab');
      await page.keyboard.press('End');
      await quizView(page)
        .getByRole('button', { name: t('quiz.start.start') })
        .waitFor();

      // Number of questions: 5 (ArrowUp from 10); quiz number 42; Enter in the field starts.
      await tabUntil(page, (f) => f.tag === 'select' && f.name === t('quiz.start.count'));
      await page.keyboard.press('ArrowUp');
      expect(await select(page, t, 'quiz.start.count').inputValue()).toBe(String(QUIZ.count));
      await tabUntil(page, (f) => f.tag === 'input' && f.name === t('quiz.start.seed'));
      await page.keyboard.type(String(QUIZ.seed));
      await page.keyboard.press('Enter');

      const half = Math.floor(questions.length / 2);
      let right = 0;
      for (const [i, question] of questions.entries()) {
        if (i === half) {
          // Half-way, on an unanswered question: a reload keeps every answer and the place.
          const before = await progressShown(page);
          expect(before.question).toBe(
            t('quiz.question.progress', { current: i + 1, total: questions.length }),
          );
          await page.reload();
          await quizView(page).waitFor();
          await expect.poll(() => progressShown(page)).toEqual(before);
        }
        const correct = !WRONG.has(i);
        await answerByKeyboard(page, question, correct);
        if (correct) right++;
        expect((await progressShown(page)).score).toBe(t('quiz.question.score', { correct: right }));
        await page.keyboard.press('Enter'); // "Next question" / "See the results", which has the focus
      }

      const results = quizView(page);
      await results.getByRole('heading', { name: t('quiz.results.heading') }).waitFor();
      const percent = Math.round((100 * right) / questions.length);
      expect(await results.innerText()).toContain(
        t('quiz.results.score', { correct: right, total: questions.length, percent }),
      );
      await results.getByRole('heading', { name: t('quiz.results.review') }).waitFor();

      // Retry just the wrong one, by keyboard.
      const retryLabel = t('quiz.results.retry', { count: WRONG.size });
      await results.getByRole('button', { name: retryLabel }).waitFor();
      await tabUntil(page, (f) => f.tag === 'button' && f.name === retryLabel);
      await page.keyboard.press('Enter');
      const [again] = [...WRONG].map((i) => questions[i]);
      if (!again) throw new Error('no wrong question');
      await answerByKeyboard(page, again, true);
      await page.keyboard.press('Enter');
      await results
        .getByText(t('quiz.results.retryScore', { correct: WRONG.size, total: WRONG.size }))
        .waitFor();

      // The result to hand in: per question what was asked, what was answered and whether it was right.
      const exportButton = results.getByRole('button', { name: t('quiz.results.export') });
      const [file] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
      expect(file.suggestedFilename()).toMatch(
        new RegExp(`^ftp-flow-lab-quiz-${QUIZ.seed}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
      );
      const result = JSON.parse(await readFile(await file.path(), 'utf8')) as ResultExport;
      expect(result).toMatchObject({
        kind: 'quiz-result',
        quiz: QUIZ,
        score: { correct: right, total: questions.length },
        retry: { correct: WRONG.size, total: WRONG.size },
      });
      expect(result.questions.map((q) => q.id)).toEqual(questions.map((q) => q.id));
      expect(result.questions.map((q) => q.correct)).toEqual(questions.map((_q, i) => !WRONG.has(i)));
      for (const q of result.questions) {
        expect(q.asked.length).toBeGreaterThan(10);
        expect(q.answered).not.toBeNull();
      }
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    '“Show me” opens the simulator at the question’s scenario and step, and the quiz waits where it was',
    async () => {
      const { page } = await browser.open(quizLinkPath(QUIZ));
      const [first] = questions;
      if (!first) throw new Error('no question');
      await answerByKeyboard(page, first, true);

      const showMe = quizView(page).getByRole('link', {
        name: t('quiz.feedback.showMe', { step: first.showMe.step + 1 }),
      });
      await tabUntil(page, (f) => f.tag === 'a', 'Shift+Tab');
      expect((await focused(page)).name).toContain(
        t('quiz.feedback.showMe', { step: first.showMe.step + 1 }),
      );
      expect(await showMe.getAttribute('href')).toContain(`step=${first.showMe.step + 1}`);
      await page.keyboard.press('Enter');

      const tabs = page.getByRole('tablist', { name: t('shell.views.label') });
      await tabs.getByRole('tab', { name: t('shell.views.simulator'), selected: true }).waitFor();
      await expect.poll(async () => (await position(page, t)).current).toBe(first.showMe.step + 1);
      const mode = first.showMe.scenario.mode ?? 'active';
      expect(await select(page, t, 'controls.mode').inputValue()).toBe(mode);

      // The browser's Back button returns to the quiz where it was (the simulator was a new history
      // entry), and Forward to the step it showed.
      await page.goBack();
      await tabs.getByRole('tab', { name: t('shell.views.quiz'), selected: true }).waitFor();
      await quizView(page).getByRole('status').getByText(verdictText(true)).waitFor();
      await page.goForward();
      await tabs.getByRole('tab', { name: t('shell.views.simulator'), selected: true }).waitFor();
      await expect.poll(async () => (await position(page, t)).current).toBe(first.showMe.step + 1);

      await tabs.getByRole('tab', { name: t('shell.views.quiz') }).click();
      await quizView(page).getByRole('status').getByText(verdictText(true)).waitFor();
      // Back from the quiz tab: the simulator again.
      await page.goBack();
      await tabs.getByRole('tab', { name: t('shell.views.simulator'), selected: true }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'a teacher’s quiz link gives the same questions in two other browser profiles',
    async () => {
      const teacher = await browser.open('/?view=quiz');
      const start = quizView(teacher.page);
      await select(teacher.page, t, 'quiz.start.count').selectOption(String(QUIZ.count));
      await start.getByRole('textbox', { name: t('quiz.start.seed') }).fill('777');
      await start.getByRole('button', { name: t('quiz.link.make') }).click();
      const link = await start.getByRole('textbox', { name: t('quiz.link.label') }).inputValue();
      expect(link).toContain('seed:777');
      expect(link).toContain('lang=en');
      const path = link.slice(link.indexOf('/', 'http://'.length));

      const prompts: string[][] = [];
      for (const locale of ['en-US', 'en-GB']) {
        const student = await browser.newSession({ locale });
        await student.goto(path);
        const seen: string[] = [];
        for (const question of generateQuiz({ ...QUIZ, seed: 777 })) {
          seen.push((await progressShown(student.page)).prompt);
          await answerByKeyboard(student.page, question, true);
          await student.page.keyboard.press('Enter');
        }
        prompts.push(seen);
      }
      expect(prompts[0]).toHaveLength(QUIZ.count);
      expect(new Set(prompts[0]).size).toBeGreaterThan(1);
      expect(prompts[1]).toEqual(prompts[0]);
    },
    SLOW_TEST_TIMEOUT,
  );
});
