import { describe, expect, it } from 'vitest';
import { LANGUAGES, createI18n } from '../../../src/i18n';
import { TOPICS, generateQuiz, type Message, type Question } from '../../../src/quiz';
import { renderMessage } from '../../../src/ui/quiz/renderMessage';

function messagesOf(q: Question): Message[] {
  return [
    q.prompt,
    ...q.facts,
    ...q.context,
    ...q.explanation,
    ...(q.kind === 'choice' ? q.choices.map((c) => c.text) : []),
  ];
}

function keysOf(m: Message): string[] {
  return [m.key, ...Object.values(m.params).flatMap((p) => (typeof p === 'object' ? keysOf(p) : []))];
}

describe('quiz text in every language', () => {
  const questions = Array.from({ length: 30 }, (_, seed) =>
    generateQuiz({ seed, topics: [...TOPICS], count: 8 }),
  ).flat();

  it.each(LANGUAGES)('has a sentence for every key a question uses, fully interpolated (%s)', (lang) => {
    const i18n = createI18n(lang);
    for (const q of questions)
      for (const m of messagesOf(q)) {
        for (const key of keysOf(m))
          expect(i18n.exists(key, { lng: lang, fallbackLng: false }), `${lang}: ${key}`).toBe(true);
        const text = renderMessage(m, i18n.t);
        expect(text, `${lang}: ${m.key} → ${text}`).not.toMatch(
          /\{\{|\}\}|undefined|NaN|\[object|quiz\.|devices\.|options\./,
        );
      }
  });

  it.each(LANGUAGES)('never shows two choices of a question with the same words (%s)', (lang) => {
    const i18n = createI18n(lang);
    for (const q of questions) {
      if (q.kind !== 'choice') continue;
      const texts = q.choices.map((c) => renderMessage(c.text, i18n.t));
      expect(new Set(texts).size, `${q.id}: ${texts.join(' | ')}`).toBe(texts.length);
    }
  });

  it('puts device names into words and capitalises them at the start of a sentence', () => {
    const en = createI18n('en');
    const es = createI18n('es');
    const move: Message = {
      key: 'quiz.move.segment',
      params: { sender: { key: 'devices.server-router', params: {} }, flags: 'RST, ACK', port: 40007 },
    };
    expect(renderMessage(move, en.t)).toBe("The server's router sends a [RST, ACK] segment to port 40007.");
    expect(renderMessage(move, es.t)).toBe(
      'El router del servidor envía un segmento [RST, ACK] al puerto 40007.',
    );
  });
});
