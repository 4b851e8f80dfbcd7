import { defaultScenario, parseScenario, type Scenario } from '../../engine';
import { isLanguage, type Language } from '../../i18n/language';

/**
 * What a permalink holds: the scenario, the step, the view, the language and presentation mode.
 * `cursor` is the store's 0-based index; the URL shows it 1-based as `step`, the number on screen.
 */
export interface Permalink {
  readonly scenario: Scenario;
  readonly cursor: number;
  readonly view: string;
  readonly lang: Language;
  readonly present: boolean;
}

/** A decoded link: the language is undefined when the link does not name one (the browser's is used). */
export type DecodedPermalink = Omit<Permalink, 'lang'> & { readonly lang: Language | undefined };

export type PermalinkResult =
  | { readonly ok: true; readonly link: DecodedPermalink }
  | {
      readonly ok: false;
      /** What was wrong, for developers (the user sees one short translated notice). */
      readonly problems: readonly string[];
      /** A valid `lang` is kept even from a broken link, so the notice is in the reader's language. */
      readonly lang: Language | undefined;
    };

/** The highest step number a link may name; the real bound is the scenario's step count. */
export const MAX_LINK_STEP = 99_999;

/**
 * Query parameters, short and readable: `?mode=passive&cfw=stateful&cmd=LIST,RETR:hello.txt&step=14`.
 * Only values that differ from the engine's defaults are written. The vsftpd time-outs keep vsftpd's
 * own option names.
 */
const PARAMS = [
  'mode',
  'cmd',
  'cfw',
  'sfw',
  'cnat',
  'snat',
  'helper',
  'dport',
  'seed',
  'client_timeout',
  'connect_timeout',
  'accept_timeout',
  'uploads',
  'files',
  'pasv',
  'user',
  'pass',
  'cip',
  'cport',
  'sip',
  'crouter',
  'srouter',
  'step',
  'view',
  'lang',
  'present',
] as const;
type Param = (typeof PARAMS)[number];

/** Added to links by mail and social sites; not ours, and not a sign of tampering. Dropped on sync. */
const FOREIGN_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_eid)$/;

/**
 * Parameters that other features own (the quiz view's `quiz`): the permalink neither reads them nor
 * refuses them, and keeps them in the address when it rewrites it.
 */
export const PASSTHROUGH_PARAMS: readonly string[] = ['quiz'];

// Characters that are safe in a query value and keep the link readable: `cmd=LIST,RETR:hello.txt`.
const READABLE = { '%3A': ':', '%2C': ',', '%40': '@', '%2F': '/' } as const;

function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A|%2C|%40|%2F/g, (m) => READABLE[m as keyof typeof READABLE]);
}

const flag = (on: boolean): string => (on ? '1' : '0');
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function encodeCommands(commands: Scenario['commands']): string {
  const { storSize } = engineDefaults();
  return commands
    .map((c) => {
      switch (c.verb) {
        case 'LIST':
          return 'LIST';
        case 'RETR':
          return `RETR:${c.file}`;
        case 'STOR':
          return c.size === storSize ? `STOR:${c.file}` : `STOR:${c.file}:${c.size}`;
      }
    })
    .join(',');
}

let defaults: { readonly scenario: Scenario; readonly storSize: number | undefined } | undefined;

/** The engine's defaults (the upload size too), asked of the engine once rather than repeated here. */
function engineDefaults(): NonNullable<typeof defaults> {
  if (!defaults) {
    const parsed = parseScenario({ commands: [{ verb: 'STOR', file: 'x' }] });
    const command = parsed.ok ? parsed.scenario.commands[0] : undefined;
    defaults = { scenario: defaultScenario(), storSize: command?.verb === 'STOR' ? command.size : undefined };
  }
  return defaults;
}

/**
 * The query string, with its `?`, that restores `link`. `current` is the address's query string: the
 * parameters other features own (PASSTHROUGH_PARAMS) are carried over from it.
 */
