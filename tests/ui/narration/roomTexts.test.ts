import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roomTexts } from '../../../src/ui/narration/roomTexts';

describe('the sentences that keep the narration’s room', () => {
  it('are the longest few, each once, longest first', () => {
    expect(roomTexts(['a', 'ccc', 'bb', 'ccc', 'dddd'], 2)).toEqual(['dddd', 'ccc']);
  });

  it('never leave out a sentence longer than one kept', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (texts, n) => {
        const kept = roomTexts(texts, n);
        expect(kept.length).toBe(Math.min(n, new Set(texts).size));
        const shortest = Math.min(...kept.map((k) => k.length));
        for (const text of texts) if (!kept.includes(text)) expect(text.length).toBeLessThanOrEqual(shortest);
      }),
    );
  });
});
