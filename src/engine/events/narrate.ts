import { formatEndpoint, ipVersionOf, isPrivateIpv4, UNSPECIFIED_IPV4, type IpAddress } from '../net/address';
import { commandLine, replyLine, type FtpCommand, type FtpReply } from '../ftp/messages';
import type { TlsCarries, TlsRecord } from '../tls/records';
import type { Mode, Scenario } from '../scenario/scenario';
import type { DraftEvent } from './stepEvent';
import { flagLabel } from '../tcp/segment';
import { assertNever } from './assertNever';
import type { Narration, Packet } from './stepEvent';

/**
 * Chooses the i18n key and values that explain one event. The sentence itself lives in the catalogs
 * (src/i18n); keys are `narration.<topic>.<case>`.
 */
export function narrate(
  e: DraftEvent,
  {
    mode,
    network,
    client,
  }: Pick<Scenario, 'mode' | 'network'> & { client: Pick<Scenario['client'], 'program'> },
  handshakeDone: Set<string>,
): Narration {
  const curl = client.program === 'curl';
  switch (e.kind) {
    case 'tcp/segment-sent':
      if (e.packet.tls) return recordNarration(e.packet, e.packet.tls);
      return segmentNarration(e.packet, mode, handshakeDone, curl);
    case 'ftp/command-sent':
      if (e.packet.tls) return sealedNarration(e.packet, commandLine(e.command), e.command.verb);
      return commandNarration(e.command, mode, curl);
    case 'ftp/reply-sent':
      if (e.packet.tls) return sealedNarration(e.packet, replyLine(e.reply), String(e.reply.code));
      return replyNarration(e.reply, mode, network, curl);
    case 'fw/verdict':
      return verdictNarration(e);
    case 'nat/translated':
      return {
        key: `narration.nat.${e.type}`,
        params: {
          device: e.device,
          beforeSrc: formatEndpoint(e.before.src),
          beforeDst: formatEndpoint(e.before.dst),
          afterSrc: formatEndpoint(e.after.src),
          afterDst: formatEndpoint(e.after.dst),
        },
      };
    case 'nat/payload-rewritten':
      return {
        key: 'narration.nat.payload',
        params: { device: e.device, before: e.before, after: e.after, delta: e.sizeDelta },
      };
    case 'conntrack/expectation-created':
      return {
        key: 'narration.conntrack.expectation',
        params: {
          device: e.expectation.device,
          source: e.expectation.sourceIp,
          destination: formatEndpoint(e.expectation.destination),
          reason: e.expectation.reason,
        },
      };
    case 'conntrack/helper-blind':
      return {
        key: 'narration.conntrack.blind',
        params: { device: e.device, line: e.line, reason: e.reason },
      };
    case 'socket/listening':
      return {
        key: `narration.socket.listening.${e.host}`,
        params: { endpoint: formatEndpoint(e.endpoint), conn: e.conn },
      };
    case 'socket/closed':
      return {
        key: `narration.socket.closed.${e.host}`,
        params: { endpoint: formatEndpoint(e.endpoint), conn: e.conn },
      };
    case 'timer/expired':
      return {
        key: `narration.timer.${e.timer}`,
        params: { after: Math.round(e.after * 10) / 10, conn: e.conn, host: e.host },
      };
    case 'transfer/finished': {
      const t = e.transfer;
      const params = { command: t.command, index: t.index, codes: t.replyCodes.join(', ') };
      return {
        key:
          t.outcome === 'success'
            ? 'narration.transfer.success'
            : `narration.transfer.failed.${t.reason ?? 'data-syn-dropped'}`,
        params,
      };
    }
    case 'session/finished':
      if (e.client)
        return {
          key: `narration.session.curl.${CURL_EXPLAINED.includes(e.client.status) ? e.client.status : 'other'}`,
          params: { status: e.client.status, errors: e.client.errors.join(' · ') },
        };
      return { key: `narration.session.${e.outcome}`, params: {} };
    default:
      return assertNever(e);
  }
}

/**
 * A segment of TLS records that are no FTP line: the handshake by name (the hellos are the only clear text),
 * session tickets, close_notify, or a transfer's encrypted bytes.
 */
function recordNarration(packet: Packet, records: readonly TlsRecord[]): Narration {
  const params = {
    conn: packet.conn,
    sender: packet.from,
    bytes: packet.segment.payload.length,
    records: records.length,
  };
  const first = records[0]?.carries ?? 'data';
  // The server's flight after the second ClientHello: its ServerHello, then everything else encrypted.
  if (first === 'server-hello') return { key: 'narration.tls.serverHello', params };
  if (first === 'change-cipher-spec' && records[1]?.carries === 'client-hello')
    return { key: 'narration.tls.clientHelloAgain', params };
  const known: readonly TlsCarries[] = [
    'client-hello',
    'hello-retry-request',
    'certificate',
    'finished',
    'new-session-ticket',
    'close-notify',
    'data',
  ];
  return { key: `narration.tls.${known.includes(first) ? first : 'data'}`, params };
}

/** An FTP line inside a TLS record: only the two ends can read it; on the path it is ciphertext. */
function sealedNarration(packet: Packet, line: string, what: string): Narration {
  const params = {
    conn: packet.conn,
    sender: packet.from,
    line: line.trim(),
    bytes: packet.segment.payload.length,
    plain: line.length,
  };
  const key =
    what === 'PBSZ' || what === 'PROT'
      ? what
      : what === 'PORT' || what === 'EPRT' || what === '227' || what === '229'
        ? 'address'
        : 'line';
  return { key: `narration.tls.sealed.${key}`, params };
}

