import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random';
import { synSchedule } from '../../../src/engine/tcp/synRetransmission';

describe('Linux SYN retransmission schedule', () => {
  it('retransmits at ~1 s intervals first (tcp_syn_linear_timeouts), as the reference captures show', () => {
    const { retransmitAt } = synSchedule(createRandom(7));
    // shared/captures: SYNs at 0, 1.0, 2.0, 3.1, 4.1 s.
    const seconds = retransmitAt.slice(0, 4).map((us) => us / 1e6);
    [1.0, 2.0, 3.06, 4.09].forEach((expected, i) => expect(seconds[i]).toBeCloseTo(expected, 0));
    for (let i = 1; i < 4; i++) expect((retransmitAt[i] ?? 0) - (retransmitAt[i - 1] ?? 0)).toBeLessThan(1_100_000);
  });

  it('then backs off exponentially and gives up after tcp_syn_retries (6)', () => {
    const { retransmitAt, giveUpAt } = synSchedule(createRandom(7));
    expect(retransmitAt).toHaveLength(6);
    const gaps = retransmitAt.map((t, i) => t - (retransmitAt[i - 1] ?? 0));
    expect(gaps[5]).toBeGreaterThan(1.9e6);
    expect(giveUpAt - (retransmitAt[5] ?? 0)).toBeGreaterThan(3.9e6);
  });

  it('is the same for the same seed', () => {
    expect(synSchedule(createRandom(3))).toEqual(synSchedule(createRandom(3)));
  });
});
