import type { VirtualTime } from '../clock/virtualTime';
import { ipVersionOf, isIpv4, UNSPECIFIED_IPV4, type Endpoint } from '../net/address';
import type { SocketNotice } from '../tcp/endpoint';
import {
  decodeExtendedAddress,
  decodeHostPort,
  encodeHostPort,
  extendedAddressProtocol,
} from './dataAddress';
import { at, dataConn, pause, type AppInput, type DialogueContext } from './dialogue';
import type { FtpReply } from './messages';
import { REPLIES } from './replies';
import { answer, queuedConnections, type ServerState, type ServerStep } from './serverState';
import { onServerData, onTransferCommand } from './serverTransfer';
import { closeOnQuit, exitOnEof, onServerTimer } from './serverTimers';

export function stepServer(
  state: ServerState,
  input: AppInput,
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  if (input.kind === 'start')
    return {
      state,
      ops: [
        at(now, { kind: 'listen', conn: 'control', endpoint: { ip: ctx.topo.addresses.server, port: 21 } }),
      ],
    };
  if (input.kind === 'timer') return onServerTimer(state, input.timer, input.armed, now, ctx);
  if (state.exited) return { state, ops: [] };
  if (input.conn !== 'control') return onServerData(state, input, now, ctx);
  if (input.kind === 'accepted')
    return answer(state, pause(ctx, now, 'server:welcome', 2300, 4600), REPLIES.welcome, ctx, {
      before: [at(now, { kind: 'accept', conn: 'control' })],
    });
  if (input.kind === 'received') return onCommand({ ...state, idleSince: undefined }, input, now, ctx);
  if (input.kind === 'peer-closed') return exitOnEof(state, now, ctx);
  if (input.kind === 'delivered' && state.listening)
    return {
      state: { ...state, listening: undefined },
      ops: [at(now, { kind: 'unlisten', conn: dataConn(state.k), endpoint: state.listening })],
    };
  return { state, ops: [] };
}

function onCommand(
  state: ServerState,
  notice: Extract<SocketNotice, { kind: 'received' }>,
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  const [verb = '', argument = ''] = notice.payload.trim().split(' ');
  const reply = (label: string, min: number, max: number, r: FtpReply): ServerStep =>
    answer(state, pause(ctx, now, label, min, max), r, ctx);
  switch (verb) {
    case 'AUTH': {
      // 234 is the last plain text; vsftpd then waits for the client's ClientHello (SSL_accept).
      const t = pause(ctx, now, 'server:auth', 60, 300);
      const replied = answer(state, t, REPLIES.authOk, ctx);
      return { state: replied.state, ops: [...replied.ops, at(t, { kind: 'secure', conn: 'control' })] };
    }
    case 'PBSZ':
      return reply('server:pbsz', 50, 200, REPLIES.pbszOk);
    case 'PROT':
      return reply('server:prot', 50, 200, REPLIES.protOk);
    case 'USER':
      return reply('server:need-password', 60, 400, REPLIES.needPassword);
    case 'PASS':
      return reply('server:logged-in', 1500, 8500, REPLIES.loggedIn);
    case 'TYPE':
      return reply(
        `server:type:${state.k + 1}`,
        50,
        160,
        argument === 'A' ? REPLIES.typeAscii : REPLIES.typeBinary,
      );
    case 'PWD':
      return reply('server:pwd', 50, 150, REPLIES.currentDirectory);
    case 'SIZE': {
      const file = ctx.s.server.files.find((f) => f.name === argument);
      const size: FtpReply = file ? { code: 213, text: String(file.size) } : REPLIES.noFileSize;
      return reply(`server:size:${state.k}`, 40, 120, size);
    }
    case 'PORT':
    case 'EPRT': {
      const clean = cleanUp(state, now, ctx);
      const next = onPort({ ...clean.state, k: state.k + 1 }, verb, argument, notice.from, now, ctx);
      return { state: next.state, ops: [...clean.ops, ...next.ops] };
    }
    case 'PASV':
    case 'EPSV': {
      const clean = cleanUp(state, now, ctx);
      const next = onPassive({ ...clean.state, k: state.k + 1, queued: false }, verb, now, ctx);
      return { state: next.state, ops: [...clean.ops, ...next.ops] };
    }
    case 'QUIT':
      return closeOnQuit(state, now, ctx);
    case 'LIST':
      return onTransferCommand(state, { verb: 'LIST' }, now, ctx);
    case 'RETR':
    case 'STOR':
      return onTransferCommand(state, { verb, file: argument }, now, ctx);
    default:
      throw new Error(`vsftpd got a command the engine's clients never send: ${notice.payload}`);
  }
}

