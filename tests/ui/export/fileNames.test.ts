import { describe, expect, it } from 'vitest';
import { type ScenarioInput, type Scenario } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { ladderFileName, pcapFileName, scenarioSlug } from '../../../src/ui/export/fileNames';

function scenario(input: ScenarioInput): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

describe('export file names', () => {
  it('name the classic example by its mode only', () => {
    expect(scenarioSlug(scenario({}))).toBe('ftp-active');
    expect(ladderFileName(scenario({ mode: 'epsv' }), 'svg')).toBe('ftp-epsv-ladder.svg');
  });

  it('say where the capture was taken', () => {
    const s = scenario({ clientFirewall: 'stateful' });
    expect(pcapFileName(s, 'client')).toBe('ftp-active-clientfw-client.pcap');
    expect(pcapFileName(s, 'server')).toBe('ftp-active-clientfw-server.pcap');
  });

  it('list the settings that differ from the classic example, in a file-system-safe form', () => {
    const s = scenario({
      mode: 'passive',
      serverFirewall: 'port21+range',
      clientNat: true,
      serverNat: 'public',
      helper: true,
      client: { dataPort: 'realistic' },
    });
    const name = ladderFileName(s, 'png');
    expect(name).toBe(
      'ftp-passive-serverfw-port21-range-clientnat-servernat-public-helper-realistic-ladder.png',
    );
    expect(name).toMatch(/^[a-z0-9-]+\.png$/);
  });
});
