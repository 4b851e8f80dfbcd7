import { advance, type VirtualTime } from '../clock/virtualTime';
import type { ConnId, FailureReason, TimerId, TransferSummary } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { Emit } from '../net/network';
import type { Topology } from '../net/topology';
import type { Chance } from '../random';
import { usesPassive, type Scenario, type TransferCommand } from '../scenario/scenario';
import type { ConnectResult, Tcp, TcpConnection } from '../tcp/connection';
import {
  decodeExtendedAddress,
  decodeExtendedPassivePort,
  decodeHostPort,
  encodeExtendedAddress,
  encodeHostPort,
} from './dataAddress';
import { commandLine, replyLine, type FtpCommand, type FtpReply } from './messages';
import { REPLIES, retrStartingText } from './replies';
import { directoryListing, fileContents } from './serverFiles';

/** Linux's ephemeral range (net.ipv4.ip_local_port_range). */
const EPHEMERAL = { min: 32768, max: 60999 } as const;

interface Context {
  readonly s: Scenario;
  readonly topo: Topology;
  readonly tcp: Tcp;
  readonly emit: Emit;
  readonly chance: Chance;
}

/** Listening sockets, per host. */
type Listeners = { client: Endpoint[]; server: Endpoint[] };

/**
 * The FTP dialogue between the reference client (the scripted client of shared/captures) and vsftpd
 * 3.0.3. The client logs in, sends TYPE A before LIST and TYPE I before RETR/STOR (as real clients do),
 * sets up each data connection with PORT/EPRT or PASV/EPSV, and finally QUITs. Like the captured client,
 * when it cannot reach a passive port it still sends the transfer command and reads the server's answer.
 */