/**
 * A new PORT/PASV/EPRT/EPSV: vsftpd first closes the previous passive listener (pasv_cleanup), and the
 * kernel resets the connections still queued on it (measured in tests/lab: the RST 0.1 ms after the
 * command, when curl moved on after a refused SIZE or STOR).
 */
function cleanUp(state: ServerState, now: VirtualTime, ctx: DialogueContext): ServerStep {
  const unlisten = state.listening
    ? [at(now, { kind: 'unlisten', conn: dataConn(state.k), endpoint: state.listening } as const)]
    : [];
  const resets = queuedConnections(state).map((conn) =>
    at(pause(ctx, now, `server:reset:${conn}`, 30, 60), { kind: 'reset', conn } as const),
  );
  if (unlisten.length === 0 && resets.length === 0) return { state, ops: [] };
  return {
    state: { ...state, listening: undefined, queued: false, unaccepted: [] },
    ops: [...unlisten, ...resets],
  };
}

/** Below 1024 (IPPORT_RESERVED): vsftpd will not connect to a privileged port (tests/lab, issue 14 C1). */
const FIRST_UNRESERVED_PORT = 1024;

/**
 * vsftpd port_promiscuous=NO: the data address must be the control connection's own peer, at an unprivileged
 * port. On an IPv6 control connection a PORT (whose address is IPv4) or an EPRT |1| can never be the peer:
 * `500 Illegal PORT/EPRT command.`; on an IPv4 one, EPRT |2| is `500 Bad EPRT protocol.` (measured, C1).
 */
function onPort(
  state: ServerState,
  verb: 'PORT' | 'EPRT',
  argument: string,
  peer: Endpoint,
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  // What the server read: a NAT helper on the way may have rewritten the address.
  const target = verb === 'EPRT' ? decodeExtendedAddress(argument) : decodeHostPort(argument);
  const label = `server:port-reply:${state.k}`;
  const protocol = verb === 'EPRT' ? extendedAddressProtocol(argument) : undefined;
  const knownProtocols = ipVersionOf(peer.ip) === 6 ? [1, 2] : [1];
  if (protocol !== undefined && !knownProtocols.includes(protocol))
    return answer(state, pause(ctx, now, label, 60, 300), REPLIES.badEprtProtocol, ctx);
  if (!target || target.ip !== peer.ip || target.port < FIRST_UNRESERVED_PORT)
    return answer(
      state,
      pause(ctx, now, label, 60, 300),
      verb === 'EPRT' ? REPLIES.illegalEprt : REPLIES.illegalPort,
      ctx,
    );
  return answer(
    { ...state, target },
    pause(ctx, now, label, 60, 400),
    verb === 'EPRT' ? REPLIES.eprtOk : REPLIES.portOk,
    ctx,
  );
}

function onPassive(
  state: ServerState,
  verb: 'PASV' | 'EPSV',
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  const { s, topo } = ctx;
  const k = state.k;
  const port = ctx.chance.int(
    `server:passive-port:${k}`,
    s.server.passivePorts.min,
    s.server.passivePorts.max,
  );
  const listening: Endpoint = { ip: topo.addresses.server, port };
  const replyAt = pause(ctx, now, `server:passive-reply:${k}`, 70, 320);
  // pasv_address: behind NAT with the range forwarded, vsftpd is told to announce the public address.
  const address = s.serverNat === 'public' ? topo.addresses.serverRouter.wan : topo.addresses.server;
  // A 227 has room for an IPv4 address only: on IPv6 vsftpd writes 0,0,0,0 (and listens on its IPv6 address).
  const announced = { ip: isIpv4(address) ? address : UNSPECIFIED_IPV4, port };
  const r: FtpReply =
    verb === 'EPSV'
      ? { code: 229, text: `Entering Extended Passive Mode (|||${port}|)`, port }
      : { code: 227, text: `Entering Passive Mode (${encodeHostPort(announced)}).`, address: announced };
  const listen = at(replyAt, { kind: 'listen', conn: dataConn(k), endpoint: listening });
  return answer({ ...state, listening }, replyAt, r, ctx, { before: [listen] });
}
