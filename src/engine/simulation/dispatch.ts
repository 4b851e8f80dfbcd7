import { schedule } from '../clock/agenda';
import { advance } from '../clock/virtualTime';
import type { ConnId, DeviceId, HostId, Packet, SegmentView } from '../events/stepEvent';
import { stepClient } from '../ftp/client';
import { stepCurl } from '../ftp/curlClient';
import { commandLine, replyLine } from '../ftp/messages';
import type { AppInput, AppOp, TimedOp } from '../ftp/dialogue';
import { stepServer } from '../ftp/server';
import { forward } from '../net/path';
import {
  createEndpoint,
  segmentPayload,
  STACK_US,
  type Application,
  type TcpEndpoint,
} from '../tcp/endpoint';
import { recordHeaders, type TlsRecord } from '../tls/records';
import { createTlsSide, receiveTls, startTls, writeTls, type TlsContext, type TlsStep } from '../tls/session';
import { stepEndpoint, type EndpointAction, type EndpointInput } from '../tcp/endpointStep';
import { flags, seqAdd, type TcpSegment } from '../tcp/segment';
import { synSchedule } from '../tcp/synRetransmission';
import { record, tlsKey, type Role, type SimInput, type World } from './world';
import { ipVersionOf } from '../net/address';

/** One input from the agenda, to the machine it is for. */
export function dispatch(world: World, input: SimInput): void {
  switch (input.kind) {
    case 'app':
      return runApp(world, input.host, input.input);
    case 'op':
      return runOp(world, input.host, input.op);
    case 'wire':
      return runSocketOp(world, input.host, input.op);
    case 'tcp':
      return runEndpoint(world, input.conn, input.role, input.input);
    case 'record':
      return record(world, input.event);
    case 'refusal':
      return refuse(world, input.conn, input.from, input.syn);
  }
}

function runApp(world: World, host: HostId, input: AppInput): void {
  const side = input.kind === 'received' ? world.tls.get(tlsKey(input.conn, host)) : undefined;
  if (side && input.kind === 'received')
    return throughTls(world, host, receiveTls(side, input, tlsContext(world)));
  runProgram(world, host, input);
}

/** The TLS layer's sessions are OpenSSL's: the same for both programs, between each and its sockets. */
function tlsContext(world: World): TlsContext {
  const { s, topo, chance } = world.ctx;
  return {
    chance,
    segmentBytes: segmentPayload({ local: { ip: topo.addresses.client, port: 0 } }),
    notifyOnControlClose: s.client.program === 'curl',
  };
}

/** What a TLS session does: its records go to the socket, the plaintext it read to the program. */
function throughTls(world: World, host: HostId, step: TlsStep): void {
  world.tls.set(tlsKey(step.side.conn, host), step.side);
  const at = advance(world.agenda.now, step.after);
  for (const op of step.wire)
    if (step.after === 0) runSocketOp(world, host, op);
    else schedule(world.agenda, at, { kind: 'wire', host, op });
  if (step.later)
    schedule(world.agenda, advance(world.agenda.now, step.later.after), {
      kind: 'wire',
      host,
      op: step.later.op,
    });
  for (const notice of step.up) runProgram(world, host, notice);
}

function runProgram(world: World, host: HostId, input: AppInput): void {
  const now = world.agenda.now;
  let ops: readonly TimedOp[];
  if (host === 'client' && world.client.program === 'curl') {
    const step = stepCurl(world.client.state, input, now, world.ctx);
    world.client = { program: 'curl', state: step.state };
    ops = step.ops;
  } else if (host === 'client' && world.client.program === 'classic') {
    const step = stepClient(world.client.state, input, now, world.ctx);
    world.client = { program: 'classic', state: step.state };
    ops = step.ops;
  } else {
    const step = stepServer(world.server, input, now, world.ctx);
    world.server = step.state;
    ops = step.ops;
  }
  // An operation due now runs at once, in order; a later one waits on the agenda.
  for (const { at, op } of ops) {
    if (at === now) runOp(world, host, op);
    else schedule(world.agenda, at, { kind: 'op', host, op });
  }
}

