import type { IpAddress, IpVersion } from '../net/address';

/*
 * The scenario as plain data: its types, its allowed values and ranges, and its defaults. No validation
 * library here, so the simulator can start without one; untrusted input goes through `schema.ts`, which
 * builds its checks from the same constants.
 */

export const MODES = ['active', 'passive', 'eprt', 'epsv'] as const;
export const CLIENT_FIREWALLS = ['none', 'stateful'] as const;
export const SERVER_FIREWALLS = ['none', 'port21', 'port21+range'] as const;
export const SERVER_NATS = ['none', 'private', 'public'] as const;
export const DATA_PORT_POLICIES = ['textbook', 'realistic'] as const;
/**
 * What joins the two routers: the public Internet, which routes no private (RFC 1918) address, or a routed
 * private network (a lab, a company's network) where the LANs' private addresses are routed as they are.
 */
export const NETWORKS = ['internet', 'routed-private'] as const;
/**
 * What the client does besides answering at once: it may go quiet after logging in (vsftpd's
 * idle_session_timeout ends the session) or stop sending in the middle of an upload (data_connection_timeout).
 */
export const CLIENT_PAUSES = ['none', 'after-login', 'during-upload'] as const;
export const TRANSFER_VERBS = ['LIST', 'RETR', 'STOR'] as const;
/**
 * The session's IP version. IPv6 hosts and routers have global addresses from the documentation prefix
 * 2001:db8::/32 and no NAT (see `addressPlan`).
 */
export const IP_VERSIONS = [4, 6] as const satisfies readonly IpVersion[];
/**
 * The FTP client program: the `classic` scripted client of the reference captures (much like inetutils
 * ftp or Python's ftplib) or `curl` 7.88, whose own command order, fallbacks and exit statuses were
 * measured in tests/lab (tests/lab/findings/issue14-curl-ftps-ipv6.md).
 */
export const CLIENT_PROGRAMS = ['classic', 'curl'] as const;
/**
 * TLS on the control connection: `none` (plain FTP) or `explicit` FTPS (RFC 4217: AUTH TLS, PBSZ 0, PROT P),
 * with vsftpd's ssl_enable=YES, as measured in tests/lab (findings/issue14-curl-ftps-ipv6.md, section B).
 */
export const TLS_MODES = ['none', 'explicit'] as const;

export type Mode = (typeof MODES)[number];
export type ClientFirewall = (typeof CLIENT_FIREWALLS)[number];
export type ServerFirewall = (typeof SERVER_FIREWALLS)[number];
export type ServerNat = (typeof SERVER_NATS)[number];
export type DataPortPolicy = (typeof DATA_PORT_POLICIES)[number];
export type Network = (typeof NETWORKS)[number];
export type ClientPause = (typeof CLIENT_PAUSES)[number];
export type ClientProgram = (typeof CLIENT_PROGRAMS)[number];
export type TlsMode = (typeof TLS_MODES)[number];

/** The inclusive ranges the schema enforces; the controls show the same numbers. */
export const SCENARIO_LIMITS = {
  commands: { min: 1, max: 8 },
  /** Bytes of an uploaded or served file. */
  fileSize: { min: 0, max: 65536 },
  fileName: { min: 1, max: 64 },
  serverFiles: { min: 0, max: 16 },
  clientControlPort: { min: 1024, max: 65000 },
  port: { min: 1, max: 65535 },
  /** The client's connect() to a passive port, seconds. */
  clientConnectTimeout: { min: 1, max: 300 },
  /** vsftpd connect_timeout, seconds. */
  serverConnectTimeout: { min: 1, max: 600 },
  /** vsftpd accept_timeout, seconds. */
  serverAcceptTimeout: { min: 1, max: 600 },
  /** vsftpd idle_session_timeout, seconds. */
  serverIdleTimeout: { min: 1, max: 3600 },
  /** vsftpd data_connection_timeout, seconds. */
  serverDataTimeout: { min: 1, max: 3600 },
  seed: { min: 0, max: 0xffffffff },
} as const;

/** A STOR without a size uploads this many bytes. */
export const DEFAULT_STOR_SIZE = 2048;

