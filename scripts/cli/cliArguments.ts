import { parseArgs } from 'node:util';
import { SCENARIO_LIMITS, TLS_MODES, type Scenario, type ScenarioInput } from '../../src/engine';
import { parseScenario, type ScenarioProblem } from '../../src/engine/validation';
import { CAPTURE_LIMITS } from '../../src/import/limits';

export type OutputFormat = 'text' | 'json' | 'pcap' | 'pcapng';
export type CapturePoint = 'client' | 'server';

export interface CliRequest {
  readonly scenario: Scenario;
  readonly format: OutputFormat;
  readonly out?: string;
  readonly capture: CapturePoint;
}

/** `--from-pcap FILE`: a captured session, printed as a simulated one is. */
export interface CaptureRequest {
  readonly file: string;
  /** 1-based, `--session N` (default 1). */
  readonly session: number;
  readonly format: 'text' | 'json';
  readonly out?: string;
}

export type CliParse =
  | { ok: true; request: CliRequest }
  | { ok: 'capture'; request: CaptureRequest }
  | { ok: false; message: string }
  | { ok: 'help' };

/** The sessions `--session` may name: as many as a capture lists. */
export const MAX_SESSION = CAPTURE_LIMITS.maxSessions;

/** Exit statuses, documented in USAGE and the README. */
export const EXIT_STATUS = {
  /** The simulation ran (whatever its outcome) and its output was written. */
  ok: 0,
  /** Bad flags, an invalid scenario, or a capture that cannot be read: nothing was simulated or written. */
  usage: 2,
  /** The output could not be written (`--out`: no file was left behind; or the standard output). */
  write: 3,
} as const;

/** A scenario file larger than this is refused before it is parsed (a real one is a few hundred bytes). */
export const MAX_SCENARIO_FILE_BYTES = 1024 * 1024;

/**
 * Reads a scenario file: at most `limit + 1` bytes, so that a file over the limit is recognised without
 * being read whole. Injected so tests need no disk.
 */
export type ReadScenarioFile = (path: string, limit: number) => Uint8Array;

