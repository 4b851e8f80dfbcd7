import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS } from '../../src/progress';
import { generateQuiz, type Question, type QuizConfig } from '../../src/quiz';
import { SLOW_TEST_TIMEOUT, TEST_TIMEOUT, useBrowser } from './setup/browser';
import { translator } from './setup/app';

const t = translator('en');
const A: QuizConfig = { seed: 101, count: 3, topics: ['decode'] };
const B: QuizConfig = { seed: 202, count: 3, topics: ['decode'] };

const linkPath = (c: QuizConfig): string =>
  `/?view=quiz&quiz=seed:${c.seed},count:${c.count},topics:${c.topics.join('+')}`;

const quizView = (page: Page) =>
  page.getByRole('main').filter({ has: page.getByRole('heading', { name: t('quiz.heading'), exact: true }) });

/** The card's heading says which question is on screen: "Question 2 of 3: …". */
async function waitForQuestion(page: Page, current: number, total: number): Promise<void> {
  const label = t('quiz.question.progress', { current, total });
  await quizView(page)
    .getByRole('heading', { level: 3, name: new RegExp(`^${label}`) })
    .waitFor();
}

/** Answers the question on screen rightly, and moves on to the next. */
async function answerRightly(page: Page, question: Question): Promise<void> {
  const view = quizView(page);
  if (question.kind === 'choice') {
    const index = question.choices.findIndex((c) => c.id === question.answer);
    await view.getByRole('radio').nth(index).check();
  } else {
    await view.getByRole('textbox', { name: t('quiz.question.yourAnswer') }).fill(question.answer);
  }
  await view.getByRole('button', { name: t('quiz.question.submit') }).click();
  await view.getByRole('button', { name: t('quiz.question.next') }).click();
}

function savedQuizzes(page: Page) {
  return quizView(page).getByRole('region', { name: t('quiz.saved.heading') });
}

