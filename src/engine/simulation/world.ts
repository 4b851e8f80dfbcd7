import { type Agenda } from '../clock/agenda';
import type { VirtualTime } from '../clock/virtualTime';
import type {
  ClientExit,
  ConnId,
  DeviceId,
  DraftEvent,
  FailureReason,
  HostId,
  TransferSummary,
} from '../events/stepEvent';
import { CLIENT_START, type ClientState } from '../ftp/client';
import { CURL_START, type CurlState } from '../ftp/curlClient';
import type { AppInput, AppOp, DialogueContext } from '../ftp/dialogue';
import { SERVER_START, type ServerState } from '../ftp/serverState';
import type { Endpoint } from '../net/address';
import { EMPTY_PATH, pathConfig, type PathConfig, type PathState } from '../net/path';
import { topologyOf } from '../net/topology';
import { createChance } from '../random';
import type { Scenario } from '../scenario/scenario';
import type { TcpEndpoint } from '../tcp/endpoint';
import type { EndpointInput } from '../tcp/endpointStep';
import type { TcpSegment } from '../tcp/segment';
import type { TlsSide } from '../tls/session';

export type Role = 'initiator' | 'responder';

/** The client program the scenario chose, and its state. */
export type ClientMachine =
  | { readonly program: 'classic'; readonly state: ClientState }
  | { readonly program: 'curl'; readonly state: CurlState };

/** What the agenda delivers: to an FTP program, to one end of a connection, or to the log. */
export type SimInput =
  | { readonly kind: 'app'; readonly host: HostId; readonly input: AppInput }
  | { readonly kind: 'op'; readonly host: HostId; readonly op: AppOp }
  /** What a TLS session writes once OpenSSL's work is done: straight to the socket. */
  | { readonly kind: 'wire'; readonly host: HostId; readonly op: AppOp }
  | { readonly kind: 'tcp'; readonly conn: ConnId; readonly role: Role; readonly input: EndpointInput }
  /** A decision a device makes as the packet reaches it, later than the packet left its sender. */
  | { readonly kind: 'record'; readonly event: DraftEvent }
  /** A stack with no socket for a SYN answers RST: a host's, or a NAT router's for a port it forwards nowhere. */
  | { readonly kind: 'refusal'; readonly conn: ConnId; readonly from: DeviceId; readonly syn: TcpSegment };

export interface Transfers {
  /** Why each data connection (the transfer it served) failed, as the side that knows noted it. */
  readonly notes: Map<ConnId, { readonly reason: FailureReason; readonly packetId?: number }>;
  /** Per connection, the first SYN or SYN-ACK that did not get through. */
  readonly firstFailure: Map<ConnId, number>;
  readonly summaries: TransferSummary[];
}

/** Everything the simulation holds while it runs; each machine's state is replaced, never edited. */
export interface World {
  readonly ctx: DialogueContext;
  readonly path: PathConfig;
  readonly agenda: Agenda<SimInput>;
  tables: PathState;
  readonly conns: Map<ConnId, Record<Role, TcpEndpoint>>;
  readonly listeners: Record<HostId, Endpoint[]>;
  client: ClientMachine;
  server: ServerState;
  /** What curl reports when it exits. */
  clientExit?: ClientExit;
  /** Explicit FTPS: each host's TLS session on a connection, keyed `conn host` (see `tlsKey`). */
  readonly tls: Map<string, TlsSide>;
  packetId: number;
  readonly log: DraftEvent[];
  readonly transfers: Transfers;
  end?: VirtualTime;
  /** Whether a socket listens at an address on a host: what a SYN's fate at that host depends on. */
  readonly isListening: (host: HostId, at: Endpoint) => boolean;
}

export function createWorld(s: Scenario, agenda: Agenda<SimInput>): World {
  const topo = topologyOf(s);
  const listeners: Record<HostId, Endpoint[]> = { client: [], server: [] };
  return {
    ctx: { s, topo, chance: createChance(s.seed) },
    path: pathConfig(s, topo),
    agenda,
    tables: EMPTY_PATH,
    conns: new Map(),
    listeners,
    isListening: (host, at) => listeners[host].some((l) => l.ip === at.ip && l.port === at.port),
    client:
      s.client.program === 'curl'
        ? { program: 'curl', state: CURL_START }
        : { program: 'classic', state: CLIENT_START },
    server: SERVER_START,
    tls: new Map(),
    packetId: 0,
    log: [],
    transfers: { notes: new Map(), firstFailure: new Map(), summaries: [] },
  };
}

/** The log only moves forward in time: a decision recorded out of order is a programmer error. */
export function record(world: World, event: DraftEvent): void {
  const last = world.log.at(-1);
  if (last && event.at < last.at)
    throw new Error(`Event at ${event.at} µs recorded after one at ${last.at} µs`);
  world.log.push(event);
}

export const tlsKey = (conn: ConnId, host: HostId): string => `${conn} ${host}`;
