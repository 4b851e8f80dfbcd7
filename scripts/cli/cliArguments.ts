import { parseArgs } from 'node:util';
import { type Scenario, type ScenarioInput } from '../../src/engine';
import { parseScenario, type ScenarioProblem } from '../../src/engine/validation';

export type OutputFormat = 'text' | 'json' | 'pcap';
export type CapturePoint = 'client' | 'server';

export interface CliRequest {
  readonly scenario: Scenario;
  readonly format: OutputFormat;
  readonly out?: string;
  readonly capture: CapturePoint;
}

export type CliParse = { ok: true; request: CliRequest } | { ok: false; message: string } | { ok: 'help' };

export const USAGE = `Usage: npm run --silent sim -- [flags]

Scenario (each flag sets one field; defaults reproduce the textbook example: active mode, LIST, no firewall):
  --mode active|passive|eprt|epsv        data connection set-up (PORT, PASV, EPRT, EPSV)
  --command CMD                          LIST, "RETR <file>" or "STOR <file> [bytes]"; repeatable, in order
  --client-firewall none|stateful        firewall on the client host
  --server-firewall none|port21|port21+range
  --client-nat                           client behind a masquerading router
  --server-nat none|private|public       server behind NAT: announces its private address, or its public one
  --helper                               FTP connection-tracking helper on firewalls and NAT routers
  --data-port textbook|realistic         client data port: N+1 (textbook) or a fresh ephemeral port
  --seed N                               seed for every random choice
  --client-ip A.B.C.D  --server-ip A.B.C.D  --control-port N  --passive-ports MIN-MAX
  --connect-timeout S  --accept-timeout S    vsftpd connect_timeout / accept_timeout (default 60)
  --client-connect-timeout S             how long the client tries to reach a passive port (default 60)
  --no-uploads                           refuse STOR (vsftpd without write_enable)
  --user NAME  --password WORD
  --scenario FILE.json                   read the scenario from a file (flags given too override it)

Output:
  --format text|json|pcap                transcript (default), JSON, or a libpcap capture
  --out FILE                             where to write (required for pcap)
  --capture client|server                capture point for pcap (default client)
  --help`;

const OPTIONS = {
  mode: { type: 'string' },
  command: { type: 'string', multiple: true },
  'client-firewall': { type: 'string' },
  'server-firewall': { type: 'string' },
  'client-nat': { type: 'boolean' },
  'server-nat': { type: 'string' },
  helper: { type: 'boolean' },
  'data-port': { type: 'string' },
  seed: { type: 'string' },
  'client-ip': { type: 'string' },
  'server-ip': { type: 'string' },
  'control-port': { type: 'string' },
  'passive-ports': { type: 'string' },
  'connect-timeout': { type: 'string' },
  'accept-timeout': { type: 'string' },
  'client-connect-timeout': { type: 'string' },
  'no-uploads': { type: 'boolean' },
  user: { type: 'string' },
  password: { type: 'string' },
  scenario: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  capture: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** Which flag sets which scenario field, so a validation problem names what the user typed. */
const FLAG_OF_FIELD: Record<string, string> = {
  mode: '--mode',
  commands: '--command',
  clientFirewall: '--client-firewall',
  serverFirewall: '--server-firewall',
  serverNat: '--server-nat',
  'client.dataPort': '--data-port',
  seed: '--seed',
  'client.ip': '--client-ip',
  'server.ip': '--server-ip',
  'client.controlPort': '--control-port',
  'server.passivePorts': '--passive-ports',
  'server.connectTimeout': '--connect-timeout',
  'server.acceptTimeout': '--accept-timeout',
  'client.connectTimeout': '--client-connect-timeout',
  user: '--user',
  password: '--password',
};

class UsageError extends Error {}

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`${flag}: expected a number, got "${text}"`);
  return n;
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
    : { verb: 'STOR', file, size: number('--command', size) };
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

function describeProblems(problems: readonly ScenarioProblem[], fromFile: string | undefined): string {
  return problems
    .map((p) => {
      const flag = Object.entries(FLAG_OF_FIELD).find(
        ([field]) => p.field === field || p.field.startsWith(`${field}.`),
      )?.[1];
      const where =
        flag && !fromFile ? `${flag} (${p.field})` : `${fromFile ? `${fromFile}: ` : ''}${p.field}`;
      return `${where}: ${p.message}`;
    })
    .join('\n');
}

/**
 * Turns the command line into a validated request. `readFile` is injected so tests need no disk.
 */
export function parseCliArguments(argv: readonly string[], readFile: (path: string) => string): CliParse {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (values.help) return { ok: 'help' };
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see --help)`);
    const format = oneOf('--format', values.format, ['text', 'json', 'pcap'] as const, 'text');
    const capture = oneOf('--capture', values.capture, ['client', 'server'] as const, 'client');
    if (format === 'pcap' && !values.out) throw new UsageError('--format pcap needs --out FILE');

    let base: Record<string, unknown> = {};
    if (values.scenario) {
      let text: string;
      try {
        text = readFile(values.scenario);
      } catch {
        throw new UsageError(`--scenario: cannot read "${values.scenario}"`);
      }
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new UsageError(`--scenario: "${values.scenario}" must hold a JSON object`);
        base = parsed as Record<string, unknown>;
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`--scenario: "${values.scenario}" is not valid JSON (${(e as Error).message})`);
      }
    }
    const section = (key: string): Record<string, unknown> => ({
      ...((base[key] as Record<string, unknown> | undefined) ?? {}),
    });
    const client = section('client');
    const server = section('server');
    const input: Record<string, unknown> = { ...base };
    const set = (target: Record<string, unknown>, key: string, value: unknown): void => {
      if (value !== undefined) target[key] = value;
    };
    set(input, 'mode', values.mode);
    if (values.command) input.commands = values.command.map(transferCommand);
    set(input, 'clientFirewall', values['client-firewall']);
    set(input, 'serverFirewall', values['server-firewall']);
    if (values['client-nat']) input.clientNat = true;
    set(input, 'serverNat', values['server-nat']);
    if (values.helper) input.helper = true;
    set(input, 'seed', number('--seed', values.seed));
    set(client, 'dataPort', values['data-port']);
    set(client, 'ip', values['client-ip']);
    set(client, 'controlPort', number('--control-port', values['control-port']));
    set(client, 'connectTimeout', number('--client-connect-timeout', values['client-connect-timeout']));
    set(server, 'ip', values['server-ip']);
    set(server, 'connectTimeout', number('--connect-timeout', values['connect-timeout']));
    set(server, 'acceptTimeout', number('--accept-timeout', values['accept-timeout']));
    if (values['no-uploads']) server.uploads = false;
    if (values['passive-ports'] !== undefined) {
      const m = /^(\d+)-(\d+)$/.exec(values['passive-ports']);
      if (!m)
        throw new UsageError(
          `--passive-ports: expected MIN-MAX such as 40000-40009, got "${values['passive-ports']}"`,
        );
      server.passivePorts = { min: Number(m[1]), max: Number(m[2]) };
    }
    set(input, 'user', values.user);
    set(input, 'password', values.password);
    if (Object.keys(client).length > 0) input.client = client;
    if (Object.keys(server).length > 0) input.server = server;

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