function roleOf(world: World, conn: ConnId, host: HostId): Role {
  return world.conns.get(conn)?.initiator.host === host ? 'initiator' : 'responder';
}

function runOp(world: World, host: HostId, op: AppOp): void {
  if (op.kind === 'secure') {
    const side = world.tls.get(tlsKey(op.conn, host)) ?? createTlsSide(op.conn, host);
    return throughTls(world, host, startTls(side, tlsContext(world)));
  }
  if (op.kind === 'send' || op.kind === 'send-bulk' || op.kind === 'close') {
    const side = world.tls.get(tlsKey(op.conn, host));
    // A connection closed before its handshake was over (curl moving on) just closes.
    const sealed = side?.phase === 'open' || (side?.phase === 'handshaking' && op.kind !== 'close');
    if (side && sealed) return throughTls(world, host, writeTls(side, op, tlsContext(world)));
  }
  runSocketOp(world, host, op);
}

function runSocketOp(world: World, host: HostId, op: AppOp): void {
  const now = world.agenda.now;
  const toEndpoint = (conn: ConnId, input: EndpointInput) =>
    runEndpoint(world, conn, roleOf(world, conn, host), input);
  switch (op.kind) {
    case 'open':
      return open(world, op.conn, host, op);
    case 'secure':
      throw new Error('secure goes through the TLS layer');
    case 'connect':
      return toEndpoint(op.conn, {
        kind: 'app/connect',
        schedule: synSchedule(world.ctx.chance.stream(`syn:${op.conn}`)),
        limitUs: op.limitUs,
      });
    case 'accept':
      return toEndpoint(op.conn, { kind: 'app/accept' });
    case 'send':
      return toEndpoint(op.conn, {
        kind: 'app/send',
        payload: op.payload,
        app: op.app,
        ...(op.tell ? { tell: op.tell } : {}),
      });
    case 'send-bulk':
      return toEndpoint(op.conn, { kind: 'app/send-bulk', bytes: op.bytes });
    case 'close':
    case 'abandon':
    case 'reset':
    case 'abort':
      return toEndpoint(op.conn, { kind: `app/${op.kind}` });
    case 'wake':
      return runApp(world, host, { kind: 'timer', timer: op.timer, armed: op.armed });
    case 'listen':
      world.listeners[host].push(op.endpoint);
      return record(world, { kind: 'socket/listening', at: now, host, conn: op.conn, endpoint: op.endpoint });
    case 'unlisten':
      world.listeners[host] = world.listeners[host].filter((l) => l !== op.endpoint);
      return record(world, { kind: 'socket/closed', at: now, host, conn: op.conn, endpoint: op.endpoint });
    case 'record':
      return record(world, op.event);
    case 'note':
      world.transfers.notes.set(op.conn, {
        reason: op.reason,
        ...(op.packetId !== undefined ? { packetId: op.packetId } : {}),
      });
      return;
    case 'finished':
      return finishTransfer(world, op.k, op.codes, op.attempts);
    case 'end':
      world.end = now;
      return;
    case 'exit': {
      const errors = [...(world.clientExit?.errors ?? []), ...(op.error ? [op.error] : [])];
      world.clientExit = { program: 'curl', status: op.status, errors };
      return;
    }
  }
}

function open(world: World, conn: ConnId, host: HostId, op: Extract<AppOp, { kind: 'open' }>): void {
  const stream = (role: Role) => world.ctx.chance.stream(`tcp:${conn}:${role}`);
  // PROT P: every data connection is TLS; its records may arrive before a program starts its session.
  if (world.ctx.s.tls === 'explicit' && conn !== 'control')
    for (const h of [host, op.peer]) world.tls.set(tlsKey(conn, h), createTlsSide(conn, h));
  world.conns.set(conn, {
    initiator: createEndpoint(
      conn,
      host,
      'initiator',
      { local: op.local, remote: op.remote },
      stream('initiator'),
    ),
    // The responder's addresses are learnt from the SYN as it arrives.
    responder: createEndpoint(
      conn,
      op.peer,
      'responder',
      { local: op.remote, remote: op.local },
      stream('responder'),
    ),
  });
}