export const USAGE = `Usage: npm run --silent sim -- [flags]

Scenario (each flag sets one field; defaults reproduce the textbook example: active mode, LIST, no firewall):
  --mode active|passive|eprt|epsv        data connection set-up (PORT, PASV, EPRT, EPSV)
  --client classic|curl                  the client program: the classic scripted client (ftp, ftplib) or
                                         curl 7.88 (PWD, EPSV then PASV, EPRT then PORT, skips the 227's
                                         address; with curl --mode epsv is its default, passive is
                                         --disable-epsv, eprt is -P -, active is -P - --disable-eprt)
  --command CMD                          LIST, "RETR <file>" or "STOR <file> [bytes]"; repeatable, in order
  --client-firewall none|stateful        firewall on the client host
  --server-firewall none|port21|port21+range
  --client-nat                           client behind a masquerading router
  --server-nat none|private|public       server behind NAT: announces its private address, or its public one
  --helper                               FTP connection-tracking helper on firewalls and NAT routers
  --data-port textbook|realistic         client data port: N+1 (textbook) or a fresh ephemeral port
  --seed N                               seed for every random choice
  --network internet|routed-private      between the routers: the Internet (default; hosts not behind NAT
                                         have public addresses) or a routed private network (a lab)
  --ip 4|6                               IP version (default 4). 6: addresses from 2001:db8::/32, no NAT,
                                         ip6tables firewalls; PORT is sent as EPRT |2|, PASV gets 0,0,0,0
  --tls none|explicit                    control connection encryption (default none). explicit: FTPS, AUTH TLS
                                         then PBSZ 0 and PROT P; firewalls and NAT routers can no longer read
                                         PORT, 227, EPRT or 229, so the FTP helper is blind (curl 7.88 only
                                         in passive modes: curl bug #10666)
  --client-ip ADDR  --server-ip ADDR     addresses; left out, they follow the NAT settings (or --ip 6)
  --control-port N  --passive-ports MIN-MAX
  --connect-timeout S  --accept-timeout S    vsftpd connect_timeout / accept_timeout (default 60)
  --client-connect-timeout S             how long the client tries to reach a passive port (default 60;
                                         curl's --connect-timeout, counted from its start)
  --idle-timeout S                       vsftpd idle_session_timeout: 421 when no command comes (default 300)
  --data-timeout S                       vsftpd data_connection_timeout: 421 when a transfer stalls (default 300)
  --client-pause none|after-login|during-upload
                                         a client that goes quiet after login, or stalls its uploads
  --no-uploads                           refuse STOR (vsftpd without write_enable)
  --user NAME  --password WORD
  --scenario FILE.json                   read the scenario from a file: UTF-8 JSON, at most 1 MB
                                         (flags given too override its fields)

Output:
  --format text|json|pcap|pcapng         transcript (default), JSON, or a capture file (libpcap or pcapng)
  --out FILE                             where to write (required for pcap and pcapng)
  --capture client|server                capture point for pcap and pcapng (default client)
  --help

A real capture instead of a scenario:
  --from-pcap FILE                       read a .pcap or .pcapng file (at most 1024 MB) and print its FTP
                                         session like a simulated one: the transcript, or with --format json
                                         the capture point, the sessions found, the outcome, the transfers,
                                         the findings (inferred), the inferred scenario and the events
  --session N                            which FTP session of the capture (default 1)
  Scenario flags, pcap and pcapng output do not apply to a capture.

Numbers are plain decimal digits (timeouts may have a decimal point: 1.5); hexadecimal, exponents and
spaces are refused. Each flag is given once, except --command.

Exit status: ${EXIT_STATUS.ok} the simulation ran and its output was written (whatever the FTP outcome);
${EXIT_STATUS.usage} bad flags, an invalid scenario, or a capture that cannot be read (one line says why; nothing is written); ${EXIT_STATUS.write} the output could not be written
(one line names the path and the reason; no file is left behind; a closed pipe ends it silently).`;

