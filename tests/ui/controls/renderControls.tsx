import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { ScenarioControls } from '../../../src/ui/controls/ScenarioControls';

/** The settings form alone, in one language, over the store's current scenario. */
export function renderControls(language: Language = 'en'): void {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ScenarioControls />
    </I18nextProvider>,
  );
}

/** The verbs the client sent in the current simulation, in order. */
export const commandsSent = (): string[] =>
  useSim.getState().events.flatMap((e) => (e.kind === 'ftp/command-sent' ? [e.command.verb] : []));