describe('progress that is never destroyed', () => {
  const browser = useBrowser();
  const [a1] = generateQuiz(A);
  const [b1] = generateQuiz(B);
  if (!a1 || !b1) throw new Error('no questions');

  it(
    'keeps two quizzes from two teachers’ links separately',
    async () => {
      const { page, goto } = await browser.open(linkPath(A));
      await waitForQuestion(page, 1, 3);
      await answerRightly(page, a1);
      await waitForQuestion(page, 2, 3);

      // Another teacher's link: a quiz of its own, from its first question.
      await goto(linkPath(B));
      await quizView(page)
        .getByText(t('quiz.notice.fromLink', { count: 3, seed: 202 }))
        .waitFor();
      await waitForQuestion(page, 1, 3);
      await answerRightly(page, b1);
      await waitForQuestion(page, 2, 3);

      // The first link again: its answer is still there.
      await goto(linkPath(A));
      await waitForQuestion(page, 2, 3);
      await quizView(page)
        .getByText(t('quiz.question.score', { correct: 1 }))
        .waitFor();
      expect(
        await quizView(page)
          .getByText(t('quiz.notice.fromLink', { count: 3, seed: 101 }))
          .count(),
      ).toBe(0);

      // Both listed, each where it stands.
      await quizView(page)
        .getByRole('button', { name: t('quiz.question.leave') })
        .click();
      const list = savedQuizzes(page).getByRole('listitem');
      await expect.poll(() => list.count()).toBe(2);
      expect(await list.allInnerTexts()).toEqual([
        expect.stringContaining(t('quiz.saved.answered', { answered: 1, total: 3 })),
        expect.stringContaining(t('quiz.saved.answered', { answered: 1, total: 3 })),
      ]);
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'two tabs of one quiz: an answer in one shows in the other, and neither overwrites the other',
    async () => {
      const first = await browser.open(linkPath(A));
      await waitForQuestion(first.page, 1, 3);
      // A second tab of the same browser profile, on the same quiz.
      const second = await first.context.newPage();
      await second.goto(first.url('/?view=quiz'));
      await waitForQuestion(second, 1, 3);
      await answerRightly(second, a1);
      // The first tab hears of it (the storage event) and moves on to the next question by itself.
      await waitForQuestion(first.page, 2, 3);
      // A quiz started in the first tab is kept beside the second tab's answers, not over them.
      await first.goto(linkPath(B));
      await answerRightly(first.page, b1);
      const stored = await second.evaluate((key) => localStorage.getItem(key), STORAGE_KEYS.progress);
      const quizzes = JSON.parse(stored ?? '{}').quizzes as Record<string, { answers: unknown[] }>;
      expect(Object.fromEntries(Object.entries(quizzes).map(([k, q]) => [k, q.answers.length]))).toEqual({
        'seed:101,count:3,topics:decode': 1,
        'seed:202,count:3,topics:decode': 1,
      });
    },
    TEST_TIMEOUT,
  );

  it.each([
    ['a field given twice', 'seed:101,seed:202,count:3,topics:decode'],
    ['an unknown field', 'seed:202,count:3,topics:decode,colour:red'],
    ['a bad value', 'seed:0x10,count:3,topics:decode'],
  ])(
    'refuses a quiz link with %s, with the notice, and the quiz in progress stays as it was',
    async (_what, param) => {
      const { page, goto } = await browser.open(linkPath(A));
      await answerRightly(page, a1);
      await waitForQuestion(page, 2, 3);
      await goto(`/?view=quiz&quiz=${param}`);
      await quizView(page).getByText(t('quiz.notice.badLink')).waitFor();
      await waitForQuestion(page, 2, 3);
      const stored = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEYS.progress);
      expect(Object.keys(JSON.parse(stored ?? '{}').quizzes)).toEqual(['seed:101,count:3,topics:decode']);
    },
    TEST_TIMEOUT,
  );

  it(
    'keeps a newer version’s saved progress aside, untouched, and offers it as a download',
    async () => {
      const session = await browser.open('/');
      const { page } = session;
      const newer = JSON.stringify({ version: 9, quizzes: { 'from-the-future': { answers: [1, 2, 3] } } });
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
        STORAGE_KEYS.progress,
        newer,
      ] as const);
      await session.goto('/?view=quiz');
      await quizView(page).getByText(t('progress.notice.keptAside')).waitFor();

      const downloading = page.waitForEvent('download');
      await quizView(page)
        .getByRole('button', { name: t('progress.notice.download') })
        .click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^ftp-flow-lab-kept-aside-\d{4}-\d\d-\d\d\.json$/);
      const file = JSON.parse(await readFile(await download.path(), 'utf8'));
      expect(file.entries).toEqual([expect.objectContaining({ raw: newer, reason: 'newer' })]);

      // After a reload: no second copy, no notice, still downloadable under "Your progress".
      await page.reload();
      await quizView(page)
        .getByRole('button', { name: t('progress.keptAside.download') })
        .waitFor();
      expect(await quizView(page).getByText(t('progress.notice.keptAside')).count()).toBe(0);
      const kept = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEYS.keptAside);
      expect(JSON.parse(kept ?? '[]')).toHaveLength(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'exports all progress to a file, by keyboard, and imports it in a fresh profile to go on there',
    async () => {
      const home = await browser.open(linkPath(A));
      await answerRightly(home.page, a1);
      await waitForQuestion(home.page, 2, 3);
      await quizView(home.page)
        .getByRole('button', { name: t('quiz.question.leave') })
        .click();
      const exportButton = quizView(home.page).getByRole('button', { name: t('progress.export') });
      // locator.press focuses the control and presses in one step; a key sent to the page goes wherever the
      // focus is by then (on a busy machine, focus() then Space once opened no file chooser at all).
      const downloading = home.page.waitForEvent('download');
      await exportButton.press('Enter');
      const exported = await (await downloading).path();

      // Another computer: a new profile with nothing saved.
      const school = await browser.open('/?view=quiz');
      const input = quizView(school.page).getByLabel(t('progress.import'));
      const choosing = school.page.waitForEvent('filechooser');
      await input.press('Space');
      await (await choosing).setFiles(exported);
      await quizView(school.page)
        .getByText(t('progress.imported', { quizzes: 1, chapters: 0 }))
        .waitFor();
      await savedQuizzes(school.page)
        .getByRole('button', { name: t('quiz.saved.continue', { seed: 101 }) })
        .click();
      await waitForQuestion(school.page, 2, 3);
      await quizView(school.page)
        .getByText(t('quiz.question.score', { correct: 1 }))
        .waitFor();
    },
    SLOW_TEST_TIMEOUT,
  );
});