export function encodePermalink(link: Permalink, defaultView: string, current = ''): string {
  const d = engineDefaults().scenario;
  const s = link.scenario;
  const out: [Param, string][] = [];
  const put = (name: Param, value: string, defaultValue: string): void => {
    if (value !== defaultValue) out.push([name, value]);
  };
  put('mode', s.mode, d.mode);
  put('cmd', encodeCommands(s.commands), encodeCommands(d.commands));
  put('cfw', s.clientFirewall, d.clientFirewall);
  put('sfw', s.serverFirewall, d.serverFirewall);
  put('cnat', flag(s.clientNat), flag(d.clientNat));
  put('snat', s.serverNat, d.serverNat);
  put('helper', flag(s.helper), flag(d.helper));
  put('dport', s.client.dataPort, d.client.dataPort);
  put('seed', String(s.seed), String(d.seed));
  put('client_timeout', String(s.client.connectTimeout), String(d.client.connectTimeout));
  put('connect_timeout', String(s.server.connectTimeout), String(d.server.connectTimeout));
  put('accept_timeout', String(s.server.acceptTimeout), String(d.server.acceptTimeout));
  put('uploads', flag(s.server.uploads), flag(d.server.uploads));
  if (!same(s.server.files, d.server.files))
    out.push(['files', s.server.files.map((f) => `${f.name}:${f.size}`).join(',')]);
  put(
    'pasv',
    `${s.server.passivePorts.min}-${s.server.passivePorts.max}`,
    `${d.server.passivePorts.min}-${d.server.passivePorts.max}`,
  );
  put('user', s.user, d.user);
  put('pass', s.password, d.password);
  put('cip', s.client.ip, d.client.ip);
  put('cport', String(s.client.controlPort), String(d.client.controlPort));
  put('sip', s.server.ip, d.server.ip);
  put(
    'crouter',
    `${s.clientRouter.lanIp},${s.clientRouter.wanIp}`,
    `${d.clientRouter.lanIp},${d.clientRouter.wanIp}`,
  );
  put(
    'srouter',
    `${s.serverRouter.wanIp},${s.serverRouter.lanIp}`,
    `${d.serverRouter.wanIp},${d.serverRouter.lanIp}`,
  );
  put('step', String(link.cursor + 1), '1');
  put('view', link.view, defaultView);
  // Always written: a shared link opens in the language it was made in, whatever the reader's browser.
  out.push(['lang', link.lang]);
  put('present', flag(link.present), '0');
  const kept = new URLSearchParams(current.replace(/^\?/, ''));
  for (const name of PASSTHROUGH_PARAMS)
    for (const value of kept.getAll(name)) out.push([name as Param, value]);
  return `?${out.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&')}`;
}

type Reader = (name: Param) => string | undefined;

const INTEGER = /^(0|[1-9]\d{0,9})$/;
const DECIMAL = /^(0|[1-9]\d{0,9})(\.\d{1,17})?$/;

/**
 * Turns the link's text into the engine's scenario input. Values that cannot even be read (a port that
 * is not a number) are reported here; everything else is left to the engine's schema.
 */
function scenarioInput(get: Reader, problems: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const client: Record<string, unknown> = {};
  const server: Record<string, unknown> = {};
  const text = (name: Param, into: Record<string, unknown>, field: string): void => {
    const v = get(name);
    if (v !== undefined) into[field] = v;
  };
  const number = (name: Param, into: Record<string, unknown>, field: string, pattern = INTEGER): void => {
    const v = get(name);
    if (v === undefined) return;
    if (pattern.test(v)) into[field] = Number(v);
    else problems.push(`${name}: not a number`);
  };
  const bool = (name: Param, into: Record<string, unknown>, field: string): void => {
    const v = get(name);
    if (v === undefined) return;
    if (v === '1' || v === '0') into[field] = v === '1';
    else problems.push(`${name}: expected 1 or 0`);
  };
  const pair = (name: Param, into: Record<string, unknown>, field: string, keys: [string, string]): void => {
    const v = get(name);
    if (v === undefined) return;
    const [a, b, ...rest] = v.split(name === 'pasv' ? '-' : ',');
    if (a === undefined || b === undefined || rest.length > 0) {
      problems.push(`${name}: expected two values`);
      return;
    }
    if (name === 'pasv') {
      if (INTEGER.test(a) && INTEGER.test(b)) into[field] = { [keys[0]]: Number(a), [keys[1]]: Number(b) };
      else problems.push(`${name}: not a port range`);
    } else into[field] = { [keys[0]]: a, [keys[1]]: b };
  };

  text('mode', input, 'mode');
  const cmd = get('cmd');
  if (cmd !== undefined)
    input.commands = cmd === '' ? [] : cmd.split(',').map((c) => readCommand(c, problems));
  text('cfw', input, 'clientFirewall');
  // A `+` typed into an address bar arrives as a space.
  const sfw = get('sfw');
  if (sfw !== undefined) input.serverFirewall = sfw.replace(/ /g, '+');
  bool('cnat', input, 'clientNat');
  text('snat', input, 'serverNat');
  bool('helper', input, 'helper');
  text('dport', client, 'dataPort');
  number('seed', input, 'seed');
  number('client_timeout', client, 'connectTimeout', DECIMAL);
  number('connect_timeout', server, 'connectTimeout', DECIMAL);
  number('accept_timeout', server, 'acceptTimeout', DECIMAL);
  bool('uploads', server, 'uploads');
  const files = get('files');
  if (files !== undefined)
    server.files = files === '' ? [] : files.split(',').map((f) => readFile(f, problems));
  pair('pasv', server, 'passivePorts', ['min', 'max']);
  text('user', input, 'user');
  text('pass', input, 'password');
  text('cip', client, 'ip');
  number('cport', client, 'controlPort');
  text('sip', server, 'ip');
  pair('crouter', input, 'clientRouter', ['lanIp', 'wanIp']);
  pair('srouter', input, 'serverRouter', ['wanIp', 'lanIp']);
  if (Object.keys(client).length > 0) input.client = client;
  if (Object.keys(server).length > 0) input.server = server;
  return input;
}

