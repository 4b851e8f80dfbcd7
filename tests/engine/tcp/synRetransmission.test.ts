import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random';
import { synSchedule } from '../../../src/engine/tcp/synRetransmission';

describe('Linux SYN retransmission schedule', () => {
  it('retransmits at ~1 s intervals first (tcp_syn_linear_timeouts), as the reference captures show', () => {
    const { retransmitAt } = synSchedule(createRandom(7));
    // shared/captures: SYNs at 0, 1.0, 2.0, 3.1, 4.1 s.
    const seconds = retransmitAt.slice(0, 4).map((us) => us / 1e6);
    [1.0, 2.0, 3.06, 4.09].forEach((expected, i) => expect(seconds[i]).toBeCloseTo(expected, 0));
    for (let i = 1; i < 4; i++)
      expect((retransmitAt[i] ?? 0) - (retransmitAt[i - 1] ?? 0)).toBeLessThan(1_100_000);
  });

  it('then backs off exponentially and gives up about 134 s after the first SYN, as measured on Linux 6.18', () => {
    const { retransmitAt, giveUpAt } = synSchedule(createRandom(7));
    // Measured: retransmissions at 1.02, 2.04, 3.07, 4.09, 5.12, 7.13, 11.36, 19.55, 35.68, 68.52 s; ETIMEDOUT at 134.06 s.
    const measured = [1.02, 2.04, 3.07, 4.09, 5.12, 7.13, 11.36, 19.55, 35.68, 68.52];
    expect(retransmitAt).toHaveLength(measured.length);
    retransmitAt.forEach((t, i) => expect(Math.abs(t / 1e6 - (measured[i] ?? 0))).toBeLessThan(0.25));
    expect(Math.abs(giveUpAt / 1e6 - 134.06)).toBeLessThan(0.3);
  });

  it('is the same for the same seed', () => {
    expect(synSchedule(createRandom(3))).toEqual(synSchedule(createRandom(3)));
  });
});