function finishTransfer(
  world: World,
  k: number,
  codes: readonly number[],
  attempts: readonly ConnId[],
): void {
  // The last attempt's failure is the one that ended the transfer; the first packet that failed shows it.
  const note = attempts
    .map((conn) => world.transfers.notes.get(conn))
    .filter((n) => n !== undefined)
    .at(-1);
  const outcome = codes.at(-1) === 226 ? 'success' : 'failed';
  const transfer = world.ctx.s.commands[k - 1];
  const command =
    transfer?.verb === 'LIST' || !transfer
      ? { verb: 'LIST' as const }
      : { verb: transfer.verb, argument: transfer.file };
  const connectFailure = note?.reason === 'data-syn-dropped' || note?.reason === 'connection-refused';
  const failedPacket =
    note?.packetId ??
    (connectFailure
      ? (attempts.map((conn) => world.transfers.firstFailure.get(conn)).find((id) => id !== undefined) ?? 0)
      : undefined);
  const summary = {
    index: k,
    command: commandLine(command).trim(),
    outcome,
    replyCodes: codes,
    ...(outcome === 'failed' && note ? { reason: note.reason } : {}),
    ...(outcome === 'failed' && failedPacket !== undefined ? { failedPacket } : {}),
  } as const;
  world.transfers.summaries.push(summary);
  record(world, { kind: 'transfer/finished', at: world.agenda.now, transfer: summary });
}

function runEndpoint(world: World, conn: ConnId, role: Role, input: EndpointInput): void {
  const ends = world.conns.get(conn);
  if (!ends) throw new Error(`no connection ${conn}`);
  const step = stepEndpoint(ends[role], input, world.agenda.now, world);
  ends[role] = step.ep;
  for (const action of step.actions) act(world, conn, role, step.ep, action);
}

function act(world: World, conn: ConnId, role: Role, ep: TcpEndpoint, action: EndpointAction): void {
  const now = world.agenda.now;
  switch (action.kind) {
    case 'transmit':
      return transmit(world, conn, role, ep.host, action);
    case 'schedule':
      return schedule(world.agenda, action.at, { kind: 'tcp', conn, role, input: action.input });
    case 'notify':
      return runApp(world, ep.host, action.notice);
    case 'refuse':
      if (!world.transfers.firstFailure.has(conn)) world.transfers.firstFailure.set(conn, action.packetId);
      return schedule(world.agenda, advance(now, STACK_US), {
        kind: 'refusal',
        conn,
        from: ep.host,
        syn: action.syn,
      });
  }
}

const other = (role: Role): Role => (role === 'initiator' ? 'responder' : 'initiator');

/** A segment leaves its sender: the log records it, the path decides its fate, the peer gets it later. */
function transmit(
  world: World,
  conn: ConnId,
  role: Role,
  from: DeviceId,
  action: Extract<EndpointAction, { kind: 'transmit' }>,
): void {
  const now = world.agenda.now;
  const ends = world.conns.get(conn) as Record<Role, TcpEndpoint>;
  const { packet, arrival, refusedAt } = send(
    world,
    conn,
    from,
    ends[other(role)].host,
    action.segment,
    action.retransmission ?? 0,
    action.app,
  );
  const f = action.segment.flags;
  if (packet.fate.kind !== 'delivered' && f.syn && !world.transfers.firstFailure.has(conn))
    world.transfers.firstFailure.set(conn, packet.id);
  // A router's own stack answers the SYN as it reached the router, so its RST goes back to the address
  // the SYN came from there (the client's public one) and through the same NAT as every other packet.
  if (packet.fate.kind === 'refused' && refusedAt)
    schedule(world.agenda, advance(refusedAt.at, STACK_US), {
      kind: 'refusal',
      conn,
      from: packet.fate.device,
      syn: refusedAt.segment,
    });
  // The sender's own answer to the arrival goes first, as its program ran on before the peer's did.
  if (action.tell)
    schedule(world.agenda, arrival?.at ?? now, { kind: 'app', host: ends[role].host, input: action.tell });
  if (arrival) {
    const input: EndpointInput = {
      kind: 'net/segment',
      segment: arrival.segment,
      packetId: packet.id,
      ...(action.bulk ? { bulk: action.bulk } : {}),
    };
    schedule(world.agenda, arrival.at, { kind: 'tcp', conn, role: other(role), input });
  }
}

