import { toSeconds, type VirtualTime } from '../engine';

const formats = new Map<string, Intl.NumberFormat>();

/** Virtual time in seconds with microsecond precision, in the language's notation (0.007363 / 0,007363). */
export function formatSeconds(at: VirtualTime, language: string): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { minimumFractionDigits: 6, maximumFractionDigits: 6 });
    formats.set(language, format);
  }
  return format.format(toSeconds(at));
}
