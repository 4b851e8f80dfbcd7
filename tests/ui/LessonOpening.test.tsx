import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n';
import { LessonOpening } from '../../src/ui/LessonOpening';
import { startView, VIEW_STORAGE_KEY } from '../../src/ui/startView';
import { VIEWS } from '../../src/ui/views';

const views = VIEWS.map((v) => v.id);
const es = createI18n('es');

function renderOpening(): void {
  render(
    <I18nextProvider i18n={es}>
      <LessonOpening />
    </I18nextProvider>,
  );
}

describe('the lesson while it loads', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(cleanup);

  it('shows a first visit the list’s heading and introduction at once, in a busy main landmark', () => {
    expect(startView(views)).toBe('lesson');
    renderOpening();
    const main = screen.getByRole('main', { name: es.t('lesson.heading') });
    expect(main.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(es.t('lesson.heading'));
    expect(main.querySelector('.lesson-list > .lesson-intro')?.textContent).toBe(es.t('lesson.intro'));
    expect(screen.getByRole('status').textContent).toBe(es.t('shell.views.loading'));
  });

  it('says only "Loading…" to a learner coming back, whose lesson may open on a chapter', () => {
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'lesson');
    expect(startView(views)).toBe('lesson');
    renderOpening();
    expect(screen.queryByRole('heading')).toBeNull();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe(es.t('shell.views.loading'));
  });
});
