import type { DeviceId, FailureReason, RuleId } from '../events/stepEvent';
import type { ScenarioInput } from './schema';

/**
 * The classic cases, as data: each names the scenario and what must happen, so one test checks them all
 * and the UI and quizzes can offer them. Expectations follow Linux netfilter and vsftpd 3.0.3 (see
 * shared/captures/README.md for the four that were captured on real systems).
 */
export interface BuiltinScenario {
  readonly id: string;
  readonly input: ScenarioInput;
  readonly expect:
    | { readonly outcome: 'success' }
    | {
        readonly outcome: 'failed';
        readonly reason: FailureReason;
        /** Where the data connection dies, when a device stops it. */
        readonly droppedBy?: { readonly device: DeviceId; readonly rule: RuleId };
        readonly refusedBy?: DeviceId;
        /** The last reply code the user sees for the transfer. */
        readonly replyCode: number;
      };
}

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [
  { id: 'textbook-active', input: {}, expect: { outcome: 'success' } },
  { id: 'textbook-passive', input: { mode: 'passive' }, expect: { outcome: 'success' } },
  {
    id: 'active-client-firewall',
    input: { clientFirewall: 'stateful' },
    expect: {
      outcome: 'failed',
      reason: 'data-syn-dropped',
      droppedBy: { device: 'client', rule: 'policy-drop' },
      replyCode: 425,
    },
  },
  {
    id: 'passive-client-firewall',
    input: { mode: 'passive', clientFirewall: 'stateful' },
    expect: { outcome: 'success' },
  },
  {
    id: 'active-client-firewall-helper',
    input: { clientFirewall: 'stateful', helper: true },
    expect: { outcome: 'success' },
  },
  {
    id: 'passive-server-firewall-port21',
    input: { mode: 'passive', serverFirewall: 'port21' },
    expect: {
      outcome: 'failed',
      reason: 'data-syn-dropped',
      droppedBy: { device: 'server', rule: 'policy-drop' },
      replyCode: 425,
    },
  },
  {
    id: 'passive-server-firewall-port21-helper',
    input: { mode: 'passive', serverFirewall: 'port21', helper: true },
    expect: { outcome: 'success' },
  },
  {
    id: 'passive-server-firewall-range',
    input: { mode: 'passive', serverFirewall: 'port21+range' },
    expect: { outcome: 'success' },
  },
  {
    id: 'active-server-firewall-port21',
    input: { serverFirewall: 'port21' },
    expect: { outcome: 'success' },
  },
  {
    id: 'active-both-firewalls',
    input: { clientFirewall: 'stateful', serverFirewall: 'port21' },
    expect: {
      outcome: 'failed',
      reason: 'data-syn-dropped',
      droppedBy: { device: 'client', rule: 'policy-drop' },
      replyCode: 425,
    },
  },
  {
    id: 'passive-both-firewalls',
    input: { mode: 'passive', clientFirewall: 'stateful', serverFirewall: 'port21' },
    expect: {
      outcome: 'failed',
      reason: 'data-syn-dropped',
      droppedBy: { device: 'server', rule: 'policy-drop' },
      replyCode: 425,
    },
  },
  {
    id: 'passive-both-firewalls-range',
    input: { mode: 'passive', clientFirewall: 'stateful', serverFirewall: 'port21+range' },
    expect: { outcome: 'success' },
  },
  {
    id: 'active-client-nat',
    input: { clientNat: true },
    expect: { outcome: 'failed', reason: 'port-rejected', replyCode: 500 },
  },
  {
    id: 'active-client-nat-helper',
    input: { clientNat: true, helper: true },
    expect: { outcome: 'success' },
  },
  {
    id: 'eprt-client-nat',
    input: { mode: 'eprt', clientNat: true },
    expect: { outcome: 'failed', reason: 'port-rejected', replyCode: 500 },
  },
  {
    id: 'eprt-client-nat-helper',
    input: { mode: 'eprt', clientNat: true, helper: true },
    expect: { outcome: 'success' },
  },
  { id: 'passive-client-nat', input: { mode: 'passive', clientNat: true }, expect: { outcome: 'success' } },
  {
    id: 'passive-server-nat-private',
    input: { mode: 'passive', serverNat: 'private' },
    expect: {
      outcome: 'failed',
      reason: 'data-syn-dropped',
      droppedBy: { device: 'internet', rule: 'no-route-private' },
      replyCode: 425,
    },
  },
  {
    id: 'passive-server-nat-private-helper',
    input: { mode: 'passive', serverNat: 'private', helper: true },
    expect: { outcome: 'success' },
  },
  {
    id: 'passive-server-nat-public',
    input: { mode: 'passive', serverNat: 'public' },
    expect: { outcome: 'success' },
  },
  {
    id: 'epsv-server-nat-private',
    input: { mode: 'epsv', serverNat: 'private' },
    expect: { outcome: 'failed', reason: 'connection-refused', refusedBy: 'server-router', replyCode: 425 },
  },
  {
    id: 'epsv-server-nat-private-helper',
    input: { mode: 'epsv', serverNat: 'private', helper: true },
    expect: { outcome: 'success' },
  },
  {
    // The server announces its public address, which is not the address conntrack sees it send from, so
    // nf_conntrack_ftp records no expectation ("NOT RECORDING") and the firewall drops the data SYN.
    id: 'passive-server-nat-public-port21-helper',
    input: { mode: 'passive', serverNat: 'public', serverFirewall: 'port21', helper: true },
    expect: {
      outcome: 'failed',
      reason: 'data-syn-dropped',
      droppedBy: { device: 'server', rule: 'policy-drop' },
      replyCode: 425,
    },
  },
  { id: 'active-server-nat', input: { serverNat: 'private' }, expect: { outcome: 'success' } },
  {
    id: 'active-both-nat-helper',
    input: { clientNat: true, serverNat: 'public', helper: true },
    expect: { outcome: 'success' },
  },
  {
    id: 'retr-missing-file',
    input: { mode: 'passive', commands: [{ verb: 'RETR', file: 'missing.txt' }] },
    expect: { outcome: 'failed', reason: 'file-unavailable', replyCode: 550 },
  },
  {
    id: 'stor-uploads-disabled',
    input: { commands: [{ verb: 'STOR', file: 'upload.bin' }], server: { uploads: false } },
    expect: { outcome: 'failed', reason: 'permission-denied', replyCode: 550 },
  },
  {
    id: 'stor-existing-file',
    input: { commands: [{ verb: 'STOR', file: 'hello.txt' }] },
    expect: { outcome: 'failed', reason: 'cannot-create', replyCode: 553 },
  },
  {
    id: 'session-list-retr-stor',
    input: {
      mode: 'passive',
      commands: [
        { verb: 'LIST' },
        { verb: 'RETR', file: 'hello.txt' },
        { verb: 'STOR', file: 'upload.bin', size: 5000 },
      ],
    },
    expect: { outcome: 'success' },
  },
];
