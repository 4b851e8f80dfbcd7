import { describe, expect, it } from 'vitest';
import {
  CLIENT_FIREWALLS,
  MODES,
  SERVER_FIREWALLS,
  SERVER_NATS,
  defaultScenario,
  simulate,
  type ScenarioInput,
  type StepEvent,
} from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { LANGUAGES, catalogs, createI18n, pickLanguage } from '../../src/i18n';
import { narrationText } from '../../src/ui/narration/localizeParams';

/** `{ a: { b: 'x' } }` → `a.b → 'x'`. */
function flatten(node: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, node);
  }
  return out;
}

/** The names interpolated by a string: `{{sender, capitalize}}` → `sender`. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^},\s]+)/g)].map((m) => m[1] ?? ''))].sort();
}

const flat = { en: flatten(catalogs.en), es: flatten(catalogs.es) };

/** Every narration key src/engine/events/narrate.ts can produce. */
const NARRATION_KEYS = [
  ...['rst', 'synAck', 'synRetransmitted', 'synControl', 'fin', 'data', 'handshakeAck', 'ack'].map(
    (k) => `narration.tcp.${k}`,
  ),
  ...[...MODES, 'curl'].map((m) => `narration.tcp.synData.${m}`),
  ...[
    'USER',
    'PASS',
    'TYPE',
    'PORT',
    'EPRT',
    'EPRT6',
    'EPRTforPORT',
    'PASV',
    'EPSV',
    'LIST',
    'RETR',
    'STOR',
    'QUIT',
  ].map((v) => `narration.ftp.command.${v}`),
  ...['curlPWD', 'curlSIZE', 'curlTYPE', 'PASVfallback', 'PORTfallback'].map(
    (v) => `narration.ftp.command.${v}`,
  ),
  ...[
    '150',
    '200',
    '213',
    '220',
    '221',
    '226',
    '227',
    '227private',
    '227routed',
    '227unspecified',
    '227curl',
    '229',
    '230',
    '257',
    '331',
    '421',
    '425',
    '500',
    '550',
    '550size',
    '553',
    'other',
  ].map((c) => `narration.ftp.reply.${c}`),
  'narration.fw.drop',
  'narration.fw.noRoute',
  'narration.fw.accept.new',
  'narration.fw.accept.related',
  'narration.fw.accept.established',
  'narration.nat.snat',
  'narration.nat.dnat',
  'narration.nat.payload',
  'narration.conntrack.expectation',
  'narration.socket.listening.client',
  'narration.socket.listening.server',
  'narration.socket.closed.client',
  'narration.socket.closed.server',
  ...[
    'server-connect-timeout',
    'server-accept-timeout',
    'client-connect-timeout',
    'syn-retries-exhausted',
    'server-idle-timeout',
    'server-data-timeout',
  ].map((id) => `narration.timer.${id}`),
  'narration.transfer.success',
  ...[
    'data-syn-dropped',
    'port-rejected',
    'file-unavailable',
    'permission-denied',
    'connection-refused',
    'unspecified-address',
    'cannot-create',
    'session-timeout',
    'data-timeout',
  ].map((r) => `narration.transfer.failed.${r}`),
  'narration.session.success',
  'narration.session.failed',
  ...['0', '7', '19', '25', '28', '30', '55', '78', 'other'].map((s) => `narration.session.curl.${s}`),
  // Explicit FTPS: AUTH and 234 in clear text, the handshake by name, the sealed lines, the blind helper.
  'narration.ftp.command.AUTH',
  'narration.ftp.reply.234',
  'narration.conntrack.blind',
  ...[
    'client-hello',
    'hello-retry-request',
    'clientHelloAgain',
    'serverHello',
    'certificate',
    'finished',
    'new-session-ticket',
    'close-notify',
    'data',
  ].map((k) => `narration.tls.${k}`),
  ...['line', 'address', 'PBSZ', 'PROT'].map((k) => `narration.tls.sealed.${k}`),
];

/**
 * A broad set of scenarios: every mode × firewall × NAT × helper combination, each with a successful
 * LIST, failing RETR and STOR, and application time-outs both shorter and longer than the kernel's SYN
 * retries.
 */
