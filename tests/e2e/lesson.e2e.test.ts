import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PROJECTOR, SLOW_TEST_TIMEOUT, useBrowser } from './setup/browser';
import { translator } from './setup/app';

type Opener = ReturnType<typeof useBrowser>['open'];

const es = translator('es');
const en = translator('en');

/**
 * A chapter in presentation mode on a 1280×720 projector, stepped with the clicker's PageDown until the
 * replay stops to ask the room: the full-screen question.
 */
async function roomQuestionOf(open: Opener, chapter: string): Promise<{ page: Page; room: Locator }> {
  const { page } = await open(`/?view=lesson&chapter=${chapter}&present=1&lang=en`, { viewport: PROJECTOR });
  await page.getByRole('group', { name: en('lesson.player.label') }).waitFor();
  const room = page.locator('.room-question');
  for (let i = 0; i < 40 && !(await room.isVisible()); i++) await page.keyboard.press('PageDown');
  await page.getByRole('dialog').waitFor();
  return { page, room };
}

describe('the lesson', () => {
  const browser = useBrowser();

  it(
    'is a Spanish-speaking first visitor’s first screen; chapter 2 by keyboard: one prediction wrong, one right, the outcome only at the end; to the simulator and back',
    async () => {
      const { page } = await browser.open('/', { viewport: DESKTOP, locale: 'es-ES', firstVisit: true });
      const tabs = page.getByRole('tablist', { name: es('shell.views.label') });
      await tabs.getByRole('tab', { name: es('shell.views.lesson'), selected: true }).waitFor();
      await page.getByRole('heading', { name: es('lesson.heading') }).waitFor();

      // Chapter 2, opened by keyboard.
      const start = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: es('lesson.chapters.active-mode.title') }) })
        .getByRole('button', { name: es('lesson.chapters.start') });
      await start.focus();
      await page.keyboard.press('Enter');
      const player = page.getByRole('group', { name: es('lesson.player.label') });
      await player.waitFor();
      // The player and the narration on the first screen, without scrolling.
      for (const box of [await player.boundingBox(), await page.locator('.lesson-current').boundingBox()]) {
        expect(box).not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(DESKTOP.height);
      }

      // → until the replay stops to ask who opens the data connection.
      const question = page.locator('.lesson-question');
      for (let i = 0; i < 40 && !(await question.isVisible()); i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => question.innerText()).toContain(es('lesson.ask.who-opens.data').slice(0, 30));
      const outcomeWords = [es('lesson.outcome.success'), es('lesson.outcome.failed')];
      for (const w of outcomeWords) expect(await page.locator('main').innerText()).not.toContain(w);

      // Wrong: the client.
      await page.getByRole('radio', { name: es('lesson.choices.who-opens.client') }).focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
      const feedback = page.locator('#lesson-feedback');
      await expect
        .poll(() => feedback.innerText())
        .toContain(
          es('lesson.predict.wrong', {
            context: 'choice',
            letter: 'B',
            answer: es('lesson.choices.who-opens.server'),
          }),
        );

      // The next question at the same step: the port PORT announced, typed (right).
      await page.keyboard.press('ArrowRight');
      const port = page.getByRole('textbox', { name: es('lesson.predict.number') });
      await port.focus();
      await page.keyboard.type('56013');
      await page.keyboard.press('Enter');
      await expect.poll(() => feedback.innerText()).toContain(es('lesson.predict.right'));
      await expect.poll(() => feedback.innerText()).toContain('218×256+205 = 56013');
      for (const w of outcomeWords) expect(await page.locator('main').innerText()).not.toContain(w);

      // Leave for the simulator at this step, then come back.
      const stepText = await page.locator('.lesson-current .current-meta').innerText();
      const current = Number(/(\d+)/.exec(stepText)?.[1]);
      await page.getByRole('button', { name: es('lesson.simulator') }).click();
      await tabs.getByRole('tab', { name: es('shell.views.simulator'), selected: true }).waitFor();
      await expect.poll(() => page.url()).toContain(`step=${current}`);
      await page.getByRole('tab', { name: es('shell.views.lesson') }).click();
      await player.waitFor();
      await expect
        .poll(() => page.locator('.lesson-current .current-meta').innerText())
        .toContain(stepText.split('\n')[0] ?? '');
      await expect.poll(() => feedback.innerText()).toContain(es('lesson.predict.right'));
    },
    SLOW_TEST_TIMEOUT,
  );
  it(
    'in presentation mode at 1280×720 asks the room full screen, and PageDown reveals the answer',
    async () => {
      // The clicker's PageDown steps until the replay stops to ask the room (the SYN from port 20).
      const { page, room: anyRoom } = await roomQuestionOf(browser.open, 'client-firewall');
      expect(await anyRoom.textContent()).toContain(en('lesson.room.label'));
      const box = await anyRoom.boundingBox();
      expect(box).toEqual({ x: 0, y: 0, width: PROJECTOR.width, height: PROJECTOR.height });
      const answer = en('lesson.room.answer', {
        context: 'choice',
        letter: 'B',
        answer: en('lesson.choices.will-it-pass.blocked'),
      });
      expect(await anyRoom.textContent()).not.toContain(answer);
      // The next press reveals the answer (it does not step past the question).
      await page.keyboard.press('PageDown');
      await expect.poll(() => anyRoom.textContent()).toContain(answer);
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'in presentation mode, two questions at one step: each answer shown to the room before the next question, then the replay moves on (clicker keys)',
    async () => {
      const { page, room } = await roomQuestionOf(browser.open, 'active-mode');
      const step = page.locator('.lesson-current .current-meta');
      await expect.poll(() => room.innerText()).toContain(en('lesson.ask.who-opens.data'));
      const stopped = await step.textContent();
      const theAnswer = en('lesson.room.answer', { context: 'number', answer: '' }).trim();

      // Question 1 → its answer, full screen, in type readable from the back of the room.
      await page.keyboard.press('PageDown');
      await expect
        .poll(() => room.innerText())
        .toContain(
          en('lesson.room.answer', {
            context: 'choice',
            letter: 'B',
            answer: en('lesson.choices.who-opens.server'),
          }),
        );
      expect(await room.innerText()).toContain(en('lesson.room.nextQuestionHint'));
      expect(await room.boundingBox()).toEqual({
        x: 0,
        y: 0,
        width: PROJECTOR.width,
        height: PROJECTOR.height,
      });
      const answerSize = await room
        .locator('.room-answer p')
        .first()
        .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
      expect(answerSize).toBeGreaterThanOrEqual(28);
      // → (a clicker's other key): question 2, not yet answered, the replay still at its step.
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => room.innerText()).not.toContain(theAnswer);
      expect(await room.innerText()).toContain(en('lesson.room.write'));
      expect(await step.textContent()).toBe(stopped);
      // Its reveal: the port PORT announced.
      await page.keyboard.press('PageDown');
      await expect
        .poll(() => room.innerText())
        .toContain(en('lesson.room.answer', { context: 'number', answer: '56013' }));
      // Question 3 (from which port), its reveal, and then the replay moves on.
      await page.keyboard.press('PageDown');
      await expect.poll(() => room.innerText()).not.toContain(theAnswer);
      await page.keyboard.press('PageDown');
      await expect
        .poll(() => room.innerText())
        .toContain(
          en('lesson.room.answer', {
            context: 'choice',
            letter: 'A',
            answer: en('lesson.choices.source-port.20'),
          }),
        );
      expect(await room.innerText()).toContain(en('lesson.room.continueHint'));
      expect(await step.textContent()).toBe(stopped);
      await page.keyboard.press('PageDown');
      await room.waitFor({ state: 'detached' });
      await expect.poll(() => step.textContent()).not.toBe(stopped);
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'chapter 3 (the client’s firewall) entirely by keyboard: its two predictions answered with keys, the outcome only at the end, on to chapter 4',
    async () => {
      const { page } = await browser.open('/?view=lesson&lang=en', { viewport: DESKTOP });
      await page.getByRole('heading', { name: en('lesson.heading') }).waitFor();
      const focused = (): Promise<string> =>
        page.evaluate(() => {
          const e = document.activeElement;
          // A control's own words only (the body's text is the whole page's).
          if (!e || !['BUTTON', 'INPUT'].includes(e.tagName)) return e?.tagName ?? '';
          return `${e.tagName} ${e.getAttribute('aria-describedby') ?? ''} ${e.textContent ?? ''}`;
        });
      /** Tab until the focus is on `what` (bounded): the keyboard's own way there. */
      const tabTo = async (what: (focus: string) => boolean): Promise<void> => {
        for (let i = 0; i < 80 && !what(await focused()); i++) await page.keyboard.press('Tab');
        expect(what(await focused())).toBe(true);
      };
      await tabTo((f) => f.includes('chapter-client-firewall-title'));
      await page.keyboard.press('Enter');
      await page.getByRole('group', { name: en('lesson.player.label') }).waitFor();

      const main = page.locator('main');
      const question = page.locator('.lesson-question');
      const feedback = page.locator('#lesson-feedback');
      const outcome = en('lesson.outcome.failed');
      /** → until the replay stops to ask; one more → takes the focus to the question. */
      const toQuestion = async (asked: string): Promise<void> => {
        for (let i = 0; i < 60 && !(await question.isVisible()); i++) await page.keyboard.press('ArrowRight');
        await expect.poll(() => question.innerText()).toContain(asked);
        expect(await main.innerText()).not.toContain(outcome);
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('lesson-question');
      };
      /** Tab to the choices, arrow down to `choice`, Enter: the learner's answer, by keys only. */
      const choose = async (choice: string): Promise<void> => {
        // Past the question's terms (each a button with its definition) to the choices.
        await tabTo((f) => f.startsWith('INPUT'));
        const radio = question.getByRole('radio', { name: choice, exact: true });
        for (let i = 0; i < 6 && !(await radio.isChecked()); i++) await page.keyboard.press('ArrowDown');
        expect(await radio.isChecked()).toBe(true);
        await page.keyboard.press('Enter');
      };

      // Will the server's SYN from port 20 get through the client's firewall? It never arrives.
      await toQuestion(en('lesson.choices.will-it-pass.passes'));
      await choose(en('lesson.choices.will-it-pass.blocked'));
      await expect.poll(() => feedback.innerText()).toContain(en('lesson.predict.right'));
      await expect.poll(() => feedback.innerText()).toContain('dropped');
      // Which reply after LIST? 425 (wrong on purpose: 150), graded with the right one.
      await toQuestion(en('lesson.ask.which-reply.after', { command: 'LIST' }));
      await choose('150');
      await expect
        .poll(() => feedback.innerText())
        .toContain(en('lesson.predict.wrong', { context: 'number', answer: '425' }));
      expect(await main.innerText()).not.toContain(outcome);

      // → to the end: the outcome, then on to chapter 4 with the keyboard.
      const next = page.getByRole('button', {
        name: en('lesson.nextChapter', { title: en('lesson.chapters.passive-mode.title') }),
      });
      for (let i = 0; i < 60 && !(await next.isVisible()); i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => main.innerText()).toContain(outcome);
      await tabTo((f) => f.includes(en('lesson.chapters.passive-mode.title')));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: en('lesson.chapters.passive-mode.title') }).waitFor();
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'in presentation mode the lesson’s controls grow with the projector, and the way to the next chapter stays (the clicker goes on too)',
    async () => {
      /** The chapter list's Start button and predictions check box, measured on one screen. */
      const measure = async (viewport: { width: number; height: number }) => {
        const { page } = await browser.open('/?view=lesson&lang=en&present=1', { viewport });
        const start = page.getByRole('button', { name: en('lesson.chapters.start') }).first();
        const box = page.getByRole('checkbox', { name: en('lesson.predictions.label') });
        return {
          page,
          text: await start.evaluate((b) => parseFloat(getComputedStyle(b).fontSize)),
          button: (await start.boundingBox())?.height ?? 0,
          checkbox: (await box.boundingBox())?.width ?? 0,
        };
      };
      const small = await measure(PROJECTOR);
      // The projector's type (22 px at 1280×720), buttons and check box to match.
      expect(small.text).toBeGreaterThanOrEqual(22);
      expect(small.button).toBeGreaterThanOrEqual(44);
      expect(small.checkbox).toBeGreaterThanOrEqual(22);
      const large = await measure({ width: 1920, height: 1080 });
      expect(large.text).toBeGreaterThan(small.text);
      expect(large.checkbox).toBeGreaterThan(small.checkbox);

      // At a chapter's end in class: no simulator button, but the next chapter, by the same scale.
      const { page } = small;
      await page
        .getByRole('button', { name: en('lesson.chapters.start') })
        .first()
        .click();
      await page.getByRole('group', { name: en('lesson.player.label') }).waitFor();
      await page.getByRole('checkbox', { name: en('lesson.predictions.label') }).waitFor({ state: 'hidden' });
      const next = page.getByRole('button', {
        name: en('lesson.nextChapter', { title: en('lesson.chapters.active-mode.title') }),
      });
      for (let i = 0; i < 40 && !(await next.isVisible()); i++) await page.keyboard.press('PageDown');
      expect(await next.evaluate((b) => parseFloat(getComputedStyle(b).fontSize))).toBeGreaterThanOrEqual(22);
      expect(await page.getByRole('button', { name: en('lesson.simulator') }).isVisible()).toBe(false);
      // The clicker goes on from there, as the button beside it says: chapter 2 opens.
      expect(await page.locator('.lesson-go-on').innerText()).toBe(en('lesson.room.goOnHint'));
      await page.keyboard.press('PageDown');
      await page.getByRole('heading', { name: en('lesson.chapters.active-mode.title') }).waitFor();
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'a teacher’s link to a step of a chapter, in its language, and the address bar as the link to copy',
    async () => {
      const { page } = await browser.open('/?view=lesson&chapter=client-firewall:18&predict=0&lang=es', {
        viewport: DESKTOP,
      });
      await page.getByRole('heading', { name: es('lesson.chapters.client-firewall.title') }).waitFor();
      const meta = page.locator('.lesson-current .current-meta');
      await expect
        .poll(() => meta.innerText())
        .toContain(es('lesson.player.position', { current: 18, total: 51 }));
      // Predictions off: the step that asks in class just shows.
      expect(await page.locator('.lesson-question').count()).toBe(0);
      // The address follows the learner: a step on, then the list of chapters.
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => new URL(page.url()).searchParams.get('chapter')).toBe('client-firewall:19');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
      expect(new URL(page.url()).searchParams.get('predict')).toBe('0');
      const copied = page.url();
      await page.getByRole('button', { name: es('lesson.back') }).click();
      await page.getByRole('heading', { name: es('lesson.heading') }).waitFor();
      await expect.poll(() => new URL(page.url()).searchParams.has('chapter')).toBe(false);

      // The copied address, opened by a student with an English browser: the same step, in Spanish.
      const student = await browser.open(new URL(copied).search, { viewport: DESKTOP, locale: 'en-US' });
      await student.page
        .getByRole('heading', { name: es('lesson.chapters.client-firewall.title') })
        .waitFor();
      await expect
        .poll(() => student.page.locator('.lesson-current .current-meta').innerText())
        .toContain(es('lesson.player.position', { current: 19, total: 51 }));
    },
    SLOW_TEST_TIMEOUT,
  );
  it(
    'Back and Forward go through the chapters opened, each at the step it was left at; an edited entry changes nothing, a step past the end is the end',
    async () => {
      const { page } = await browser.open('/?view=lesson&predict=0&lang=en', { viewport: DESKTOP });
      const chapterOf = () => new URL(page.url()).searchParams.get('chapter');
      const meta = page.locator('.lesson-current .current-meta');
      const heading = (id: string) => page.getByRole('heading', { name: en(`lesson.chapters.${id}.title`) });
      const at = async (id: string, step: number, total: number): Promise<void> => {
        await heading(id).waitFor();
        await expect
          .poll(() => meta.innerText())
          .toContain(en('lesson.player.position', { current: step, total }));
      };
      const list = page.getByRole('heading', { name: en('lesson.heading') });

      // Chapter 2 to its step 4, the list, chapter 3 to its step 2: three new entries, steps rewrite them.
      await page
        .getByRole('button', { name: en('lesson.chapters.start') })
        .nth(1)
        .click();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(chapterOf).toBe('active-mode:4');
      await page.getByRole('button', { name: en('lesson.back') }).click();
      await list.waitFor();
      await expect.poll(chapterOf).toBeNull();
      await page
        .getByRole('button', { name: en('lesson.chapters.start') })
        .nth(1)
        .waitFor();
      await page
        .getByRole('listitem')
        .filter({ has: heading('client-firewall') })
        .getByRole('button')
        .click();
      await page.keyboard.press('ArrowRight');
      await expect.poll(chapterOf).toBe('client-firewall:2');

      await page.goBack();
      await list.waitFor();
      await page.goBack();
      await at('active-mode', 4, 36);
      expect(chapterOf()).toBe('active-mode:4');
      await page.goForward();
      await list.waitFor();
      await page.goForward();
      await at('client-firewall', 2, 51);

      // Entries someone edited: an unknown chapter changes nothing; a step past the end is the part's end.
      await page.evaluate(() => {
        history.pushState(null, '', '?view=lesson&predict=0&lang=en&chapter=chapter-9:3');
        history.pushState(null, '', '?view=lesson&predict=0&lang=en&chapter=active-mode:999');
        history.pushState(null, '', '?view=lesson&predict=0&lang=en&chapter=control-connection');
      });
      await page.goBack();
      await at('active-mode', 36, 36);
      await expect.poll(chapterOf).toBe('active-mode:36');
      await page.goBack();
      // Nothing changed: still chapter 2 at its end.
      await expect.poll(chapterOf).toBe('chapter-9:3');
      await at('active-mode', 36, 36);
    },
    SLOW_TEST_TIMEOUT,
  );
  for (const viewport of [PROJECTOR, { width: 1920, height: 1080 }])
    it(
      `in presentation mode at ${viewport.width}×${viewport.height} every question and its answer fit the screen, and at every part’s end (and the table’s) the diagram, the player and the way on are all on screen`,
      async () => {
        const places = [
          'control-connection',
          'active-mode',
          'client-firewall',
          'passive-mode',
          'beyond',
          'beyond:2:1',
          'beyond:3:1',
          'beyond:4:1',
          'beyond:5:1',
        ];

        const { page } = await browser.open('/?view=lesson&present=1&lang=es', { viewport });
        // Measured once the layout has settled (the dock and the room's question grow as they appear): a
        // box must come to rest on screen within the poll's bound, never merely pass through it.
        const onScreen = async (what: string, locator: Locator, minHeight = 1): Promise<void> => {
          const where = `${what} at ${viewport.width}×${viewport.height}`;
          await expect
            .poll(
              async () => {
                const box = await locator.boundingBox();
                if (!box) return 'not drawn';
                if (box.y < 0) return `starts ${-box.y} px above the screen`;
                if (box.y + box.height > viewport.height + 0.5)
                  return `ends ${box.y + box.height - viewport.height} px below the screen`;
                if (box.height < minHeight) return `${box.height} px high, less than ${minHeight}`;
                return 'on screen';
              },
              { message: where },
            )
            .toBe('on screen');
        };
        const room = page.locator('.room-question');
        const wayOn = page.locator('.lesson-actions .lesson-primary');
        for (const place of places) {
          await page.goto(`${new URL(page.url()).origin}/?view=lesson&chapter=${place}&present=1&lang=es`);
          await page.locator('.lesson-player').waitFor();
          // The clicker through every question (asked, then answered), End between them (it stops at each).
          for (let i = 0; i < 80 && !(await wayOn.isVisible()); i++) {
            if (await room.isVisible()) {
              await expect
                .poll(() => room.evaluate((r) => r.scrollHeight <= r.clientHeight + 1), {
                  message: `${place}: the room's question at ${viewport.width}×${viewport.height}`,
                })
                .toBe(true);
              await page.keyboard.press('PageDown');
            } else await page.keyboard.press('End');
          }
          for (const [what, locator, min] of [
            ['the diagram', page.locator('.stage-figure'), viewport.height / 4],
            ['the player', page.locator('.lesson-player'), 1],
            ['the way on', wayOn, 1],
          ] as const)
            await onScreen(`${place}'s end: ${what}`, locator, min);
          // The picture from its top: no device's box starts above the diagram's frame, cut off.
          await expect
            .poll(
              () =>
                page.evaluate(() => {
                  const frame = document.querySelector('.lesson-stage .diagram-frame');
                  if (!frame) return 'no diagram';
                  const top = frame.getBoundingClientRect().top;
                  const cut = [...document.querySelectorAll('.lesson-stage [data-device] > .device-frame')]
                    .filter((box) => box.getBoundingClientRect().top < top - 0.5)
                    .map((box) => box.parentElement?.getAttribute('data-device'));
                  return cut.length > 0 ? `cut at the top: ${cut.join(', ')}` : 'whole at the top';
                }),
              { message: `${place}'s end: the diagram at ${viewport.width}×${viewport.height}` },
            )
            .toBe('whole at the top');
        }
        // The table of differences, every row shown by the clicker: the table and the way on.
        await page.goto(`${new URL(page.url()).origin}/?view=lesson&chapter=differences&present=1&lang=es`);
        await page.getByRole('table').waitFor();
        await page.keyboard.press('End');
        await expect.poll(() => page.locator('.lesson-table tr.pending').count()).toBe(0);
        await onScreen('the table', page.locator('.lesson-table-wrap'), viewport.height / 4);
        await onScreen('the way on from the table', page.locator('.lesson-primary'));
      },
      SLOW_TEST_TIMEOUT,
    );
});
