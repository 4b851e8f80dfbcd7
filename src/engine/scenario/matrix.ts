import {
  CLIENT_FIREWALLS,
  DATA_PORT_POLICIES,
  MODES,
  NETWORKS,
  SERVER_FIREWALLS,
  SERVER_NATS,
} from './scenario';
import type { ScenarioInput } from './schema';

/** Every combination of the scenario's options (1152 scenarios): for the benchmark and property tests. */
export function scenarioMatrix(seed = 1): ScenarioInput[] {
  const all: ScenarioInput[] = [];
  for (const mode of MODES)
    for (const clientFirewall of CLIENT_FIREWALLS)
      for (const serverFirewall of SERVER_FIREWALLS)
        for (const clientNat of [false, true])
          for (const serverNat of SERVER_NATS)
            for (const helper of [false, true])
              for (const dataPort of DATA_PORT_POLICIES)
                for (const network of NETWORKS)
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
                  });
  return all;
}
