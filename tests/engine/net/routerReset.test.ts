import { describe, expect, it } from 'vitest';
import { isPacketEvent, simulate, type ScenarioInput } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

function run(input: ScenarioInput) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario);
}

describe("a NAT router's reset for a port it forwards nowhere", () => {
  // EPSV, client behind NAT, server behind NAT with only port 21 forwarded, no helper (tests/lab/nat.lab.test.ts).
  const sim = run({ mode: 'epsv', clientNat: true, serverNat: 'private' });
  const rst = sim.events.filter(isPacketEvent).find((e) => e.packet.segment.flags.rst);

  it('goes to the address the SYN came from, the client’s public one, and back through the client’s NAT', () => {
    if (!rst) throw new Error('no RST');
    expect(rst.packet.from).toBe('server-router');
    expect(rst.packet.segment.dst.ip).toBe(sim.addresses.clientRouter.wan);
    expect(rst.packet.fate).toEqual({ kind: 'delivered' });
    // The client's own capture shows it, addressed to its private address.
    expect(rst.packet.views.client?.segment.dst.ip).toBe(sim.addresses.client);
  });

  it('refuses the client’s connect() when it arrives, not before', () => {
    const transfer = sim.transfers[0];
    expect(transfer).toMatchObject({
      outcome: 'failed',
      reason: 'connection-refused',
      replyCodes: [229, 425],
    });
    const list = sim.events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'LIST');
    const arrived = rst?.packet.views.client?.at ?? Infinity;
    expect(list && list.at).toBeGreaterThan(arrived);
  });
});
