import { toSeconds } from '../clock/virtualTime';
import { commandLine, replyLine } from '../ftp/messages';
import { formatEndpoint } from '../net/address';
import { flagLabel } from '../tcp/segment';
import { describeRecords } from '../tls/records';
import { assertNever } from './assertNever';
import type { StepEvent } from './stepEvent';

/**
 * One plain line per event, so that a trace reads like a ladder diagram (used by the CLI transcript and
 * golden tests). Language-neutral protocol notation, like Wireshark's Info column.
 */
export function summarizeEvent(e: StepEvent): string {
  const time = toSeconds(e.at).toFixed(6).padStart(11);
  return `${time}  ${describe(e)}`;
}

export function summarize(events: readonly StepEvent[]): string[] {
  return events.map(summarizeEvent);
}

function describe(e: StepEvent): string {
  switch (e.kind) {
    case 'tcp/segment-sent':
    case 'ftp/command-sent':
    case 'ftp/reply-sent': {
      const p = e.packet;
      const s = p.segment;
      const route = `${formatEndpoint(s.src)} > ${formatEndpoint(s.dst)}`;
      const tls = p.tls ? ` TLS ${describeRecords(p.tls)}` : '';
      const info =
        e.kind === 'ftp/command-sent'
          ? `${commandLine(e.command).trim()}${tls}`
          : e.kind === 'ftp/reply-sent'
            ? `${replyLine(e.reply).trim()}${tls}`
            : `[${flagLabel(s.flags)}] seq=${s.seq} ack=${s.ack} win=${s.window} len=${s.payload.length}${tls}`;
      const retx = p.retransmission > 0 ? ` (retransmission ${p.retransmission})` : '';
      const fate =
        p.fate.kind === 'dropped'
          ? `  ✗ dropped at ${p.fate.device}`
          : p.fate.kind === 'unanswered'
            ? '  ? no answer captured'
            : '';
      return `${p.conn.padEnd(7)} ${route}  ${info}${retx}${fate}`;
    }
    case 'fw/verdict':
      return `${e.conn.padEnd(7)} firewall ${e.device}: ${e.verdict.action.toUpperCase()} (${e.verdict.state}) by ${e.verdict.rule.text}`;
    case 'nat/translated':
      return `${e.conn.padEnd(7)} NAT ${e.device} ${e.type.toUpperCase()}: ${formatEndpoint(e.before.src)} > ${formatEndpoint(e.before.dst)} becomes ${formatEndpoint(e.after.src)} > ${formatEndpoint(e.after.dst)}`;
    case 'nat/payload-rewritten':
      return `${e.conn.padEnd(7)} FTP helper ${e.device} rewrites ${e.before} as ${e.after} (${e.sizeDelta >= 0 ? '+' : ''}${e.sizeDelta} bytes)`;
    case 'conntrack/expectation-created':
      return `${e.conn.padEnd(7)} conntrack ${e.expectation.device} expects ${e.expectation.sourceIp} > ${formatEndpoint(e.expectation.destination)} (${e.expectation.reason})`;
    case 'conntrack/helper-blind':
      return `${e.conn.padEnd(7)} FTP helper ${e.device} cannot read ${e.line} (TLS): no expectation`;
    case 'socket/listening':
      return `${e.conn.padEnd(7)} ${e.host} listens on ${formatEndpoint(e.endpoint)}`;
    case 'socket/closed':
      return `${e.conn.padEnd(7)} ${e.host} closes its listening socket ${formatEndpoint(e.endpoint)}`;
    case 'timer/expired':
      return `${e.conn.padEnd(7)} ${e.host} timer ${e.timer} expired after ${e.after.toFixed(1)} s`;
    case 'transfer/finished':
      return `transfer ${e.transfer.index} ${e.transfer.command}: ${e.transfer.outcome}${e.transfer.reason ? ` (${e.transfer.reason})` : ''}, replies ${e.transfer.replyCodes.join(' ')}`;
    case 'session/finished':
      return e.client
        ? `session ${e.outcome}; curl exits with status ${e.client.status}`
        : `session ${e.outcome}`;
    default:
      return assertNever(e);
  }
}