export function runSession(ctx: Context): { transfers: TransferSummary[]; end: VirtualTime } {
  const { s, topo, tcp, emit, chance } = ctx;
  const addr = topo.addresses;
  const listeners: Listeners = { client: [], server: [{ ip: addr.server, port: 21 }] };
  const isListening = (host: 'client' | 'server', at: Endpoint): boolean =>
    listeners[host].some((l) => l.ip === at.ip && l.port === at.port);
  // Each pause is its own random choice, named after who pauses and why (see random.ts).
  const think = (label: string, min: number, max: number): number => chance.int(label, min, max);

  emit({
    kind: 'socket/listening',
    at: 0 as VirtualTime,
    host: 'server',
    conn: 'control',
    endpoint: { ip: addr.server, port: 21 },
  });

  const control = tcp.open(
    'control',
    { host: 'client', local: { ip: addr.client, port: s.client.controlPort } },
    'server',
    {
      ip: topo.serverPublicIp,
      port: 21,
    },
  );
  const opened = tcp.connect(control, 0 as VirtualTime, 75_000_000, isListening);
  if (!opened.ok) return { transfers: [], end: opened.at };

  /** Server sends a reply; returns when the client has it. */
  function reply(at: VirtualTime, r: FtpReply): { at: VirtualTime; received: string; packetId: number } {
    const sent = tcp.send(control, control.responder, at, replyLine(r), { kind: 'reply', reply: r });
    return { at: sent.arrivedAt ?? at, received: sent.arrived?.payload ?? '', packetId: sent.packet.id };
  }
  /** Client sends a command; returns when the server has it, and what it got (a helper may rewrite it). */
  function command(at: VirtualTime, c: FtpCommand): { at: VirtualTime; received: string; peer: Endpoint } {
    const sent = tcp.send(control, control.initiator, at, commandLine(c), { kind: 'command', command: c });
    return {
      at: sent.arrivedAt ?? at,
      received: sent.arrived?.payload ?? '',
      peer: sent.arrived?.src ?? control.initiator.local,
    };
  }
  const simple = (verb: 'USER' | 'PASS' | 'TYPE' | 'QUIT', argument?: string): FtpCommand =>
    argument === undefined ? { verb } : { verb, argument };

  let t = reply(advance(opened.at, think('server:welcome', 2300, 4600)), REPLIES.welcome).at;
  t = command(advance(t, think('client:user', 100, 300)), simple('USER', s.user)).at;
  t = reply(advance(t, think('server:need-password', 60, 400)), REPLIES.needPassword).at;
  t = command(advance(t, think('client:pass', 60, 300)), simple('PASS', s.password)).at;
  t = reply(advance(t, think('server:logged-in', 1500, 8500)), REPLIES.loggedIn).at;

  let type: 'A' | 'I' | undefined;
  const transfers: TransferSummary[] = [];
  const pendingResets: TcpConnection[] = [];

  for (const [i, transfer] of s.commands.entries()) {
    const k = i + 1;
    const conn: ConnId = `data-${k}`;
    const wanted = transfer.verb === 'LIST' ? 'A' : 'I';
    if (type !== wanted) {
      t = command(advance(t, think(`client:type:${k}`, 100, 800)), simple('TYPE', wanted)).at;
      t = reply(
        advance(t, think(`server:type:${k}`, 50, 160)),
        wanted === 'A' ? REPLIES.typeAscii : REPLIES.typeBinary,
      ).at;
      type = wanted;
    }
    const result = usesPassive(s.mode)
      ? passiveTransfer(k, conn, transfer, advance(t, think(`client:setup:${k}`, 100, 800)))
      : activeTransfer(k, conn, transfer, advance(t, think(`client:setup:${k}`, 100, 800)));
    t = result.at;
    transfers.push(result.summary);
    emit({ kind: 'transfer/finished', at: t, transfer: result.summary });
  }

  t = command(advance(t, think('client:quit', 100, 800)), simple('QUIT')).at;
  const byeAt = advance(t, think('server:goodbye', 60, 200));
  reply(byeAt, REPLIES.goodbye);
  // vsftpd's session process exits: its sockets close, queued data connections nobody accepted are reset.
  for (const conn of pendingResets) tcp.reset(conn, conn.responder, advance(byeAt, 10));
  t = tcp.close(control, control.responder, advance(byeAt, 20), think('client:close-control', 300, 700));
  tcp.flushAll();
  return { transfers, end: t };

  /** Active mode: the port the client listens on and announces. */
  function clientDataPort(k: number): number {
    return s.client.dataPort === 'textbook'
      ? s.client.controlPort + k
      : chance.int(`client:data-port:${k}`, EPHEMERAL.min, EPHEMERAL.max);
  }

  function transferCommand(transfer: TransferCommand): FtpCommand {
    return transfer.verb === 'LIST' ? { verb: 'LIST' } : { verb: transfer.verb, argument: transfer.file };
  }

  /** vsftpd checks the file before it touches the data connection (postlogin.c handle_retr/handle_stor). */
  function refusal(transfer: TransferCommand): { reply: FtpReply; reason: FailureReason } | undefined {
    if (transfer.verb === 'RETR' && !s.server.files.some((f) => f.name === transfer.file))
      return { reply: REPLIES.cannotOpen, reason: 'file-unavailable' };
    if (transfer.verb === 'STOR' && !s.server.uploads)
      return { reply: REPLIES.permissionDenied, reason: 'permission-denied' };
    // anon_other_write_enable=NO: an anonymous upload may create a file but never overwrite one.
    if (transfer.verb === 'STOR' && s.server.files.some((f) => f.name === transfer.file))
      return { reply: REPLIES.cannotCreate, reason: 'cannot-create' };
    return undefined;
  }

  function starting(transfer: TransferCommand): FtpReply {
    if (transfer.verb === 'LIST') return REPLIES.listStarting;
    if (transfer.verb === 'STOR') return REPLIES.storStarting;
    const size = s.server.files.find((f) => f.name === transfer.file)?.size ?? 0;
    return { code: 150, text: retrStartingText(transfer.file, size, true) };
  }

  /** Moves the bytes once both ends hold the data connection; returns when the client has the 226. */
  function moveData(
    k: number,
    data: TcpConnection,
    serverSide: 'initiator' | 'responder',
    transfer: TransferCommand,
    at: VirtualTime,
    codes: number[],
  ): VirtualTime {
    const server = data[serverSide];
    const client = serverSide === 'initiator' ? data.responder : data.initiator;
    let now = reply(at, starting(transfer)).at;
    codes.push(150);
    const done = transfer.verb === 'LIST' ? REPLIES.listDone : REPLIES.transferDone;
    codes.push(done.code);
    if (transfer.verb === 'STOR') {
      const sent = tcp.sendBulk(
        data,
        client,
        advance(now, think(`client:upload:${k}`, 100, 400)),
        fileContents(transfer.file, transfer.size),
      );
      // vsftpd reads to end-of-file, closes its end, then confirms.
      now = tcp.close(data, client, advance(sent, 20), think(`server:close-data:${k}`, 60, 200));
      return reply(advance(now, think(`server:done:${k}`, 40, 150)), done).at;
    }
    const bytes =
      transfer.verb === 'LIST'
        ? directoryListing(s.server.files)
        : fileContents(transfer.file, s.server.files.find((f) => f.name === transfer.file)?.size ?? 0);
    const sent = tcp.sendBulk(data, server, advance(at, think(`server:send:${k}`, 40, 120)), bytes);
    if (serverSide === 'initiator') {
      // Active mode, as captured: vsftpd writes 226 a few tens of µs before its FIN reaches the wire.
      const confirmAt = advance(sent, think(`server:done:${k}`, 20, 40));
      const confirmed = reply(confirmAt, done).at;
      const closed = tcp.close(
        data,
        server,
        advance(confirmAt, think(`server:close-data:${k}`, 20, 30)),
        think(`client:close-data:${k}`, 150, 300),
      );
      return closed > confirmed ? closed : confirmed;
    }
    // Passive mode, as captured: the data connection is closed first, then 226.
    now = tcp.close(data, server, advance(sent, 20), think(`client:close-data:${k}`, 60, 300));
    return reply(advance(now, think(`server:done:${k}`, 40, 150)), done).at;
  }

  function timerFor(r: Extract<ConnectResult, { ok: false }>, appTimer: TimerId): TimerId | undefined {
    if (r.why === 'refused') return undefined;
    return r.why === 'timeout' ? appTimer : 'syn-retries-exhausted';
  }

  function activeTransfer(
    k: number,
    conn: ConnId,
    transfer: TransferCommand,
    start: VirtualTime,
  ): { at: VirtualTime; summary: TransferSummary } {
    const extended = s.mode === 'eprt';
    const listen: Endpoint = { ip: addr.client, port: clientDataPort(k) };
    listeners.client.push(listen);
    emit({ kind: 'socket/listening', at: start, host: 'client', conn, endpoint: listen });
    const closeListener = (at: VirtualTime): void => {
      listeners.client = listeners.client.filter((l) => l !== listen);
      emit({ kind: 'socket/closed', at, host: 'client', conn, endpoint: listen });
    };
    const setup: FtpCommand = extended
      ? { verb: 'EPRT', argument: encodeExtendedAddress(listen), address: listen }
      : { verb: 'PORT', argument: encodeHostPort(listen), address: listen };
    const codes: number[] = [];
    const summary = (
      outcome: TransferSummary['outcome'],
      reason?: FailureReason,
      failedPacket?: number,
    ): TransferSummary => ({
      index: k,
      command: commandLine(transferCommand(transfer)).trim(),
      outcome,
      replyCodes: codes,
      ...(reason ? { reason } : {}),
      ...(failedPacket !== undefined ? { failedPacket } : {}),
    });

    const sent = command(advance(start, 20), setup);
    // What the server read: a NAT helper on the way may have rewritten the address.
    const argument = sent.received.replace(/^\S+ /, '').trim();
    const target = extended ? decodeExtendedAddress(argument) : decodeHostPort(argument);
    // vsftpd port_promiscuous=NO: the data address must be the control connection's own peer.
    if (!target || target.ip !== sent.peer.ip) {
      const r = extended ? REPLIES.illegalEprt : REPLIES.illegalPort;
      codes.push(r.code);
      const rejected = reply(advance(sent.at, think(`server:port-reply:${k}`, 60, 300)), r);
      closeListener(advance(rejected.at, 30));
      return { at: rejected.at, summary: summary('failed', 'port-rejected', rejected.packetId) };
    }
    codes.push(200);
    let t = reply(
      advance(sent.at, think(`server:port-reply:${k}`, 60, 400)),
      extended ? REPLIES.eprtOk : REPLIES.portOk,
    ).at;
    t = command(advance(t, think(`client:transfer:${k}`, 60, 300)), transferCommand(transfer)).at;
    const refused = refusal(transfer);
    if (refused) {
      codes.push(refused.reply.code);
      const got = reply(advance(t, think(`server:refusal:${k}`, 60, 300)), refused.reply).at;
      closeListener(advance(got, 30));
      return { at: got, summary: summary('failed', refused.reason) };
    }
    // connect_from_port_20=YES: vsftpd connects from port 20 (ftp-data) to the address it was given.
    const data = tcp.open(conn, { host: 'server', local: { ip: addr.server, port: 20 } }, 'client', target);
    const connectAt = advance(t, think(`server:connect:${k}`, 100, 200));
    const connected = tcp.connect(data, connectAt, s.server.connectTimeout * 1_000_000, isListening);
    if (!connected.ok) {
      const timer = timerFor(connected, 'server-connect-timeout');
      if (timer)
        emit({
          kind: 'timer/expired',
          at: connected.at,
          host: 'server',
          conn,
          timer,
          after: (connected.at - connectAt) / 1e6,
        });
      codes.push(REPLIES.dataFailed.code);
      const got = reply(advance(connected.at, think(`server:failed:${k}`, 40, 120)), REPLIES.dataFailed).at;
      closeListener(advance(got, 30));
      return {
        at: got,
        summary: summary(
          'failed',
          connected.why === 'refused' ? 'connection-refused' : 'data-syn-dropped',
          connected.firstFailurePacket,
        ),
      };
    }
    // The client accepted the connection; it needs the listening socket no more.
    closeListener(connected.at);
    const got = moveData(
      k,
      data,
      'initiator',
      transfer,
      advance(connected.at, think(`server:accepted:${k}`, 60, 120)),
      codes,
    );
    return { at: got, summary: summary('success') };
  }

  function passiveTransfer(
    k: number,
    conn: ConnId,
    transfer: TransferCommand,
    start: VirtualTime,
  ): { at: VirtualTime; summary: TransferSummary } {
    const extended = s.mode === 'epsv';
    const codes: number[] = [];
    const summary = (
      outcome: TransferSummary['outcome'],
      reason?: FailureReason,
      failedPacket?: number,
    ): TransferSummary => ({
      index: k,
      command: commandLine(transferCommand(transfer)).trim(),
      outcome,
      replyCodes: codes,
      ...(reason ? { reason } : {}),
      ...(failedPacket !== undefined ? { failedPacket } : {}),
    });
    let t = command(start, { verb: extended ? 'EPSV' : 'PASV' }).at;
    const port = chance.int(`server:passive-port:${k}`, s.server.passivePorts.min, s.server.passivePorts.max);
    const listen: Endpoint = { ip: addr.server, port };
    const replyAt = advance(t, think(`server:passive-reply:${k}`, 70, 320));
    listeners.server.push(listen);
    emit({ kind: 'socket/listening', at: replyAt, host: 'server', conn, endpoint: listen });
    const closeListener = (at: VirtualTime): void => {
      listeners.server = listeners.server.filter((l) => l !== listen);
      emit({ kind: 'socket/closed', at, host: 'server', conn, endpoint: listen });
    };
    // pasv_address: behind NAT with the range forwarded, vsftpd is told to announce the public address.
    const announced: Endpoint = { ip: s.serverNat === 'public' ? addr.serverRouter.wan : addr.server, port };
    const passiveReply: FtpReply = extended
      ? { code: 229, text: `Entering Extended Passive Mode (|||${port}|)`, port }
      : { code: 227, text: `Entering Passive Mode (${encodeHostPort(announced)}).`, address: announced };
    codes.push(passiveReply.code);
    const got = reply(replyAt, passiveReply);
    t = got.at;
    // The client connects where the reply, as it arrived, tells it to: 229 names only a port (RFC 2428 §3).
    const target = extended
      ? { ip: topo.serverPublicIp, port: decodeExtendedPassivePort(got.received) ?? port }
      : (decodeHostPort(got.received.slice(4)) ?? announced);
    // Whatever the data-port policy, a client connecting out takes an ephemeral port: the textbook's N+1
    // belongs to active mode, where the client must announce a port to listen on.
    const localPort = chance.int(`client:data-port:${k}`, EPHEMERAL.min, EPHEMERAL.max);
    const data = tcp.open(
      conn,
      { host: 'client', local: { ip: addr.client, port: localPort } },
      'server',
      target,
    );
    const connectAt = advance(t, think(`client:connect:${k}`, 200, 400));
    const connected = tcp.connect(data, connectAt, s.client.connectTimeout * 1_000_000, isListening);
    if (!connected.ok) {
      const timer = timerFor(connected, 'client-connect-timeout');
      if (timer)
        emit({
          kind: 'timer/expired',
          at: connected.at,
          host: 'client',
          conn,
          timer,
          after: (connected.at - connectAt) / 1e6,
        });
    }
    t = command(advance(connected.at, think(`client:transfer:${k}`, 40, 120)), transferCommand(transfer)).at;
    const refused = refusal(transfer);
    if (refused) {
      codes.push(refused.reply.code);
      const answered = reply(advance(t, think(`server:refusal:${k}`, 60, 300)), refused.reply).at;
      if (connected.ok) {
        // The client drops its unused data connection; vsftpd never accepted it, only its kernel answers.
        tcp.abandon(data, data.initiator, advance(answered, think(`client:abandon:${k}`, 60, 200)));
        pendingResets.push(data);
      }
      closeListener(answered);
      return { at: answered, summary: summary('failed', refused.reason) };
    }
    if (!connected.ok) {
      // vsftpd waits accept_timeout for a connection to its passive port, then gives up.
      const expiry = advance(t, s.server.acceptTimeout * 1_000_000);
      emit({
        kind: 'timer/expired',
        at: expiry,
        host: 'server',
        conn,
        timer: 'server-accept-timeout',
        after: s.server.acceptTimeout,
      });
      closeListener(expiry);
      codes.push(REPLIES.dataFailed.code);
      const answered = reply(advance(expiry, think(`server:failed:${k}`, 40, 120)), REPLIES.dataFailed).at;
      return {
        at: answered,
        summary: summary(
          'failed',
          connected.why === 'refused' ? 'connection-refused' : 'data-syn-dropped',
          connected.firstFailurePacket,
        ),
      };
    }
    closeListener(advance(t, think(`server:accept:${k}`, 30, 80)));
    const answered = moveData(
      k,
      data,
      'responder',
      transfer,
      advance(t, think(`server:start:${k}`, 200, 320)),
      codes,
    );
    return { at: answered, summary: summary('success') };
  }
}
