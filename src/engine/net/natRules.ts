import type { RuleRef } from '../events/stepEvent';
import type { Tuple } from '../netfilter/conntrack';
import type { Scenario } from '../scenario/scenario';
import type { Endpoint } from './address';
import type { AddressPlan } from './addressPlan';

/** What a NAT router makes of a new connection that reaches it. */
export type NatDecision =
  | { readonly kind: 'snat'; readonly to: Endpoint }
  | { readonly kind: 'dnat'; readonly to: Endpoint; readonly rule: RuleRef }
  | { readonly kind: 'none' }
  /** Addressed to the router itself, where nothing listens: its stack answers RST. */
  | { readonly kind: 'local' };

/** The two routers' NAT tables, as data. */
export type NatRule =
  /** The client's router masquerades its LAN behind its WAN address. */
  | { readonly kind: 'masquerade'; readonly wan: Endpoint['ip'] }
  /** The server's router: source NAT outward; port 21, and the passive range if forwarded, inward. */
  | {
      readonly kind: 'port-forward';
      readonly wan: Endpoint['ip'];
      readonly server: Endpoint['ip'];
      readonly passive?: { readonly min: number; readonly max: number };
    };

export function natRules(s: Scenario, plan: AddressPlan): { client?: NatRule; server?: NatRule } {
  return {
    ...(s.clientNat ? { client: { kind: 'masquerade', wan: plan.clientRouter.wan } } : {}),
    ...(s.serverNat !== 'none'
      ? {
          server: {
            kind: 'port-forward',
            wan: plan.serverRouter.wan,
            server: plan.server,
            ...(s.serverNat === 'public' ? { passive: s.server.passivePorts } : {}),
          },
        }
      : {}),
  };
}

export function natDecision(rule: NatRule, tuple: Tuple, towardServer: boolean): NatDecision {
  if (rule.kind === 'masquerade') {
    if (towardServer) return { kind: 'snat', to: { ip: rule.wan, port: tuple.src.port } };
    return tuple.dst.ip === rule.wan ? { kind: 'local' } : { kind: 'none' };
  }
  if (!towardServer) return { kind: 'snat', to: { ip: rule.wan, port: tuple.src.port } };
  if (tuple.dst.ip !== rule.wan) return { kind: 'none' };
  const to = { ip: rule.server, port: tuple.dst.port };
  if (tuple.dst.port === 21)
    return {
      kind: 'dnat',
      to,
      rule: dnatRule(rule, 'dnat-21', `--dport 21 -j DNAT --to-destination ${rule.server}:21`),
    };
  const range = rule.passive;
  if (range && tuple.dst.port >= range.min && tuple.dst.port <= range.max)
    return {
      kind: 'dnat',
      to,
      rule: dnatRule(
        rule,
        'dnat-passive-range',
        `--dport ${range.min}:${range.max} -j DNAT --to-destination ${rule.server}`,
      ),
    };
  return { kind: 'local' };
}

function dnatRule(rule: NatRule, id: RuleRef['id'], tail: string): RuleRef {
  return {
    device: 'server-router',
    chain: 'PREROUTING',
    id,
    text: `-t nat -A PREROUTING -d ${rule.wan} -p tcp ${tail}`,
  };
}
