import type { Random } from '../random';

/**
 * When a Linux 6.x stack retransmits an unanswered SYN, and when connect() gives up with ETIMEDOUT.
 * net.ipv4.tcp_syn_linear_timeouts (default 4) keeps the RTO at the initial 1 s for the first
 * retransmissions, then it doubles (tcp_timer.c); tcp_syn_retries (default 6) bounds the count. The
 * reference captures show the timer firing 15–30 ms late each time (timer-wheel slack), modelled here
 * as seeded jitter.
 */
export interface SynSchedule {
  /** Offsets from the first SYN, in microseconds, of each retransmission. */
  readonly retransmitAt: readonly number[];
  /** Offset at which the kernel abandons the connection attempt. */
  readonly giveUpAt: number;
}

export const LINUX_SYN_DEFAULTS = { initialRtoUs: 1_000_000, linearTimeouts: 4, synRetries: 6, maxRtoUs: 120_000_000 };

export function synSchedule(random: Random, params = LINUX_SYN_DEFAULTS): SynSchedule {
  const retransmitAt: number[] = [];
  let rto = params.initialRtoUs;
  let t = 0;
  for (let retries = 1; retries <= params.synRetries; retries++) {
    t += rto + slack(random, rto);
    retransmitAt.push(t);
    if (retries > params.linearTimeouts) rto = Math.min(rto * 2, params.maxRtoUs);
  }
  return { retransmitAt, giveUpAt: t + rto + slack(random, rto) };
}

function slack(random: Random, rto: number): number {
  return Math.round((rto / 1_000_000) * random.int(12_000, 30_000));
}
