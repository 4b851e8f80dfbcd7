import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../src/engine';
import { createI18n } from '../../../src/i18n';
import { scenarioGlance, scenarioWords } from '../../../src/ui/header/scenarioWords';

describe('the scenario in words', () => {
  it('names IPv6, and says there is no NAT where the NAT item would be; IPv4 is left unsaid', () => {
    const t = createI18n('en').t;
    const four = defaultScenario();
    const six = { ...four, ipVersion: 6 as const };
    expect(scenarioGlance(four, t)).toContain('NAT: client no, server no');
    expect(scenarioGlance(six, t)).toContain('IPv6, no NAT');
    expect(scenarioGlance(six, t).some((w) => w.startsWith('NAT:'))).toBe(false);
    expect(scenarioWords(six, t)).toContain('IP version: IPv6');
    expect(scenarioWords(four, t).some((w) => w.startsWith('IP version'))).toBe(false);
    expect(scenarioGlance(six, createI18n('es').t)).toContain('IPv6, sin NAT');
  });

  it('names explicit FTPS when the control connection is encrypted, and nothing when it is not', () => {
    const t = createI18n('en').t;
    const plain = defaultScenario();
    const ftps = { ...plain, tls: 'explicit' as const };
    expect(scenarioWords(ftps, t)).toContain('Encryption: Explicit FTPS (AUTH TLS)');
    expect(scenarioGlance(ftps, t)).toContain('Encryption: explicit FTPS');
    expect([...scenarioWords(plain, t), ...scenarioGlance(plain, t)].some((w) => /Encryption/.test(w))).toBe(
      false,
    );
    expect(scenarioGlance(ftps, createI18n('es').t)).toContain('Cifrado: FTPS explícito');
  });
});
