import { z } from 'zod';
import { isIpv4, type Ipv4 } from '../net/address';

const ipv4 = z
  .string()
  .refine(isIpv4, { message: 'must be a dotted-quad IPv4 address such as 192.168.1.10' })
  .transform((s) => s as Ipv4);

const port = z.number().int().min(1).max(65535);

export const MODES = ['active', 'passive', 'eprt', 'epsv'] as const;
export const CLIENT_FIREWALLS = ['none', 'stateful'] as const;
export const SERVER_FIREWALLS = ['none', 'port21', 'port21+range'] as const;
export const SERVER_NATS = ['none', 'private', 'public'] as const;
export const DATA_PORT_POLICIES = ['textbook', 'realistic'] as const;
export const TRANSFER_VERBS = ['LIST', 'RETR', 'STOR'] as const;

/** A file name as it travels in an FTP command: printable, no path separators, no CR/LF. */
const fileName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'must be a plain file name (letters, digits, . _ -)' });

export const TransferCommandSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('LIST') }),
  z.object({ verb: z.literal('RETR'), file: fileName }),
  z.object({
    verb: z.literal('STOR'),
    file: fileName,
    size: z.number().int().min(0).max(65536).default(2048),
  }),
]);
export type TransferCommand = z.infer<typeof TransferCommandSchema>;

export const ServerFileSchema = z.object({
  name: fileName,
  size: z.number().int().min(0).max(65536),
});
export type ServerFile = z.infer<typeof ServerFileSchema>;

/**
 * Every field has a default, and the defaults are the classic textbook example: active mode, one LIST,
 * no firewall, no NAT, the client's data port N+1. Addresses follow the reference captures' lab network.
 */
export const ScenarioSchema = z
  .object({
    mode: z.enum(MODES).default('active'),
    commands: z
      .array(TransferCommandSchema)
      .min(1)
      .max(8)
      .default([{ verb: 'LIST' }]),
    user: z
      .string()
      .regex(/^[\x21-\x7e]{1,32}$/)
      .default('anonymous'),
    password: z
      .string()
      .regex(/^[\x21-\x7e]{1,64}$/)
      .default('lab@example.org'),
    client: z
      .object({
        ip: ipv4.default('192.168.1.10' as Ipv4),
        controlPort: z.number().int().min(1024).max(65000).default(56012),
        dataPort: z.enum(DATA_PORT_POLICIES).default('textbook'),
        /** How long the client's connect() to a passive port may take before it gives up, in seconds. */
        connectTimeout: z.number().min(1).max(300).default(60),
      })
      .prefault({}),
    server: z
      .object({
        ip: ipv4.default('172.16.0.21' as Ipv4),
        passivePorts: z
          .object({ min: port.default(40000), max: port.default(40009) })
          .prefault({})
          .refine((r) => r.min <= r.max, { message: 'min must not exceed max' }),
        /** vsftpd connect_timeout: active mode, how long the server tries to reach the client (s). */
        connectTimeout: z.number().min(1).max(600).default(60),
        /** vsftpd accept_timeout: passive mode, how long the server waits for the client (s). */
        acceptTimeout: z.number().min(1).max(600).default(60),
        /** vsftpd anon_upload_enable + write_enable: whether STOR is allowed. */
        uploads: z.boolean().default(true),
        files: z
          .array(ServerFileSchema)
          .max(16)
          // The two files of the reference captures: LIST gives the same 135 bytes.
          .default([
            { name: 'README.txt', size: 22 },
            { name: 'hello.txt', size: 23 },
          ]),
      })
      .prefault({}),
    clientRouter: z
      .object({ lanIp: ipv4.default('192.168.1.1' as Ipv4), wanIp: ipv4.default('203.0.113.1' as Ipv4) })
      .prefault({}),
    serverRouter: z
      .object({ wanIp: ipv4.default('203.0.113.2' as Ipv4), lanIp: ipv4.default('172.16.0.1' as Ipv4) })
      .prefault({}),
    clientFirewall: z.enum(CLIENT_FIREWALLS).default('none'),
    serverFirewall: z.enum(SERVER_FIREWALLS).default('none'),
    clientNat: z.boolean().default(false),
    serverNat: z.enum(SERVER_NATS).default('none'),
    /** nf_conntrack_ftp (and nf_nat_ftp) on every firewall and NAT router. */
    helper: z.boolean().default(false),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
  })
  .strict();

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
      message: issue.message,
    })),
  };
}

export function defaultScenario(): Scenario {
  return ScenarioSchema.parse({});
}

/** Whether the command moves bytes over a data connection (all of ours do; kept for clarity of intent). */
export function usesPassive(mode: Mode): boolean {
  return mode === 'passive' || mode === 'epsv';
}