export type TransferCommand =
  { verb: 'LIST' } | { verb: 'RETR'; file: string } | { verb: 'STOR'; file: string; size: number };

export interface ServerFile {
  name: string;
  size: number;
}

export interface Scenario {
  mode: Mode;
  commands: TransferCommand[];
  user: string;
  password: string;
  client: {
    program: ClientProgram;
    /** Left out: derived from the NAT settings (see `addressPlan`). */
    ip?: IpAddress;
    controlPort: number;
    dataPort: DataPortPolicy;
    /**
     * How long the client's connect() to a passive port may take before it gives up, in seconds; for
     * curl, its --connect-timeout, which counts from the start of the whole transfer.
     */
    connectTimeout: number;
    pause: ClientPause;
  };
  server: {
    ip?: IpAddress;
    passivePorts: { min: number; max: number };
    /** vsftpd connect_timeout: active mode, how long the server tries to reach the client (s). */
    connectTimeout: number;
    /** vsftpd accept_timeout: passive mode, how long the server waits for the client (s). */
    acceptTimeout: number;
    /** vsftpd idle_session_timeout: how long it waits for the next command before it ends the session (s). */
    idleTimeout: number;
    /** vsftpd data_connection_timeout: how long a transfer may make no progress (s). */
    dataTimeout: number;
    /** vsftpd anon_upload_enable + write_enable: whether STOR is allowed. */
    uploads: boolean;
    files: ServerFile[];
  };
  /** Explicit router addresses; each one left out is derived from the NAT settings. */
  clientRouter: { lanIp?: IpAddress; wanIp?: IpAddress };
  serverRouter: { wanIp?: IpAddress; lanIp?: IpAddress };
  network: Network;
  ipVersion: IpVersion;
  clientFirewall: ClientFirewall;
  serverFirewall: ServerFirewall;
  clientNat: boolean;
  serverNat: ServerNat;
  /** nf_conntrack_ftp (and nf_nat_ftp) on every firewall and NAT router. */
  helper: boolean;
  /** Explicit FTPS: everything after `234` travels in TLS records the helper cannot read. */
  tls: TlsMode;
  seed: number;
}

/**
 * The classic textbook example: active mode, one LIST, no firewall, no NAT, the client's data port N+1.
 * Addresses come from the NAT settings (`addressPlan`); the two files give LIST the captures' 135 bytes.
 */
const TEXTBOOK: Scenario = {
  mode: 'active',
  commands: [{ verb: 'LIST' }],
  user: 'anonymous',
  password: 'lab@example.org',
  client: { program: 'classic', controlPort: 56012, dataPort: 'textbook', connectTimeout: 60, pause: 'none' },
  server: {
    passivePorts: { min: 40000, max: 40009 },
    connectTimeout: 60,
    acceptTimeout: 60,
    // vsftpd 3.0.3's defaults (vsftpd.conf(5)).
    idleTimeout: 300,
    dataTimeout: 300,
    uploads: true,
    files: [
      { name: 'README.txt', size: 22 },
      { name: 'hello.txt', size: 23 },
    ],
  },
  clientRouter: {},
  serverRouter: {},
  network: 'internet',
  ipVersion: 4,
  clientFirewall: 'none',
  serverFirewall: 'none',
  clientNat: false,
  serverNat: 'none',
  helper: false,
  tls: 'none',
  seed: 1,
};

/** A fresh copy of the textbook example: every field of the schema left out takes this value. */
export function defaultScenario(): Scenario {
  return structuredClone(TEXTBOOK);
}

/** PASV and EPSV: the client opens the data connection to a port the server announced. */
export function usesPassive(mode: Mode): boolean {
  return mode === 'passive' || mode === 'epsv';
}

/**
 * Whether this client does explicit FTPS in this mode. curl 7.87–7.88 never starts TLS on a data
 * connection it accepted (curl issue #10666, fixed in 8.0): its active-mode FTPS hangs until vsftpd gives
 * up (tests/lab, issue 14 B4). The schema refuses the combination; the settings never offer it.
 */
export function supportsExplicitTls(program: ClientProgram, mode: Mode): boolean {
  return program !== 'curl' || usesPassive(mode);
}
