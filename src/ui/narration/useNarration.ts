import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepEvent } from '../../engine';
import { narrationText } from './localizeParams';

/** A function from event to sentence, re-created when the language changes. */
export function useNarration(): (event: Pick<StepEvent, 'narration'>) => string {
  const { t } = useTranslation();
  return useCallback((event) => narrationText(event, t), [t]);
}
