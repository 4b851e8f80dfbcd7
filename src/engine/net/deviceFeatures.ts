import type { DeviceId } from '../events/stepEvent';
import type { Scenario } from '../scenario/scenario';

export interface DeviceFeatures {
  /** The host firewall's setting (its INPUT chain), when the device has one. */
  readonly firewall?: Exclude<Scenario['clientFirewall'] | Scenario['serverFirewall'], 'none'>;
  readonly nat: boolean;
  /** Whether the device keeps a conntrack table: it filters statefully or translates addresses. */
  readonly conntrack: boolean;
  /** The FTP helper runs here: it is switched on and the device tracks connections. */
  readonly helper: boolean;
}

/**
 * What each box on the path is, from the scenario: the one wiring the network simulates and the
 * diagram draws. Firewalls sit on the hosts (as in the reference captures); NAT on the routers.
 */
export function deviceFeatures(s: Scenario): Readonly<Record<DeviceId, DeviceFeatures>> {
  const host = (firewall: DeviceFeatures['firewall'] | 'none'): DeviceFeatures =>
    firewall === 'none'
      ? { nat: false, conntrack: false, helper: false }
      : { firewall, nat: false, conntrack: true, helper: s.helper };
  const router = (nat: boolean): DeviceFeatures => ({ nat, conntrack: nat, helper: nat && s.helper });
  return {
    client: host(s.clientFirewall),
    'client-router': router(s.clientNat),
    internet: { nat: false, conntrack: false, helper: false },
    'server-router': router(s.serverNat !== 'none'),
    server: host(s.serverFirewall),
  };
}
