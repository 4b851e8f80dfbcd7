import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateQuiz, type QuizConfig } from '../../src/quiz';
import { PHONE, PROJECTOR, SLOW_TEST_TIMEOUT, useBrowser } from './setup/browser';
import { axeViolations } from './setup/axe';
import { outcome, replayControls, select, translator } from './setup/app';

const t = translator('en');

/** Runs axe in each state and expects nothing anywhere, so one failure report lists every state's findings. */
async function audit(page: Page, states: Record<string, () => Promise<void>>): Promise<void> {
  const found: Record<string, string[]> = {};
  for (const [state, reach] of Object.entries(states)) {
    await reach();
    found[state] = await axeViolations(page);
  }
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((state) => [state, []])));
}

/** Shows each view of the tab list in turn (they load on demand) and audits it. */
async function everyView(page: Page): Promise<Record<string, () => Promise<void>>> {
  const tabs = page.getByRole('tablist', { name: t('shell.views.label') }).getByRole('tab');
  const names = await tabs.allInnerTexts();
  expect(names.length).toBeGreaterThan(1);
  return Object.fromEntries(
    names.map((name, i) => [
      `view “${name}”`,
      async () => {
        await tabs.nth(i).click();
        await page.getByRole('tabpanel').getByRole('heading').first().waitFor();
      },
    ]),
  );
}

/** axe-core (every rule it runs by default: WCAG 2.x A/AA and best practices) finds nothing on any view. */
describe('axe-core on every view', () => {
  const browser = useBrowser();

  it(
    'the simulator: the first screen, a failing scenario at its dropped packet and at its end, in Spanish',
    async () => {
      const { page } = await browser.open('/');
      await audit(page, {
        'first screen': async () => {},
        'failing scenario, at the dropped packet': async () => {
          await select(page, t, 'controls.clientFirewall').selectOption('stateful');
          await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));
          await page.getByRole('button', { name: t('outcome.showFailure'), exact: true }).click();
        },
        'failing scenario, last step': async () => {
          await replayControls(page, t)
            .getByRole('button', { name: t('player.last'), exact: true })
            .click();
        },
        'in Spanish': async () => {
          await page.getByRole('button', { name: 'Español' }).click();
          await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
        },
      });
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'every view of the tab list',
    async () => {
      const { page } = await browser.open('/?cfw=stateful');
      await audit(page, await everyView(page));
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'presentation mode on a projector',
    async () => {
      const { page } = await browser.open('/?cfw=stateful&step=20&present=1', { viewport: PROJECTOR });
      await audit(page, { 'presentation mode': async () => {} });
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'every view on a phone',
    async () => {
      const { page } = await browser.open('/', { viewport: PHONE, isMobile: true });
      await audit(page, await everyView(page));
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'the quiz: a question, its feedback and the results',
    async () => {
      // Choice questions only, so that any choice is an answer.
      const quiz: QuizConfig = { seed: 3, count: 2, topics: ['verdict', 'concepts'] };
      expect(generateQuiz(quiz).every((q) => q.kind === 'choice')).toBe(true);
      const { page } = await browser.open(
        `/?view=quiz#quiz=seed:${quiz.seed},count:${quiz.count},topics:${quiz.topics.join('+')}`,
      );
      const view = page.getByRole('main');
      const answer = async (): Promise<void> => {
        await view.getByRole('radio').first().check();
        await view.getByRole('button', { name: t('quiz.question.submit') }).click();
        await view.getByRole('heading', { name: t('quiz.feedback.why') }).waitFor();
      };
      await audit(page, {
        'a question': async () => {
          await view.getByRole('button', { name: t('quiz.question.submit') }).waitFor();
        },
        'its feedback': answer,
        'the results': async () => {
          await view.getByRole('button', { name: t('quiz.question.next') }).click();
          await answer();
          await view.getByRole('button', { name: t('quiz.question.finish') }).click();
          await view.getByRole('heading', { name: t('quiz.results.heading') }).waitFor();
        },
      });
    },
    SLOW_TEST_TIMEOUT,
  );

  describe('the lesson: a question, its feedback and chapter 5’s table', () => {
    /** Chapter 3 at its first question (End stops there), answered, then chapter 5 by a teacher's link. */
    const lessonStates = (page: Page, presenting: boolean): Record<string, () => Promise<void>> => {
      const present = presenting ? '&present=1' : '';
      return {
        'a question': async () => {
          await page.keyboard.press('End');
          await (presenting ? page.getByRole('dialog') : page.locator('.lesson-question')).waitFor();
        },
        'its feedback': async () => {
          if (presenting) {
            await page.keyboard.press('PageDown');
            await page.locator('.room-answer').waitFor();
            return;
          }
          await page.getByRole('radio').first().check();
          await page.getByRole('button', { name: t('lesson.predict.check') }).click();
          await page.locator('#lesson-feedback .feedback-verdict').waitFor();
        },
        'chapter 5, the table': async () => {
          await page.goto(`${new URL(page.url()).origin}/?view=lesson&chapter=differences&lang=en${present}`);
          await page.locator('.lesson-table').waitFor();
        },
      };
    };

    it(
      'on a laptop',
      async () => {
        const { page } = await browser.open('/?view=lesson&chapter=client-firewall&lang=en');
        await page.getByRole('group', { name: t('lesson.player.label') }).waitFor();
        await audit(page, lessonStates(page, false));
      },
      SLOW_TEST_TIMEOUT,
    );

    it(
      'in presentation mode on a projector',
      async () => {
        const { page } = await browser.open('/?view=lesson&chapter=client-firewall&lang=en&present=1', {
          viewport: PROJECTOR,
        });
        await page.getByRole('group', { name: t('lesson.player.label') }).waitFor();
        await audit(page, lessonStates(page, true));
      },
      SLOW_TEST_TIMEOUT,
    );
  });
});
