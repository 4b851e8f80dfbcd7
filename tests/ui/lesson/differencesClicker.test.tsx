import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COMPARISON_ROWS } from '../../../src/engine';
import { createI18n } from '../../../src/i18n';
import { chapterProgress, useProgress } from '../../../src/progress';
import { useLesson } from '../../../src/store/lessonStore';
import { useSim } from '../../../src/store/simStore';
import { freshLessonEachTest, renderApp } from './renderLesson';

const en = createI18n('en').t;

freshLessonEachTest();

/** The rows of the table whose answers are on screen (a row still to come has only its question). */
function shownRows(): string[] {
  const table = screen.getByRole('table', { name: en('lesson.table.caption') });
  return within(table)
    .getAllByRole('row')
    .filter((r) => !r.classList.contains('pending') && within(r).queryAllByRole('rowheader').length > 0)
    .map((r) => within(r).getByRole('rowheader').textContent ?? '');
}

describe('chapter 5, the table of differences, in class', () => {
  it('goes a row at a time with the clicker (PageDown on, PageUp back), then on to chapter 6', async () => {
    useSim.getState().setPresenting(true);
    useLesson.getState().openChapter('differences');
    renderApp();
    await screen.findByRole('table', { name: en('lesson.table.caption') });
    const rowName = (i: number) => en(`lesson.table.rows.${COMPARISON_ROWS[i] ?? ''}`);
    // The first row's answers; every other row shows its question only.
    expect(shownRows()).toEqual([rowName(0)]);
    expect(screen.getAllByText(en('lesson.table.pending'))).toHaveLength(COMPARISON_ROWS.length - 1);
    expect(screen.getByText(en('lesson.table.nextRowHint'))).toBeTruthy();

    await userEvent.keyboard('{PageDown}');
    expect(shownRows()).toEqual([rowName(0), rowName(1)]);
    await userEvent.keyboard('{PageUp}');
    expect(shownRows()).toEqual([rowName(0)]);
    for (let i = 1; i < COMPARISON_ROWS.length; i++) await userEvent.keyboard('{PageDown}');
    expect(shownRows()).toEqual(COMPARISON_ROWS.map((_, i) => rowName(i)));
    expect(useLesson.getState().position).toEqual({
      chapter: 'differences',
      part: 0,
      cursor: COMPARISON_ROWS.length - 1,
    });
    // Every row shown: the hint says the next press does what the button beside it says, and it does.
    expect(screen.getByText(en('lesson.room.goOnHint'))).toBeTruthy();
    expect(
      screen.getByRole('button', {
        name: en('lesson.nextChapter', { title: en('lesson.chapters.beyond.title') }),
      }),
    ).toBeTruthy();
    expect(chapterProgress(useProgress.getState().document, 'differences').completed).toBe(false);
    await userEvent.keyboard('{PageDown}');
    expect(useLesson.getState().position?.chapter).toBe('beyond');
    expect(chapterProgress(useProgress.getState().document, 'differences').completed).toBe(true);
  });

  it('fills in each revealed row from the sessions of chapters 2–4, though this browser finished none of them', async () => {
    useSim.getState().setPresenting(true);
    useLesson.getState().openChapter('differences');
    renderApp();
    const table = await screen.findByRole('table', { name: en('lesson.table.caption') });
    const notSeen = (n: number) => en('lesson.table.notSeen', { n });
    expect(screen.getByText(en('lesson.table.introInClass'))).toBeTruthy();
    expect(within(table).queryByText(notSeen(2))).toBeNull();
    const opener = within(table)
      .getByRole('rowheader', { name: en('lesson.table.rows.opener') })
      .closest('tr');
    // Chapter 2 (active), 3 (active behind the firewall), 4 (passive), then the textbook's two columns.
    expect(Array.from(opener?.querySelectorAll('td') ?? [], (td) => td.textContent)).toEqual([
      en('lesson.table.cells.opener.server'),
      en('lesson.table.cells.opener.server'),
      en('lesson.table.cells.opener.client'),
      en('lesson.table.cells.opener.server'),
      en('lesson.table.cells.opener.client'),
    ]);
  });

  it('asks a learner on their own to finish a chapter before its column fills in', async () => {
    useLesson.getState().openChapter('differences');
    renderApp();
    const table = await screen.findByRole('table', { name: en('lesson.table.caption') });
    expect(screen.getByText(en('lesson.table.intro'))).toBeTruthy();
    expect(within(table).getAllByText(en('lesson.table.notSeen', { n: 4 }))).toHaveLength(
      COMPARISON_ROWS.length,
    );
  });

  it('shows the whole table to a learner on their own (no clicker steps)', async () => {
    useLesson.getState().openChapter('differences');
    renderApp();
    await screen.findByRole('table', { name: en('lesson.table.caption') });
    expect(shownRows()).toHaveLength(COMPARISON_ROWS.length);
    await userEvent.keyboard('{PageDown}');
    expect(useLesson.getState().position?.chapter).toBe('differences');
  });
});
