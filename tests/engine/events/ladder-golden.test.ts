import { describe, expect, it } from 'vitest';
import { simulate, summarize } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

/**
 * Golden traces: one line per event, so a change in the engine shows up as a readable ladder-diagram diff.
 * Update deliberately with `npx vitest run -u` after checking the diff against the captures.
 */
const GOLDEN = {
  'textbook-active': {},
  'textbook-passive': { mode: 'passive' },
  'active-client-firewall': { clientFirewall: 'stateful', server: { connectTimeout: 5 } },
  'passive-server-firewall-port21': {
    mode: 'passive',
    serverFirewall: 'port21',
    server: { acceptTimeout: 5 },
    client: { connectTimeout: 5 },
  },
  'active-client-nat-helper': { clientNat: true, helper: true },
  'epsv-server-nat-private': { mode: 'epsv', serverNat: 'private', server: { acceptTimeout: 5 } },
} as const;

describe('golden ladder traces', () => {
  for (const [name, input] of Object.entries(GOLDEN)) {
    it(name, async () => {
      const r = parseScenario(input);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      await expect(`${summarize(simulate(r.scenario).events).join('\n')}\n`).toMatchFileSnapshot(
        `./golden/${name}.txt`,
      );
    });
  }
});
