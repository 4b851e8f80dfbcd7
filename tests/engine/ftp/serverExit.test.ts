import { describe, expect, it } from 'vitest';
import { isPacketEvent, simulate } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

describe("vsftpd's session process exits after 221", () => {
  it('closes the control connection first; the kernel then resets the data connection vsftpd never accepted', () => {
    // Passive RETR of a missing file: the client's data connection is up, vsftpd answers 550 without it.
    const parsed = parseScenario({ mode: 'passive', commands: [{ verb: 'RETR', file: 'missing.txt' }] });
    if (!parsed.ok) throw new Error('invalid');
    const packets = simulate(parsed.scenario).events.filter(isPacketEvent);
    const fin = packets.find(
      (e) => e.packet.conn === 'control' && e.packet.from === 'server' && e.packet.segment.flags.fin,
    );
    const rst = packets.find((e) => e.packet.conn === 'data-1' && e.packet.segment.flags.rst);
    if (!fin || !rst) throw new Error('no FIN or no RST');
    expect(rst.packet.from).toBe('server');
    // 0.1–1 ms after the FIN, as measured in tests/lab (transfers.lab.test.ts).
    expect(rst.at - fin.at).toBeGreaterThanOrEqual(100);
    expect(rst.at - fin.at).toBeLessThanOrEqual(1000);
  });
});
