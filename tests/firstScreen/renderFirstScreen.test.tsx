import { afterEach, describe, expect, it } from 'vitest';
import { renderFirstScreen } from '../../src/firstScreen/renderFirstScreen';
import { useSim } from '../../src/store/simStore';
import en from '../../src/i18n/locales/en/shell.json';
import es from '../../src/i18n/locales/es/shell.json';

/** The page's elements from the rendered HTML. */
function parse(html: string): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  return holder;
}

describe("the build's drawing of a first visit's first screen", () => {
  afterEach(() => useSim.setState(useSim.getInitialState(), true));

  it.each([
    ['en', en],
    ['es', es],
  ] as const)("is the lesson's opening under the header, in %s", async (language, shell) => {
    const page = parse(await renderFirstScreen({ language, form: 'wide' }));
    expect(page.querySelector('#lesson-heading')?.textContent).toBe(shell.lesson.heading);
    expect(page.querySelector('.lesson-intro')?.textContent).toBe(shell.lesson.intro);
    expect(page.querySelector('[role="tab"][aria-selected="true"]')?.id).toBe('view-tab-lesson');
    expect(page.querySelector(`.language-switch [lang="${language}"]`)?.getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it("folds the presentation switch into More options on a phone, as the app's header does there", async () => {
    const wide = parse(await renderFirstScreen({ language: 'en', form: 'wide' }));
    const phone = parse(await renderFirstScreen({ language: 'en', form: 'phone' }));
    expect(wide.querySelector('.app-header-tools > .presentation-toggle')).not.toBeNull();
    expect(wide.querySelector('.more-tools-list .presentation-toggle')).toBeNull();
    expect(phone.querySelector('.more-tools-list .presentation-toggle')).not.toBeNull();
    expect(phone.querySelector('.app-header-tools > .presentation-toggle')).toBeNull();
  });
});