function broadScenarios(): ScenarioInput[] {
  const existing = defaultScenario().server.files[0]?.name ?? 'missing.txt';
  const all: ScenarioInput[] = [];
  for (const mode of MODES)
    for (const clientFirewall of CLIENT_FIREWALLS)
      for (const serverFirewall of SERVER_FIREWALLS)
        for (const clientNat of [false, true])
          for (const serverNat of SERVER_NATS)
            for (const helper of [false, true]) {
              const base = { mode, clientFirewall, serverFirewall, clientNat, serverNat, helper };
              all.push(
                base,
                { ...base, network: 'routed-private' },
                { ...base, client: { dataPort: 'realistic' } },
                {
                  ...base,
                  commands: [
                    { verb: 'RETR', file: 'missing.txt' },
                    { verb: 'RETR', file: existing },
                  ],
                },
                {
                  ...base,
                  commands: [{ verb: 'STOR', file: 'upload.bin', size: 100 }],
                  server: { uploads: false },
                },
                { ...base, commands: [{ verb: 'STOR', file: 'upload.bin', size: 3000 }] },
                // An anonymous upload may not overwrite a file the server already has.
                { ...base, commands: [{ verb: 'STOR', file: existing }] },
                // Short application time-outs fire first; long ones let the kernel's SYN retries run out.
                { ...base, client: { connectTimeout: 2 }, server: { connectTimeout: 2 } },
                { ...base, client: { connectTimeout: 300 }, server: { connectTimeout: 600 } },
                // vsftpd's own timers end the session with 421: a client that goes quiet, an upload that stalls.
                { ...base, client: { pause: 'after-login' }, server: { idleTimeout: 5 } },
                {
                  ...base,
                  commands: [{ verb: 'STOR', file: 'upload.bin', size: 100 }],
                  client: { pause: 'during-upload' },
                  server: { dataTimeout: 5 },
                },
                // curl: its own order, fallbacks and exit statuses.
                { ...base, client: { program: 'curl' } },
                {
                  ...base,
                  client: { program: 'curl' },
                  commands: [
                    { verb: 'RETR', file: 'missing.txt' },
                    { verb: 'RETR', file: existing },
                    { verb: 'STOR', file: existing },
                  ],
                },
                { ...base, client: { program: 'curl' }, commands: [{ verb: 'RETR', file: 'missing.txt' }] },
                { ...base, client: { program: 'curl', connectTimeout: 2 }, server: { connectTimeout: 2 } },
                // vsftpd's idle timer ends the session while curl still waits for its data connection.
                { ...base, client: { program: 'curl', connectTimeout: 20 }, server: { idleTimeout: 5 } },
              );
            }
  // IPv6 (no NAT): EPRT |2| for PORT and EPRT, the 227 with 0,0,0,0, the helper on IPv6.
  for (const mode of MODES)
    for (const clientFirewall of CLIENT_FIREWALLS)
      for (const serverFirewall of SERVER_FIREWALLS)
        for (const helper of [false, true]) {
          const base = { ipVersion: 6, mode, clientFirewall, serverFirewall, helper } as const;
          all.push(base, { ...base, client: { connectTimeout: 2 }, server: { connectTimeout: 2 } });
        }
  // Explicit FTPS: the classic client in every mode, curl in the passive ones (its active FTPS is refused).
  for (const mode of MODES)
    for (const serverNat of SERVER_NATS)
      for (const clientNat of [false, true])
        for (const helper of [false, true]) {
          const base = {
            tls: 'explicit',
            mode,
            serverNat,
            clientNat,
            helper,
            serverFirewall: 'port21',
          } as const;
          all.push(base, { ...base, commands: [{ verb: 'RETR', file: existing }] });
          if (mode === 'passive' || mode === 'epsv') all.push({ ...base, client: { program: 'curl' } });
        }
  return all;
}

