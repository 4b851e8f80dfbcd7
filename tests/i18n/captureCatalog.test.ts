/**
 * The `capture` catalogs against the importer: every error, warning and finding it can report and every
 * narration key a captured session's events carry has its sentence in English and Spanish, with the same
 * placeholders as the importer's params; narrating real captured sessions leaves nothing uninterpolated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, catalogs, createI18n } from '../../src/i18n';
import {
  CAPTURE_PROBLEMS,
  CAPTURE_WARNINGS,
  captureWarning,
  problemMessage,
} from '../../src/import/captureError';
import { importCapture } from '../../src/import/captureImport';
import { FINDING_KINDS, finding } from '../../src/import/findings';
import { CAPTURE_NARRATION_KEYS } from '../../src/import/sessionEvents';
import { narrationText } from '../../src/ui/narration/localizeParams';

function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (node !== null && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(node));
  return out;
}
const flat = { en: flatten(catalogs.en), es: flatten(catalogs.es) };
const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([^},\s]+)/g)].map((m) => m[1] ?? ''))].sort();

/** The params a message function reads, found by running it on a recording object. */
function paramsRead(render: (p: Record<string, string | number>) => unknown): string[] {
  const read = new Set<string>();
  render(new Proxy({}, { get: (_t, name) => (read.add(String(name)), 1) }));
  return [...read].sort();
}

describe('the capture catalogs', () => {
  const groups = [
    ['capture.error', CAPTURE_PROBLEMS, (k: string) => paramsRead((p) => problemMessage(k as never, p))],
    [
      'capture.warning',
      CAPTURE_WARNINGS,
      (k: string) => paramsRead((p) => captureWarning(k as never, p).message),
    ],
    ['capture.finding', FINDING_KINDS, (k: string) => paramsRead((p) => finding(k as never, p).message)],
  ] as const;

  it.each(groups)(
    '%s: a sentence per kind in en and es, with the importer’s params',
    (prefix, kinds, params) => {
      for (const lang of LANGUAGES) {
        const keys = [...flat[lang].keys()]
          .filter((k) => k.startsWith(`${prefix}.`))
          .map((k) => k.slice(prefix.length + 1));
        expect(keys.sort(), lang).toEqual([...kinds].sort());
        for (const kind of kinds)
          expect(placeholders(flat[lang].get(`${prefix}.${kind}`) ?? ''), `${lang} ${kind}`).toEqual(
            params(kind),
          );
      }
    },
  );

  it('defines every narration key a captured session can carry, and no others', () => {
    for (const lang of LANGUAGES) {
      const keys = [...flat[lang].keys()].filter((k) => k.startsWith('narration.capture.'));
      expect(keys.sort(), lang).toEqual([...CAPTURE_NARRATION_KEYS].sort());
      for (const key of keys)
        expect(placeholders(flat[lang].get(key) ?? ''), key).toEqual(placeholders(flat.en.get(key) ?? ''));
    }
  });

  it.each(LANGUAGES)(
    'narrates real captured sessions in %s with nothing left uninterpolated',
    async (lang) => {
      const i18n = createI18n(lang);
      const dir = path.resolve(__dirname, '../../../shared/captures');
      for (const name of ['active-clientfw-stateful-fail-client.pcap', 'passive-nofw-success-server.pcap']) {
        const { session } = await importCapture(new Uint8Array(readFileSync(path.join(dir, name))));
        for (const e of session.events) {
          expect(i18n.exists(e.narration.key, { lng: lang }), e.narration.key).toBe(true);
          const text = narrationText(e, i18n.t);
          expect(text, e.narration.key).not.toMatch(/\{\{|undefined/);
        }
      }
    },
  );
});