function readCommand(text: string, problems: string[]): unknown {
  const [verb, file, size, ...rest] = text.split(':');
  if (rest.length > 0) problems.push(`cmd: too many parts in "${text}"`);
  if (verb === 'LIST' && file === undefined) return { verb };
  if ((verb === 'RETR' && size === undefined) || verb === 'STOR') {
    if (size === undefined) return { verb, file };
    if (INTEGER.test(size)) return { verb, file, size: Number(size) };
    problems.push(`cmd: "${size}" is not a size`);
    return { verb, file };
  }
  problems.push(`cmd: "${text}" is not LIST, RETR:<file> or STOR:<file>`);
  return { verb };
}

function readFile(text: string, problems: string[]): unknown {
  const [name, size, ...rest] = text.split(':');
  if (size === undefined || rest.length > 0 || !INTEGER.test(size)) {
    problems.push(`files: expected <name>:<size>, got "${text}"`);
    return { name };
  }
  return { name, size: Number(size) };
}

/**
 * Reads a permalink's query string (or the part of a hash after `#`). Untrusted input: the scenario goes
 * through the engine's `parseScenario`, everything else is checked here, and any unknown parameter,
 * repeated parameter or invalid value makes the whole link invalid. Never throws.
 */
export function decodePermalink(search: string, views: readonly string[]): PermalinkResult {
  const problems: string[] = [];
  // URLSearchParams reads any text (malformed escapes become U+FFFD); it never throws.
  const params = new URLSearchParams(search.replace(/^[?#]/, ''));
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (FOREIGN_PARAM.test(key) || PASSTHROUGH_PARAMS.includes(key)) continue;
    if (!(PARAMS as readonly string[]).includes(key)) problems.push(`unknown parameter "${key}"`);
    else if (seen.has(key)) problems.push(`"${key}" given more than once`);
    seen.add(key);
  }
  const get: Reader = (name) => params.get(name) ?? undefined;

  const langText = get('lang');
  const lang = isLanguage(langText) ? langText : undefined;
  if (langText !== undefined && lang === undefined) problems.push(`lang: unknown language "${langText}"`);

  const stepText = get('step');
  let cursor = 0;
  if (stepText !== undefined) {
    const step = INTEGER.test(stepText) ? Number(stepText) : NaN;
    if (step >= 1 && step <= MAX_LINK_STEP) cursor = step - 1;
    else problems.push(`step: "${stepText}" is not a step number`);
  }

  const view = get('view') ?? views[0] ?? '';
  if (!views.includes(view)) problems.push(`view: unknown view "${view}"`);

  const presentText = get('present');
  if (presentText !== undefined && presentText !== '1' && presentText !== '0')
    problems.push('present: expected 1 or 0');
  const present = presentText === '1';

  const parsed = parseScenario(scenarioInput(get, problems));
  if (!parsed.ok) problems.push(...parsed.problems.map((p) => `${p.field}: ${p.message}`));

  if (!parsed.ok || problems.length > 0) return { ok: false, problems, lang };
  return { ok: true, link: { scenario: parsed.scenario, cursor, view, lang, present } };
}
