import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n, type Language } from '../../../src/i18n';
import { STORAGE_KEYS, useProgress } from '../../../src/progress';
import { generateQuiz, type QuizConfig } from '../../../src/quiz';
import { useQuiz } from '../../../src/store/quizStore';
import { QuizView } from '../../../src/ui/quiz/QuizView';

const config: QuizConfig = { seed: 31, topics: ['concepts'], count: 2 };
const first = generateQuiz(config)[0];

function renderQuiz(language: Language = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <QuizView />
    </I18nextProvider>,
  );
}

/** Another browser: only localStorage is left (and then cleared, as on a new machine). */
function freshBrowser(): void {
  cleanup();
  localStorage.clear();
  useQuiz.setState(useQuiz.getInitialState(), true);
  useProgress.setState(useProgress.getInitialState(), true);
}

/** Files offered for download: each Blob handed to URL.createObjectURL and the link's file name. */
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

const file = (text: string, name = 'progress.json') => new File([text], name, { type: 'application/json' });

beforeEach(() => freshBrowser());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Answers the first question of `config` and goes back to the start screen, in this browser. */
function someProgress(): void {
  act(() => {
    useQuiz.getState().start(config);
    useQuiz.getState().answer(first?.id ?? '', 'x', false);
    useQuiz.getState().leave();
  });
}

describe('your progress: to a file and back', () => {
  it('exports all progress, and another browser imports it to go on where it was', async () => {
    someProgress();
    const user = userEvent.setup();
    renderQuiz();
    const downloads = captureDownloads();
    await user.click(screen.getByRole('button', { name: /Download all my progress/ }));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.name).toMatch(/^ftp-flow-lab-progress-\d{4}-\d\d-\d\d\.json$/);
    const text = await (downloads[0]?.blob as Blob).text();
    expect(JSON.parse(text)).toMatchObject({ app: 'ftp-flow-lab', kind: 'progress', version: 2 });

    freshBrowser();
    renderQuiz();
    expect(screen.queryByRole('region', { name: 'Your quizzes' })).toBeNull();
    // The file input is labelled, so it is reached and named like any other control.
    await user.upload(screen.getByLabelText('Import progress from a file'), file(text));
    expect(await screen.findByText(/Progress imported: 1 quizzes and 0 lesson chapters/)).toBeTruthy();
    const saved = screen.getByRole('region', { name: 'Your quizzes' });
    await user.click(within(saved).getByRole('button', { name: 'Continue quiz 31' }));
    expect(await screen.findByRole('heading', { level: 3, name: /^Question 2 of 2:/ })).toBeTruthy();
  });

  it('adds an imported file to what is here, keeping the copy of each quiz that got further', async () => {
    someProgress();
    const exported = JSON.parse(localStorage.getItem(STORAGE_KEYS.progress) ?? '{}');
    // Here, the same quiz got further (both questions answered); the file has only the first answer.
    act(() => {
      useQuiz.getState().start(config);
      useQuiz.getState().answer(generateQuiz(config)[1]?.id ?? '', 'y', true);
      useQuiz.getState().leave();
    });
    const user = userEvent.setup();
    renderQuiz();
    const text = JSON.stringify({
      app: 'ftp-flow-lab',
      kind: 'progress',
      version: 2,
      exportedAt: '',
      progress: exported,
      keptAside: [],
    });
    await user.upload(screen.getByLabelText('Import progress from a file'), file(text));
    await screen.findByText(/Progress imported/);
    expect(
      within(screen.getByRole('region', { name: 'Your quizzes' })).getByText(/Finished: 1 of 2 correct/),
    ).toBeTruthy();
  });

  it.each([
    ['not JSON', 'hello', /not FTP Flow Lab progress \(it is not JSON\)/],
    ['another app’s JSON', '{"a":1}', /not FTP Flow Lab progress\. Choose a file made with/],
    ['a quiz result', '{"app":"ftp-flow-lab","kind":"quiz-result","version":1}', /a quiz result to hand in/],
    [
      'from a newer version',
      '{"app":"ftp-flow-lab","kind":"progress","version":3}',
      /comes from a newer version/,
    ],
    [
      'damaged',
      '{"app":"ftp-flow-lab","kind":"progress","version":2,"exportedAt":"","keptAside":[],"progress":{"version":2,"quizzes":{"x":{"quiz":{"seed":-1}}},"chapters":{},"activeQuiz":null}}',
      /damaged or was edited/,
    ],
  ])('refuses a file that is %s, saying why, and changes nothing', async (_what, text, message) => {
    someProgress();
    const before = { ...localStorage };
    const user = userEvent.setup();
    renderQuiz();
    await user.upload(screen.getByLabelText('Import progress from a file'), file(text));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(screen.getByText(/Nothing was imported/)).toBeTruthy();
    expect({ ...localStorage }).toEqual(before);
  });

  it('refuses a file far too large without reading it', async () => {
    const user = userEvent.setup();
    renderQuiz();
    const big = file('x');
    Object.defineProperty(big, 'size', { value: 50 * 1024 * 1024 });
    const read = vi.spyOn(big, 'text');
    await user.upload(screen.getByLabelText('Import progress from a file'), big);
    expect(await screen.findByText(/far too large/)).toBeTruthy();
    expect(read).not.toHaveBeenCalled();
  });

  it('speaks Spanish too', async () => {
    const user = userEvent.setup();
    renderQuiz('es');
    expect(screen.getByRole('region', { name: 'Tu progreso' })).toBeTruthy();
    await user.upload(screen.getByLabelText('Importar el progreso de un archivo'), file('{'));
    expect(await screen.findByText(/no es progreso de FTP Flow Lab \(no es JSON\)/)).toBeTruthy();
  });
});
