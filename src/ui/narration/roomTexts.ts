/** How many of a session's sentences keep the narration's room: the longest few, by characters. */
const ROOM_TEXTS = 6;

/**
 * The sentences that decide how much room the narration keeps for every step: the session's longest, by
 * their number of characters. Where lines break depends on the words as well, so a few of the longest
 * are kept, not one; a few, not all, so that a capture of thousands of packets adds a handful of boxes.
 */
export function roomTexts(texts: readonly string[], count = ROOM_TEXTS): string[] {
  return [...new Set(texts)].sort((a, b) => b.length - a.length).slice(0, count);
}
