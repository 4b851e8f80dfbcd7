import i18next from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { addFormatters, baseOptions } from '../i18n/catalog';
import { loadCatalog, START_FEATURES } from '../i18n/catalogFiles';
import { renderingCurrentStateOnServer, useSim } from '../store/simStore';
import { App } from '../ui/App';
import { FIRST_VISIT_VIEW } from '../ui/startView';
import { PHONE_EITHER_WAY } from '../ui/mediaQueries';
import { assumeMediaWithoutWindow } from '../ui/useMediaQuery';
import type { FirstScreen } from './firstScreenForm';

/**
 * The app's first render on a first visit without a link, as HTML: what startApp.tsx renders then (the
 * lesson's opening under the header), in one language and one header layout (a phone's is the one
 * Header.tsx draws when PHONE_EITHER_WAY matches). Run by the build, in Node, for every first screen
 * (scripts/support/firstScreenPlugin.ts); the page shows the one that fits (showFirstScreen.ts).
 */
export async function renderFirstScreen({ language, form }: FirstScreen): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.init({
    ...baseOptions(language),
    resources: { [language]: { translation: await loadCatalog(language, START_FEATURES) } },
  });
  addFormatters(i18n);
  useSim.getState().setSystemReducesMotion(false);
  useSim.getState().openStartView(FIRST_VISIT_VIEW, true);
  assumeMediaWithoutWindow((query) => form === 'phone' && query === PHONE_EITHER_WAY);
  try {
    return renderingCurrentStateOnServer(() =>
      renderToString(
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>,
      ),
    );
  } finally {
    assumeMediaWithoutWindow(() => false);
  }
}
