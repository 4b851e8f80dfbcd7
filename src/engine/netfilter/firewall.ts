import type { ConntrackState, DeviceId, FirewallVerdict, RuleRef } from '../events/stepEvent';
import type { Scenario } from '../scenario/scenario';
import type { Tuple } from './conntrack';

/**
 * The host firewalls of the reference captures, as data. Each is the INPUT chain of a stateful iptables
 * ruleset whose policy is DROP; outbound traffic is never filtered.
 */
export interface FirewallRule {
  readonly ref: RuleRef;
  readonly matches: (state: ConntrackState, tuple: Tuple) => boolean;
}

export interface Firewall {
  readonly device: DeviceId;
  readonly rules: readonly FirewallRule[];
  readonly policy: RuleRef;
}

const rule = (device: DeviceId, id: RuleRef['id'], text: string): RuleRef => ({
  device,
  chain: 'INPUT',
  id,
  text,
});

const establishedRelated = (device: DeviceId): FirewallRule => ({
  ref: rule(
    device,
    'ct-established-related',
    '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
  ),
  matches: (state) => state === 'established' || state === 'related',
});

const policyDrop = (device: DeviceId): RuleRef => rule(device, 'policy-drop', '-P INPUT DROP');

export function clientFirewall(s: Scenario): Firewall | undefined {
  if (s.clientFirewall === 'none') return undefined;
  return { device: 'client', rules: [establishedRelated('client')], policy: policyDrop('client') };
}

export function serverFirewall(s: Scenario): Firewall | undefined {
  if (s.serverFirewall === 'none') return undefined;
  const rules: FirewallRule[] = [
    establishedRelated('server'),
    {
      ref: rule('server', 'dport-21', '-A INPUT -p tcp --dport 21 -m conntrack --ctstate NEW -j ACCEPT'),
      matches: (state, t) => state === 'new' && t.dst.port === 21,
    },
  ];
  if (s.serverFirewall === 'port21+range') {
    const { min, max } = s.server.passivePorts;
    rules.push({
      ref: rule(
        'server',
        'dport-passive-range',
        `-A INPUT -p tcp --dport ${min}:${max} -m conntrack --ctstate NEW -j ACCEPT`,
      ),
      matches: (state, t) => state === 'new' && t.dst.port >= min && t.dst.port <= max,
    });
  }
  return { device: 'server', rules, policy: policyDrop('server') };
}

export function evaluateRules(fw: Firewall, state: ConntrackState, tuple: Tuple): FirewallVerdict {
  const hit = fw.rules.find((r) => r.matches(state, tuple));
  return hit ? { action: 'accept', state, rule: hit.ref } : { action: 'drop', state, rule: fw.policy };
}
