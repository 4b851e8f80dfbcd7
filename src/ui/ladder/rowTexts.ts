import type { TFunction } from 'i18next';
import { isPacketEvent, type StepEvent } from '../../engine';
import { formatSeconds } from '../format';
import type { StepText } from './ladderText';
import type { LadderLayout } from './layout';
import type { NoteTone, RowText } from './LadderSvg';

/** How a note is marked: a drop in red, an accepted packet in green, the rest in grey (words say which). */
export function noteTone(e: StepEvent): NoteTone {
  switch (e.kind) {
    case 'fw/verdict':
      return e.verdict.action === 'drop' ? 'drop' : 'accept';
    case 'transfer/finished':
      return e.transfer.outcome === 'success' ? 'success' : 'failed';
    case 'session/finished':
      return e.outcome === 'success' ? 'success' : 'failed';
    default:
      return 'neutral';
  }
}

const gapFormats = new Map<string, Intl.NumberFormat>();
function formatGap(seconds: number, language: string): string {
  let format = gapFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    gapFormats.set(language, format);
  }
  return format.format(seconds);
}

/** What the drawing writes on each row of `layout` (made of `events`, whose words are `texts`). */
export function ladderRowTexts(
  layout: LadderLayout,
  events: readonly StepEvent[],
  texts: readonly StepText[],
  t: TFunction,
  language: string,
): RowText[] {
  return layout.rows.map((row, i): RowText => {
    const e = events[i];
    const text = texts[i];
    return {
      label: text?.label ?? '',
      endNote: text?.endNote,
      time: e ? formatSeconds(e.at, language) : '',
      gap: row.gap ? t('ladder.gap', { seconds: formatGap(row.gap.seconds, language) }) : undefined,
      tone: e && !isPacketEvent(e) ? noteTone(e) : 'neutral',
    };
  });
}