function emittedEvents(): StepEvent[] {
  const events: StepEvent[] = [];
  const seen = new Set<string>();
  for (const input of broadScenarios()) {
    const parsed = parseScenario(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    for (const e of simulate(parsed.scenario).events) {
      // One event per key and param shape is enough to render; keep them all for the device/conn values.
      const signature = `${e.narration.key}|${JSON.stringify(e.narration.params)}`;
      if (!seen.has(signature)) {
        seen.add(signature);
        events.push(e);
      }
    }
  }
  return events;
}

describe('the en and es catalogs', () => {
  it('have exactly the same keys', () => {
    expect([...flat.es.keys()].sort()).toEqual([...flat.en.keys()].sort());
  });

  it('have no empty or non-string entries', () => {
    for (const lang of LANGUAGES)
      for (const [key, value] of flat[lang]) {
        expect(typeof value, `${lang}:${key}`).toBe('string');
        expect(String(value).trim(), `${lang}:${key}`).not.toBe('');
      }
  });

  it('use the same interpolation placeholders for each key', () => {
    for (const [key, value] of flat.en)
      expect(placeholders(String(flat.es.get(key))), key).toEqual(placeholders(String(value)));
  });

  it('define every narration key the engine can emit, and no others', () => {
    for (const lang of LANGUAGES)
      for (const key of NARRATION_KEYS) expect(flat[lang].has(key), `${lang}:${key}`).toBe(true);
    // narration.capture.* is the capture importer's (tests/i18n/captureCatalog.test.ts).
    const catalogued = [...flat.en.keys()].filter(
      (k) => k.startsWith('narration.') && !k.startsWith('narration.capture.'),
    );
    expect(catalogued.filter((k) => !NARRATION_KEYS.includes(k))).toEqual([]);
  });
});

describe('narration of simulated scenarios', () => {
  const events = emittedEvents();
  const i18n = { en: createI18n('en'), es: createI18n('es') };

  it('covers the narration keys (the simulations really emit them)', () => {
    const emitted = new Set(events.map((e) => e.narration.key));
    // `reply.other` is a safety net for codes vsftpd does not send in the lab; `session.curl.other` for an
    // exit status of curl's that no scenario reaches.
    const expected = NARRATION_KEYS.filter(
      (k) => k !== 'narration.ftp.reply.other' && k !== 'narration.session.curl.other',
    );
    expect(expected.filter((k) => !emitted.has(k))).toEqual([]);
  });

  it.each(LANGUAGES)(
    'has a sentence for every emitted key in %s, with nothing left uninterpolated',
    (lang) => {
      const t = i18n[lang].t;
      for (const e of events) {
        const key = e.narration.key;
        expect(i18n[lang].exists(key, { lng: lang, fallbackLng: false }), `${lang}:${key}`).toBe(true);
        const text = narrationText(e, t);
        expect(text, key).not.toBe(key);
        expect(text, `${lang}:${key}: ${text}`).not.toMatch(/\{\{|\}\}|\$t\(|devices\.|undefined|NaN/);
      }
    },
  );

  it('names devices and connections in words', () => {
    const drop = events.find(
      (e) => e.narration.key === 'narration.fw.drop' && e.narration.params.device === 'client',
    );
    expect(drop).toBeDefined();
    if (!drop) return;
    expect(narrationText(drop, i18n.en.t)).toContain('The firewall on the client drops');
    expect(narrationText(drop, i18n.es.t)).toContain('El cortafuegos en el cliente descarta');
    const fin = events.find(
      (e) => e.narration.key === 'narration.tcp.fin' && e.narration.params.conn === 'data-1',
    );
    expect(fin && narrationText(fin, i18n.en.t)).toContain('data connection #1');
    expect(fin && narrationText(fin, i18n.es.t)).toContain('la conexión de datos n.º 1');
  });

  it('works out the 227 port with the real numbers', () => {
    const pasv = events.find((e) => e.narration.key === 'narration.ftp.reply.227');
    expect(pasv).toBeDefined();
    if (!pasv) return;
    const { p1, p2, port } = pasv.narration.params;
    expect(Number(p1) * 256 + Number(p2)).toBe(port);
    expect(narrationText(pasv, i18n.en.t)).toContain(`${p1}*256+${p2} = ${port}`);
    expect(narrationText(pasv, i18n.es.t)).toContain(`${p1}*256+${p2} = ${port}`);
  });
});

describe('pickLanguage', () => {
  it('picks Spanish for any es-* browser language and English otherwise', () => {
    expect(pickLanguage('es')).toBe('es');
    expect(pickLanguage('es-ES')).toBe('es');
    expect(pickLanguage('es-419')).toBe('es');
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage('fr')).toBe('en');
    expect(pickLanguage('')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });
});
