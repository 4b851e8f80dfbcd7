import * as z from 'zod/mini';
import { isIpv4, type Ipv4 } from '../net/address';

// zod/mini: the same validation as zod with a fraction of its weight in the first-load bundle.
// jitless: zod would otherwise probe for `new Function`, which the app's Content-Security-Policy forbids.
z.config({ jitless: true });
const ipv4 = z.pipe(
  z.string().check(z.refine(isIpv4, 'must be a dotted-quad IPv4 address such as 192.168.1.10')),
  z.transform((s) => s as Ipv4),
);

const integer = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const seconds = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
const port = integer(1, 65535);

export const MODES = ['active', 'passive', 'eprt', 'epsv'] as const;
export const CLIENT_FIREWALLS = ['none', 'stateful'] as const;
export const SERVER_FIREWALLS = ['none', 'port21', 'port21+range'] as const;
export const SERVER_NATS = ['none', 'private', 'public'] as const;
export const DATA_PORT_POLICIES = ['textbook', 'realistic'] as const;
export const TRANSFER_VERBS = ['LIST', 'RETR', 'STOR'] as const;

/** A file name as it travels in an FTP command: printable, no path separators, no CR/LF. */
const fileName = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z0-9._-]+$/, 'must be a plain file name (letters, digits, . _ -)'),
  );

export const TransferCommandSchema = z.discriminatedUnion('verb', [
  z.strictObject({ verb: z.literal('LIST') }),
  z.strictObject({ verb: z.literal('RETR'), file: fileName }),
  z.strictObject({ verb: z.literal('STOR'), file: fileName, size: z._default(integer(0, 65536), 2048) }),
]);
export type TransferCommand = z.infer<typeof TransferCommandSchema>;

export const ServerFileSchema = z.strictObject({ name: fileName, size: integer(0, 65536) });
export type ServerFile = z.infer<typeof ServerFileSchema>;

/**
 * Every field has a default, and the defaults are the classic textbook example: active mode, one LIST,
 * no firewall, no NAT, the client's data port N+1. Addresses follow the reference captures' lab network.
 */
export const ScenarioSchema = z.strictObject({
  mode: z._default(z.enum(MODES), 'active'),
  commands: z._default(z.array(TransferCommandSchema).check(z.minLength(1), z.maxLength(8)), [
    { verb: 'LIST' },
  ]),
  user: z._default(
    z.string().check(z.regex(/^[\x21-\x7e]{1,32}$/, 'must be 1–32 printable characters')),
    'anonymous',
  ),
  password: z._default(
    z.string().check(z.regex(/^[\x21-\x7e]{1,64}$/, 'must be 1–64 printable characters')),
    'lab@example.org',
  ),
  client: z.prefault(
    z.strictObject({
      ip: z._default(ipv4, '192.168.1.10' as Ipv4),
      controlPort: z._default(integer(1024, 65000), 56012),
      dataPort: z._default(z.enum(DATA_PORT_POLICIES), 'textbook'),
      /** How long the client's connect() to a passive port may take before it gives up, in seconds. */
      connectTimeout: z._default(seconds(1, 300), 60),
    }),
    {},
  ),
  server: z.prefault(
    z.strictObject({
      ip: z._default(ipv4, '172.16.0.21' as Ipv4),
      passivePorts: z.prefault(
        z
          .strictObject({ min: z._default(port, 40000), max: z._default(port, 40009) })
          .check(z.refine((r) => r.min <= r.max, 'min must not exceed max')),
        {},
      ),
      /** vsftpd connect_timeout: active mode, how long the server tries to reach the client (s). */
      connectTimeout: z._default(seconds(1, 600), 60),
      /** vsftpd accept_timeout: passive mode, how long the server waits for the client (s). */
      acceptTimeout: z._default(seconds(1, 600), 60),
      /** vsftpd anon_upload_enable + write_enable: whether STOR is allowed. */
      uploads: z._default(z.boolean(), true),
      // The two files of the reference captures: LIST gives the same 135 bytes.
      files: z._default(z.array(ServerFileSchema).check(z.maxLength(16)), [
        { name: 'README.txt', size: 22 },
        { name: 'hello.txt', size: 23 },
      ]),
    }),
    {},
  ),
  clientRouter: z.prefault(
    z.strictObject({
      lanIp: z._default(ipv4, '192.168.1.1' as Ipv4),
      wanIp: z._default(ipv4, '203.0.113.1' as Ipv4),
    }),
    {},
  ),
  serverRouter: z.prefault(
    z.strictObject({
      wanIp: z._default(ipv4, '203.0.113.2' as Ipv4),
      lanIp: z._default(ipv4, '172.16.0.1' as Ipv4),
    }),
    {},
  ),
  clientFirewall: z._default(z.enum(CLIENT_FIREWALLS), 'none'),
  serverFirewall: z._default(z.enum(SERVER_FIREWALLS), 'none'),
  clientNat: z._default(z.boolean(), false),
  serverNat: z._default(z.enum(SERVER_NATS), 'none'),
  /** nf_conntrack_ftp (and nf_nat_ftp) on every firewall and NAT router. */
  helper: z._default(z.boolean(), false),
  seed: z._default(integer(0, 0xffffffff), 1),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Mode = Scenario['mode'];
export type ClientFirewall = Scenario['clientFirewall'];
export type ServerFirewall = Scenario['serverFirewall'];
export type ServerNat = Scenario['serverNat'];

export type ScenarioResult =
  { ok: true; scenario: Scenario } | { ok: false; problems: readonly ScenarioProblem[] };

export interface ScenarioProblem {
  /** Dotted path of the offending field, e.g. `server.passivePorts.min`. */
  readonly field: string;
  readonly message: string;
}

export function parseScenario(input: unknown): ScenarioResult {
  const result = ScenarioSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, scenario: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(scenario)',
      message: describeIssue(issue),
    })),
  };
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  string: 'a string',
  object: 'an object',
  array: 'a list',
};

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** zod/mini carries no message catalogue: say what was expected, naming the allowed values. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at least ${count(Number(issue.minimum), issue.origin === 'array' ? 'item' : 'character')}`
        : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at most ${count(Number(issue.maximum), issue.origin === 'array' ? 'item' : 'character')}`
        : `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'expected a command: {"verb":"LIST"}, {"verb":"RETR","file":…} or {"verb":"STOR","file":…}';
    default:
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `invalid ${issue.code.replace(/_/g, ' ')}`;
  }
}

export function defaultScenario(): Scenario {
  return ScenarioSchema.parse({});
}

/** PASV and EPSV: the client opens the data connection to a port the server announced. */
export function usesPassive(mode: Mode): boolean {
  return mode === 'passive' || mode === 'epsv';
}
