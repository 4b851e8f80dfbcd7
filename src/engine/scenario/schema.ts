import * as z from 'zod/mini';
import { canonicalIpv6, isIpv4, type IpAddress } from '../net/address';
import { addressProblems } from '../net/addressPlan';
import {
  CLIENT_FIREWALLS,
  CLIENT_PAUSES,
  CLIENT_PROGRAMS,
  DATA_PORT_POLICIES,
  DEFAULT_STOR_SIZE,
  defaultScenario,
  IP_VERSIONS,
  MODES,
  NETWORKS,
  SCENARIO_LIMITS as LIMITS,
  SERVER_FIREWALLS,
  SERVER_NATS,
  TLS_MODES,
  supportsExplicitTls,
  type Scenario,
  type ServerFile,
  type TransferCommand,
} from './scenario';

// zod/mini: the same validation as zod with a fraction of its weight in the bundle.
// jitless: zod would otherwise probe for `new Function`, which the app's Content-Security-Policy forbids.
z.config({ jitless: true });

/**
 * The schemas, built the first time a scenario is read: building zod schemas is most of this module's cost
 * (tens of milliseconds on a slow phone), and a first visit's lesson reads no scenario at all.
 */
function buildSchemas() {
  // IPv6 text is kept in its canonical form, so that the engine compares addresses as strings; whether the
  // address fits the session's ipVersion is the whole scenario's question (`addressProblems`).
  const ipAddress = z.pipe(
    z
      .string()
      .check(
        z.refine(
          (s) => isIpv4(s) || canonicalIpv6(s) !== undefined,
          'must be an IPv4 address such as 198.51.100.10 or an IPv6 address such as 2001:db8:1::10',
        ),
      ),
    z.transform((s): IpAddress => (isIpv4(s) ? s : (canonicalIpv6(s) as IpAddress))),
  );

  type Range = { readonly min: number; readonly max: number };
  const integer = ({ min, max }: Range) => z.int().check(z.gte(min), z.lte(max));
  const seconds = ({ min, max }: Range) => z.number().check(z.gte(min), z.lte(max));
  const port = integer(LIMITS.port);

  /** A file name as it travels in an FTP command: printable, no path separators, no CR/LF. */
  const fileName = z
    .string()
    .check(
      z.minLength(LIMITS.fileName.min),
      z.maxLength(LIMITS.fileName.max),
      z.regex(/^[A-Za-z0-9._-]+$/, 'must be a plain file name (letters, digits, . _ -)'),
    );

  const TransferCommandSchema = z.discriminatedUnion('verb', [
    z.strictObject({ verb: z.literal('LIST') }),
    z.strictObject({ verb: z.literal('RETR'), file: fileName }),
    z.strictObject({
      verb: z.literal('STOR'),
      file: fileName,
      size: z._default(integer(LIMITS.fileSize), DEFAULT_STOR_SIZE),
    }),
  ]);

  const ServerFileSchema = z.strictObject({ name: fileName, size: integer(LIMITS.fileSize) });

  const d = defaultScenario();

  /** Every field has a default: the textbook example of `defaultScenario()`. */
  const ScenarioFields = z.strictObject({
    mode: z._default(z.enum(MODES), d.mode),
    commands: z._default(
      z
        .array(TransferCommandSchema)
        .check(z.minLength(LIMITS.commands.min), z.maxLength(LIMITS.commands.max)),
      d.commands,
    ),
    user: z._default(
      z.string().check(z.regex(/^[\x21-\x7e]{1,32}$/, 'must be 1–32 printable characters')),
      d.user,
    ),
    password: z._default(
      z.string().check(z.regex(/^[\x21-\x7e]{1,64}$/, 'must be 1–64 printable characters')),
      d.password,
    ),
    client: z.prefault(
      z.strictObject({
        program: z._default(z.enum(CLIENT_PROGRAMS), d.client.program),
        ip: z.optional(ipAddress),
        controlPort: z._default(integer(LIMITS.clientControlPort), d.client.controlPort),
        dataPort: z._default(z.enum(DATA_PORT_POLICIES), d.client.dataPort),
        connectTimeout: z._default(seconds(LIMITS.clientConnectTimeout), d.client.connectTimeout),
        pause: z._default(z.enum(CLIENT_PAUSES), d.client.pause),
      }),
      {},
    ),
    server: z.prefault(
      z.strictObject({
        ip: z.optional(ipAddress),
        passivePorts: z.prefault(
          z
            .strictObject({
              min: z._default(port, d.server.passivePorts.min),
              max: z._default(port, d.server.passivePorts.max),
            })
            .check(z.refine((r) => r.min <= r.max, 'min must not exceed max')),
          {},
        ),
        connectTimeout: z._default(seconds(LIMITS.serverConnectTimeout), d.server.connectTimeout),
        acceptTimeout: z._default(seconds(LIMITS.serverAcceptTimeout), d.server.acceptTimeout),
        idleTimeout: z._default(seconds(LIMITS.serverIdleTimeout), d.server.idleTimeout),
        dataTimeout: z._default(seconds(LIMITS.serverDataTimeout), d.server.dataTimeout),
        uploads: z._default(z.boolean(), d.server.uploads),
        files: z._default(
          z.array(ServerFileSchema).check(z.maxLength(LIMITS.serverFiles.max)),
          d.server.files,
        ),
      }),
      {},
    ),
    clientRouter: z.prefault(
      z.strictObject({
        lanIp: z.optional(ipAddress),
        wanIp: z.optional(ipAddress),
      }),
      {},
    ),
    serverRouter: z.prefault(
      z.strictObject({
        wanIp: z.optional(ipAddress),
        lanIp: z.optional(ipAddress),
      }),
      {},
    ),
    clientFirewall: z._default(z.enum(CLIENT_FIREWALLS), d.clientFirewall),
    serverFirewall: z._default(z.enum(SERVER_FIREWALLS), d.serverFirewall),
    clientNat: z._default(z.boolean(), d.clientNat),
    serverNat: z._default(z.enum(SERVER_NATS), d.serverNat),
    helper: z._default(z.boolean(), d.helper),
    tls: z._default(z.enum(TLS_MODES), d.tls),
    network: z._default(z.enum(NETWORKS), d.network),
    ipVersion: z._default(z.literal(IP_VERSIONS), d.ipVersion),
    seed: z._default(integer(LIMITS.seed), d.seed),
  });

  /** vsftpd itself uses these on the server: a passive range holding one would collide with them. */
  const SERVER_OWN_PORTS = [20, 21] as const;

  /**
   * What only the whole scenario can tell: addresses that cannot work together (see `addressProblems`), a
   * passive range over vsftpd's own ports, a file listed twice.
   */
  const ScenarioSchema = ScenarioFields.check(
    z.superRefine((s, ctx) => {
      for (const p of addressProblems(s))
        ctx.issues.push({ code: 'custom', message: p.message, path: p.field.split('.'), input: s });
      const { min, max } = s.server.passivePorts;
      for (const port of SERVER_OWN_PORTS)
        if (min <= port && port <= max)
          ctx.issues.push({
            code: 'custom',
            message: `the passive range ${min}-${max} contains port ${port}, which vsftpd already uses (${port === 21 ? 'the control connection' : 'active-mode data connections'})`,
            path: ['server', 'passivePorts'],
            input: s,
          });
      // curl never stops on its own in the middle of a session: the pauses are the classic client's.
      if (s.client.program === 'curl' && s.client.pause !== 'none')
        ctx.issues.push({
          code: 'custom',
          message: `curl does not pause (${s.client.pause}); choose the classic client or no pause`,
          path: ['client', 'pause'],
          input: s,
        });
      // A bug of one curl release (see supportsExplicitTls), not FTPS, so the engine does not teach it; the
      // classic client shows active-mode FTPS.
      if (s.tls === 'explicit' && !supportsExplicitTls(s.client.program, s.mode))
        ctx.issues.push({
          code: 'custom',
          message: `curl 7.88 cannot do active-mode FTPS (${s.mode}): it never starts TLS on the data connection it accepts (curl bug #10666, fixed in curl 8.0); choose passive or EPSV mode, or the classic client`,
          path: ['tls'],
          input: s,
        });
      const names = new Set<string>();
      s.server.files.forEach((f, i) => {
        if (names.has(f.name))
          ctx.issues.push({
            code: 'custom',
            message: `the file name ${JSON.stringify(f.name)} is listed twice`,
            path: ['server', 'files', i, 'name'],
            input: s,
          });
        names.add(f.name);
      });
    }),
  );

  return { TransferCommandSchema, ServerFileSchema, ScenarioSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;
const schemas = (): Schemas => (built ??= buildSchemas());

/** What a scenario file, a CLI flag set or a link may give: any field left out takes its default. */
export type ScenarioInput = z.input<Schemas['ScenarioSchema']>;

// The schema's output and the plain types of scenario.ts must stay the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: [
  Same<z.output<Schemas['ScenarioSchema']>, Scenario>,
  Same<z.output<Schemas['TransferCommandSchema']>, TransferCommand>,
  Same<z.output<Schemas['ServerFileSchema']>, ServerFile>,
] = [true, true, true];
void sameShape;

export type ScenarioResult =
  { ok: true; scenario: Scenario } | { ok: false; problems: readonly ScenarioProblem[] };

export interface ScenarioProblem {
  /** Dotted path of the offending field, e.g. `server.passivePorts.min`. */
  readonly field: string;
  readonly message: string;
}

/** Untrusted input (a file, flags, a link) to a Scenario, or the problems, each naming its field. */
export function parseScenario(input: unknown): ScenarioResult {
  const result = schemas().ScenarioSchema.safeParse(input ?? {});
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

/** Unknown fields named in a message: the first few, each short and on one line (a file may hold thousands). */
const LISTED_KEYS = 5;
const KEY_LENGTH = 40;
function listKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, LISTED_KEYS).map((key) => {
    const short = key.slice(0, KEY_LENGTH);
    const text = /^[\w.$-]+$/.test(short) ? short : JSON.stringify(short);
    return key.length > KEY_LENGTH ? `${text}…` : text;
  });
  const more = keys.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

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
      return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${listKeys(issue.keys)}`;
    case 'invalid_union':
      return 'expected a command: {"verb":"LIST"}, {"verb":"RETR","file":…} or {"verb":"STOR","file":…}';
    default:
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `invalid ${issue.code.replace(/_/g, ' ')}`;
  }
}
