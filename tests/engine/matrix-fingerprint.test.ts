/**
 * A fingerprint of everything the engine says about the full scenario matrix: every event of every
 * scenario, hashed. A refactor of the engine must leave it unchanged (that is how the event-driven rewrite
 * was shown to change nothing); a change of behaviour changes it, and the commit that updates the value
 * here says which behaviour changed and why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scenarioMatrix, simulate } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';

function matrixFingerprint(ipVersion: 4 | 6 = 4): string {
  const hash = createHash('sha256');
  for (const input of scenarioMatrix(1, ipVersion)) {
    const parsed = parseScenario(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    hash.update(JSON.stringify(simulate(parsed.scenario).events));
  }
  return hash.digest('hex');
}

describe('the full scenario matrix', () => {
  it('gives exactly the events it gave when this fingerprint was recorded', () => {
    expect(matrixFingerprint()).toBe('38fe04ca5c4e2d11ecab7bc24e5f71bb239ff0c5ecb801441f1d988000144f4f');
  });

  // IPv6 (issue 14) has its own fingerprint, so that the IPv4 one above stayed as it was.
  it('over IPv6, gives exactly the events it gave when this fingerprint was recorded', () => {
    expect(matrixFingerprint(6)).toBe('51350a8bf7616d5b4415f208978cb9de74865e63fb39baf6c9be37fc2c77e0c5');
  });
});