/** Walks the path, records the packet and the decisions it causes now, and schedules the later ones. */
function send(
  world: World,
  conn: ConnId,
  from: DeviceId,
  toward: HostId,
  segment: TcpSegment,
  retransmission: number,
  app?: Extract<EndpointAction, { kind: 'transmit' }>['app'],
): { packet: Packet; arrival?: SegmentView; refusedAt?: SegmentView } {
  const now = world.agenda.now;
  const id = ++world.packetId;
  const sealedLine =
    app?.kind === 'command' && app.tls
      ? commandLine(app.command)
      : app?.kind === 'reply' && app.tls
        ? replyLine(app.reply)
        : undefined;
  const walked = forward(world.path, world.tables, {
    packetId: id,
    conn,
    from,
    toward,
    at: now,
    segment,
    ...(sealedLine !== undefined ? { sealedLine } : {}),
  });
  world.tables = walked.state;
  const { views, fate, arrival, decisions } = walked.forwarded;
  const tls = tlsRecords(world, conn, from, segment, app);
  const packet: Packet = { id, conn, from, segment, views, fate, retransmission, ...(tls ? { tls } : {}) };
  if (app?.kind === 'command')
    record(world, { kind: 'ftp/command-sent', at: now, packet, command: app.command });
  else if (app?.kind === 'reply')
    record(world, { kind: 'ftp/reply-sent', at: now, packet, reply: app.reply });
  else record(world, { kind: 'tcp/segment-sent', at: now, packet });
  for (const d of decisions) {
    if (d.at === now) record(world, d);
    else schedule(world.agenda, d.at, { kind: 'record', event: d });
  }
  return {
    packet,
    ...(arrival ? { arrival } : {}),
    ...(walked.forwarded.refusedAt ? { refusedAt: walked.forwarded.refusedAt } : {}),
  };
}

/** The TLS records a segment carries: as the session wrote them, or (a transfer's) one record per segment. */
function tlsRecords(
  world: World,
  conn: ConnId,
  from: DeviceId,
  segment: TcpSegment,
  app?: Application,
): readonly TlsRecord[] | undefined {
  if (app?.kind === 'tls') return app.records;
  if (app) return app.tls;
  const host = from === 'client' || from === 'server' ? from : undefined;
  const side = host ? world.tls.get(tlsKey(conn, host)) : undefined;
  return side?.phase === 'open' && segment.payload.length > 0
    ? recordHeaders(segment.payload, 'data')
    : undefined;
}

/**
 * The RST/ACK a stack sends for a SYN nothing listens for (RFC 793 §3.4). Measured on Linux: seq 0, no
 * options, IP id 0. The caller of connect() learns it was refused when the RST arrives.
 */
function refuse(world: World, conn: ConnId, from: DeviceId, syn: TcpSegment): void {
  const rst: TcpSegment = {
    src: syn.dst,
    dst: syn.src,
    seq: 0,
    ack: seqAdd(syn.seq, 1),
    flags: flags({ rst: true, ack: true }),
    window: 0,
    options: {},
    payload: '',
    ip:
      ipVersionOf(syn.src.ip) === 6
        ? { id: 0, ttl: 64, flowLabel: world.ctx.chance.int(`tcp:${conn}:reset-flow-label`, 1, 0xfffff) }
        : { id: 0, ttl: 64 },
  };
  const initiator = (world.conns.get(conn) as Record<Role, TcpEndpoint>).initiator;
  const { packet, arrival } = send(world, conn, from, initiator.host, rst, 0);
  // A reset lost on its way tells the caller nothing: its connect() goes on until its own time-out.
  if (arrival)
    schedule(world.agenda, arrival.at, {
      kind: 'tcp',
      conn,
      role: 'initiator',
      input: { kind: 'net/segment', segment: arrival.segment, packetId: packet.id },
    });
}
