import { parseScenario } from '../../engine/validation';
import { isLanguage } from '../../i18n/language';
import {
  FOREIGN_PARAM,
  MAX_LINK_STEP,
  PARAMS,
  PASSTHROUGH_PARAMS,
  type Param,
  type PermalinkResult,
} from './permalink';

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
  number('idle_timeout', server, 'idleTimeout', DECIMAL);
  number('data_timeout', server, 'dataTimeout', DECIMAL);
  text('pause', client, 'pause');
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
  text('net', input, 'network');
  number('ip', input, 'ipVersion');
  text('tls', input, 'tls');
  pair('crouter', input, 'clientRouter', ['lanIp', 'wanIp']);
  pair('srouter', input, 'serverRouter', ['wanIp', 'lanIp']);
  const clientRouter = { ...(input.clientRouter as object | undefined) } as Record<string, unknown>;
  const serverRouter = { ...(input.serverRouter as object | undefined) } as Record<string, unknown>;
  if (get('crouter') !== undefined && (get('clan') ?? get('cwan')) !== undefined)
    problems.push('crouter: given together with clan/cwan');
  if (get('srouter') !== undefined && (get('slan') ?? get('swan')) !== undefined)
    problems.push('srouter: given together with slan/swan');
  text('clan', clientRouter, 'lanIp');
  text('cwan', clientRouter, 'wanIp');
  text('swan', serverRouter, 'wanIp');
  text('slan', serverRouter, 'lanIp');
  if (Object.keys(clientRouter).length > 0) input.clientRouter = clientRouter;
  if (Object.keys(serverRouter).length > 0) input.serverRouter = serverRouter;
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