const OPTIONS = {
  mode: { type: 'string' },
  client: { type: 'string' },
  command: { type: 'string', multiple: true },
  'client-firewall': { type: 'string' },
  'server-firewall': { type: 'string' },
  'client-nat': { type: 'boolean' },
  'server-nat': { type: 'string' },
  helper: { type: 'boolean' },
  'data-port': { type: 'string' },
  seed: { type: 'string' },
  network: { type: 'string' },
  ip: { type: 'string' },
  tls: { type: 'string' },
  'client-ip': { type: 'string' },
  'server-ip': { type: 'string' },
  'control-port': { type: 'string' },
  'passive-ports': { type: 'string' },
  'connect-timeout': { type: 'string' },
  'accept-timeout': { type: 'string' },
  'client-connect-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'data-timeout': { type: 'string' },
  'client-pause': { type: 'string' },
  'no-uploads': { type: 'boolean' },
  user: { type: 'string' },
  password: { type: 'string' },
  scenario: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  capture: { type: 'string' },
  'from-pcap': { type: 'string' },
  session: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** The flags that describe a scenario: meaningless for a capture. */
const SCENARIO_FLAGS = Object.keys(OPTIONS).filter(
  (name) => !['format', 'out', 'capture', 'from-pcap', 'session', 'help'].includes(name),
);

/** Which flag sets which scenario field, so a validation problem names what the user typed. */
const FLAG_OF_FIELD: Record<string, string> = {
  mode: '--mode',
  commands: '--command',
  clientFirewall: '--client-firewall',
  serverFirewall: '--server-firewall',
  serverNat: '--server-nat',
  'client.program': '--client',
  'client.dataPort': '--data-port',
  seed: '--seed',
  network: '--network',
  clientNat: '--client-nat',
  ipVersion: '--ip',
  tls: '--tls',
  'client.ip': '--client-ip',
  'server.ip': '--server-ip',
  'client.controlPort': '--control-port',
  'server.passivePorts': '--passive-ports',
  'server.connectTimeout': '--connect-timeout',
  'server.acceptTimeout': '--accept-timeout',
  'client.connectTimeout': '--client-connect-timeout',
  'client.pause': '--client-pause',
  'server.idleTimeout': '--idle-timeout',
  'server.dataTimeout': '--data-timeout',
  user: '--user',
  password: '--password',
};

/**
 * Fields whose problems come from a combination of settings (the schema names one field): the other flags
 * that take part, so the line names every flag the user may change (curl, active mode and TLS together).
 */
const FLAGS_COMBINED_WITH: Record<string, readonly string[]> = {
  tls: ['--client', '--mode'],
  'client.pause': ['--client'],
};

class UsageError extends Error {}

type Range = { readonly min: number; readonly max: number };

/**
 * A number as a person types it: decimal digits only (and a decimal point when `fraction`). `Number()`
 * alone would take "0x10", "0b101", "1e3" and " 5"; a typo must not become a different scenario. Anything
 * else, a negative number included, is refused with the allowed range.
 */
function number(flag: string, text: string | undefined, range: Range, fraction = false): number | undefined {
  if (text === undefined) return undefined;
  const pattern = fraction ? /^\d{1,12}(\.\d{1,6})?$/ : /^\d{1,12}$/;
  if (!pattern.test(text)) {
    const kind = fraction ? 'a number' : 'a whole number';
    throw new UsageError(`${flag}: expected ${kind} from ${range.min} to ${range.max}, got "${text}"`);
  }
  return Number(text);
}

function transferCommand(text: string): unknown {
  const [verb = '', file, size, ...rest] = text.trim().split(/\s+/);
  const upper = verb.toUpperCase();
  if (rest.length > 0 || !['LIST', 'RETR', 'STOR'].includes(upper))
    throw new UsageError(`--command: expected LIST, "RETR <file>" or "STOR <file> [bytes]", got "${text}"`);
  if (upper === 'LIST') {
    if (file !== undefined) throw new UsageError(`--command: LIST takes no argument, got "${text}"`);
    return { verb: 'LIST' };
  }
  if (file === undefined)
    throw new UsageError(`--command: ${upper} needs a file name, e.g. "${upper} hello.txt"`);
  if (upper === 'RETR') {
    if (size !== undefined) throw new UsageError(`--command: RETR takes only a file name, got "${text}"`);
    return { verb: 'RETR', file };
  }
  return size === undefined
    ? { verb: 'STOR', file }
    : { verb: 'STOR', file, size: number('--command', size, SCENARIO_LIMITS.fileSize) };
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
}

/** At most this many problems are printed, and this many unknown fields named: the first ones are enough to fix. */
const MAX_PROBLEMS = 8;

function describeProblems(problems: readonly ScenarioProblem[], fromFile: string | undefined): string {
  const lines = problems.slice(0, MAX_PROBLEMS).map((p) => {
    const flag = Object.entries(FLAG_OF_FIELD).find(
      ([field]) => p.field === field || p.field.startsWith(`${field}.`),
    )?.[1];
    const combined = FLAGS_COMBINED_WITH[p.field];
    const flags = flag && combined ? `${flag} with ${combined.join(' and ')}` : flag;
    const where =
      flags && !fromFile ? `${flags} (${p.field})` : `${fromFile ? `${fromFile}: ` : ''}${p.field}`;
    return `${where}: ${p.message}`;
  });
  const more = problems.length - lines.length;
  return [...lines, ...(more > 0 ? [`… and ${more} more problem${more === 1 ? '' : 's'}`] : [])].join('\n');
}

const STRING_OPTIONS = new Set(
  Object.entries(OPTIONS)
    .filter(([, o]) => o.type === 'string')
    .map(([name]) => `--${name}`),
);

/**
 * `--seed -5` is read by node:util as a flag named "-5" after a missing value ("argument is ambiguous").
 * A value that looks like a negative number is joined to its flag (`--seed=-5`), so the user hears what
 * the flag accepts instead.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    if (STRING_OPTIONS.has(arg) && value !== undefined && /^-[\d.]/.test(value)) {
      out.push(`${arg}=${value}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** A JSON object's own fields, or undefined for anything else (a string, a list, null). */
function plainObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function readScenario(path: string, readFile: ReadScenarioFile): Record<string, unknown> {
  let bytes: Uint8Array;
  try {
    bytes = readFile(path, MAX_SCENARIO_FILE_BYTES);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code || 'unreadable';
    throw new UsageError(`--scenario: cannot read "${path}" (${why})`);
  }
  if (bytes.length > MAX_SCENARIO_FILE_BYTES)
    throw new UsageError(`--scenario: "${path}" is larger than 1 MB; a scenario file is a small JSON object`);
  let text: string;
  try {
    // fatal: a file that is not UTF-8 is refused rather than read with replacement characters. The
    // decoder drops a leading byte-order mark (ignoreBOM: false), which Windows editors write.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(`--scenario: "${path}" is not UTF-8 text`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--scenario: "${path}" is not valid JSON (${(e as Error).message})`);
  }
  const object = plainObject(parsed);
  if (!object) throw new UsageError(`--scenario: "${path}" must hold a JSON object`);
  return object;
}

/** `--from-pcap`: only the output flags and `--session` go with it. */
function captureRequest(
  file: string,
  format: OutputFormat,
  values: Readonly<Record<string, string | boolean | string[] | undefined>>,
): CaptureRequest {
  const scenarioFlag = SCENARIO_FLAGS.find((name) => values[name] !== undefined);
  if (scenarioFlag)
    throw new UsageError(
      `--from-pcap reads a capture: --${scenarioFlag} describes a scenario and does not apply`,
    );
  if (values.capture !== undefined)
    throw new UsageError('--from-pcap reads a capture: --capture chooses where a simulation is captured');
  if (format === 'pcap' || format === 'pcapng')
    throw new UsageError(`--from-pcap prints text or json, not ${format}`);
  const session = number('--session', values.session as string | undefined, { min: 1, max: MAX_SESSION });
  if (session !== undefined && (session < 1 || session > MAX_SESSION))
    throw new UsageError(
      `--session: expected a whole number from 1 to ${MAX_SESSION}, got "${String(values.session)}"`,
    );
  const out = values.out as string | undefined;
  return { file, session: session ?? 1, format, ...(out ? { out } : {}) };
}

/**
 * Turns the command line into a validated request. `readFile` is injected so tests need no disk.
 */
export function parseCliArguments(argv: readonly string[], readFile: ReadScenarioFile): CliParse {
  try {
    const { values, positionals, tokens } = parseArgs({
      args: joinNegativeValues(argv),
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
    // node:util keeps the last of a repeated flag; a flag given twice is more likely a mistake.
    const seen = new Set<string>();
    for (const token of tokens) {
      if (token.kind !== 'option' || token.name === 'command') continue;
      if (seen.has(token.name))
        throw new UsageError(`--${token.name} is given twice; give each flag once (only --command repeats)`);
      seen.add(token.name);
    }
    if (values.help) return { ok: 'help' };
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see --help)`);
    for (const flag of ['scenario', 'out', 'from-pcap'] as const)
      if (values[flag] !== undefined && values[flag].trim() === '')
        throw new UsageError(`--${flag}: expected a file name, got an empty one`);
    const format = oneOf('--format', values.format, ['text', 'json', 'pcap', 'pcapng'] as const, 'text');
    const fromPcap = values['from-pcap'];
    if (fromPcap !== undefined) return { ok: 'capture', request: captureRequest(fromPcap, format, values) };
    if (values.session !== undefined) throw new UsageError('--session needs --from-pcap FILE');
    const capture = oneOf('--capture', values.capture, ['client', 'server'] as const, 'client');
    if ((format === 'pcap' || format === 'pcapng') && !values.out)
      throw new UsageError(`--format ${format} needs --out FILE`);

    const base = values.scenario !== undefined ? readScenario(values.scenario, readFile) : {};
    const input: Record<string, unknown> = { ...base };
    const set = (target: Record<string, unknown>, key: string, value: unknown): void => {
      if (value !== undefined) target[key] = value;
    };
    /**
     * A section the flags add to: a copy of the file's, when the file has one that is an object. When the
     * file's is something else (`"client": "abc"`), it is left as it is for the schema to say "expected an
     * object" about, rather than spread into fields named 0, 1, 2.
     */
    const section = (key: string): Record<string, unknown> => {
      if (base[key] === undefined) return {};
      const object = plainObject(base[key]);
      return object ? { ...object } : {};
    };
    const client = section('client');
    const server = section('server');
    const L = SCENARIO_LIMITS;
    set(input, 'mode', values.mode);
    if (values.command) input.commands = values.command.map(transferCommand);
    set(input, 'clientFirewall', values['client-firewall']);
    set(input, 'serverFirewall', values['server-firewall']);
    if (values['client-nat']) input.clientNat = true;
    set(input, 'serverNat', values['server-nat']);
    if (values.helper) input.helper = true;
    set(input, 'seed', number('--seed', values.seed, L.seed));
    set(input, 'network', values.network);
    if (values.ip !== undefined)
      input.ipVersion = oneOf('--ip', values.ip, ['4', '6'] as const, '4') === '6' ? 6 : 4;
    // Only when given: a scenario file's own tls stays unless the flag overrides it.
    if (values.tls !== undefined) input.tls = oneOf('--tls', values.tls, TLS_MODES, 'none');
    set(client, 'program', values.client);
    set(client, 'dataPort', values['data-port']);
    set(client, 'ip', values['client-ip']);
    set(client, 'controlPort', number('--control-port', values['control-port'], L.clientControlPort));
    set(
      client,
      'connectTimeout',
      number('--client-connect-timeout', values['client-connect-timeout'], L.clientConnectTimeout, true),
    );
    set(client, 'pause', values['client-pause']);
    set(server, 'ip', values['server-ip']);
    set(server, 'idleTimeout', number('--idle-timeout', values['idle-timeout'], L.serverIdleTimeout, true));
    set(server, 'dataTimeout', number('--data-timeout', values['data-timeout'], L.serverDataTimeout, true));
    set(
      server,
      'connectTimeout',
      number('--connect-timeout', values['connect-timeout'], L.serverConnectTimeout, true),
    );
    set(
      server,
      'acceptTimeout',
      number('--accept-timeout', values['accept-timeout'], L.serverAcceptTimeout, true),
    );
    if (values['no-uploads']) server.uploads = false;
    if (values['passive-ports'] !== undefined) {
      const m = /^(\d{1,5})-(\d{1,5})$/.exec(values['passive-ports']);
      if (!m)
        throw new UsageError(
          `--passive-ports: expected MIN-MAX, two ports from ${L.port.min} to ${L.port.max} such as 40000-40009, got "${values['passive-ports']}"`,
        );
      server.passivePorts = { min: Number(m[1]), max: Number(m[2]) };
    }
    set(input, 'user', values.user);
    set(input, 'password', values.password);
    for (const [key, fields] of [
      ['client', client],
      ['server', server],
    ] as const) {
      const fromFile = base[key];
      if (fromFile !== undefined && !plainObject(fromFile)) input[key] = fromFile;
      else if (Object.keys(fields).length > 0) input[key] = fields;
    }

    const result = parseScenario(input as ScenarioInput);
    if (!result.ok) return { ok: false, message: describeProblems(result.problems, values.scenario) };
    return {
      ok: true,
      request: { scenario: result.scenario, format, capture, ...(values.out ? { out: values.out } : {}) },
    };
  } catch (e) {
    if (e instanceof UsageError) return { ok: false, message: e.message };
    // node:util parseArgs reports unknown flags and missing values with its own clear text.
    if (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
      return { ok: false, message: e.message };
    throw e;
  }
}
