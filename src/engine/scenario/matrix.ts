import {
  CLIENT_FIREWALLS,
  DATA_PORT_POLICIES,
  MODES,
  NETWORKS,
  SERVER_FIREWALLS,
  SERVER_NATS,
} from './scenario';
import type { IpVersion } from '../net/address';
import type { ScenarioInput } from './schema';

/**
 * Every combination of the scenario's options: for the benchmark and property tests. IPv4: 1152 scenarios;
 * IPv6 (no NAT, and the two networks route the same global addresses): 96.
 */
export function scenarioMatrix(seed = 1, ipVersion: IpVersion = 4): ScenarioInput[] {
  const v6 = ipVersion === 6;
  const all: ScenarioInput[] = [];
  for (const mode of MODES)
    for (const clientFirewall of CLIENT_FIREWALLS)
      for (const serverFirewall of SERVER_FIREWALLS)
        for (const clientNat of v6 ? [false] : [false, true])
          for (const serverNat of v6 ? (['none'] as const) : SERVER_NATS)
            for (const helper of [false, true])
              for (const dataPort of DATA_PORT_POLICIES)
                for (const network of v6 ? (['internet'] as const) : NETWORKS)
                  all.push({
                    mode,
                    clientFirewall,
                    serverFirewall,
                    clientNat,
                    serverNat,
                    helper,
                    client: { dataPort },
                    network,
                    seed,
                    ...(v6 ? { ipVersion } : {}),
                  });
  return all;
}