/** curl's exit statuses the narration explains (the ones its scenarios can end with). */
const CURL_EXPLAINED = [0, 7, 19, 25, 28, 30, 55, 78];

/**
 * Whether the address a 227 reply announces can be reached across the network between the routers: a
 * public one can; a private one only on a routed private network; otherwise only if NAT rewrites it.
 */
function passiveReach(
  ip: IpAddress,
  network: Scenario['network'],
): '227' | '227private' | '227routed' | '227unspecified' {
  if (ip === UNSPECIFIED_IPV4) return '227unspecified';
  if (!isPrivateIpv4(ip)) return '227';
  return network === 'routed-private' ? '227routed' : '227private';
}

function segmentNarration(packet: Packet, mode: Mode, handshakeDone: Set<string>, curl: boolean): Narration {
  const { segment, conn, retransmission, from } = packet;
  const params = {
    conn,
    from: formatEndpoint(segment.src),
    to: formatEndpoint(segment.dst),
    sender: from,
    flags: flagLabel(segment.flags),
    bytes: segment.payload.length,
    n: retransmission,
  };
  const f = segment.flags;
  if (f.rst) return { key: 'narration.tcp.rst', params };
  if (f.syn && f.ack) return { key: 'narration.tcp.synAck', params };
  if (f.syn) {
    if (retransmission > 0) return { key: 'narration.tcp.synRetransmitted', params };
    if (conn === 'control') return { key: 'narration.tcp.synControl', params };
    if (curl && from === 'client') return { key: 'narration.tcp.synData.curl', params };
    return { key: `narration.tcp.synData.${dataMode(segment, mode)}`, params };
  }
  if (f.fin) return { key: 'narration.tcp.fin', params };
  if (segment.payload.length > 0) return { key: 'narration.tcp.data', params };
  if (!handshakeDone.has(conn)) {
    handshakeDone.add(conn);
    return { key: 'narration.tcp.handshakeAck', params };
  }
  return { key: 'narration.tcp.ack', params };
}

/** Over IPv6 the client set active mode up with EPRT |2| (PORT cannot hold the address): say EPRT. */
function dataMode(segment: Packet['segment'], mode: Mode): Mode {
  return mode === 'active' && ipVersionOf(segment.src.ip) === 6 ? 'eprt' : mode;
}

function commandNarration(c: FtpCommand, mode: Mode, curl: boolean): Narration {
  const params: Record<string, string | number> = { verb: c.verb, argument: c.argument ?? '' };
  if (c.verb === 'PORT' || c.verb === 'EPRT') {
    params.ip = c.address.ip;
    params.port = c.address.port;
    params.p1 = c.address.port >> 8;
    params.p2 = c.address.port & 0xff;
  }
  // IPv6: EPRT |2|, sent in place of PORT when the session asked for PORT (it cannot hold the address).
  if (c.verb === 'EPRT' && ipVersionOf(c.address.ip) === 6)
    return { key: `narration.ftp.command.${mode === 'active' ? 'EPRTforPORT' : 'EPRT6'}`, params };
  // curl's second try on the same control connection: EPSV's data connection failed, or EPRT was refused.
  const fallback = curl && ((c.verb === 'PASV' && mode === 'epsv') || (c.verb === 'PORT' && mode === 'eprt'));
  if (fallback) return { key: `narration.ftp.command.${c.verb}fallback`, params };
  if (curl && (c.verb === 'PWD' || c.verb === 'SIZE' || c.verb === 'TYPE'))
    return { key: `narration.ftp.command.curl${c.verb}`, params };
  return { key: `narration.ftp.command.${c.verb}`, params };
}

function replyNarration(r: FtpReply, mode: Mode, network: Scenario['network'], curl: boolean): Narration {
  const params: Record<string, string | number> = { code: r.code, text: r.text, mode };
  if (r.address) {
    params.ip = r.address.ip;
    params.port = r.address.port;
    params.p1 = r.address.port >> 8;
    params.p2 = r.address.port & 0xff;
  }
  if (r.port !== undefined) params.port = r.port;
  const known = [150, 200, 213, 220, 221, 234, 226, 227, 229, 230, 257, 331, 421, 425, 500, 550, 553];
  // --ftp-skip-pasv-ip, curl's default: the address in the reply is read and set aside.
  if (r.code === 227 && r.address && curl) return { key: 'narration.ftp.reply.227curl', params };
  if (r.code === 550 && r.text === 'Could not get file size.')
    return { key: 'narration.ftp.reply.550size', params };
  if (r.code === 227 && r.address)
    return { key: `narration.ftp.reply.${passiveReach(r.address.ip, network)}`, params };
  return {
    key: known.includes(r.code) ? `narration.ftp.reply.${r.code}` : 'narration.ftp.reply.other',
    params,
  };
}

function verdictNarration(e: Extract<DraftEvent, { kind: 'fw/verdict' }>): Narration {
  const v = e.verdict;
  const params = {
    device: e.device,
    rule: v.rule.text,
    ruleId: v.rule.id,
    state: v.state,
    from: formatEndpoint(e.tuple.src),
    to: formatEndpoint(e.tuple.dst),
    address: e.tuple.dst.ip,
  };
  if (v.action === 'drop')
    return {
      key: v.rule.id === 'no-route-private' ? 'narration.fw.noRoute' : 'narration.fw.drop',
      params,
    };
  return { key: `narration.fw.accept.${v.state}`, params };
}
