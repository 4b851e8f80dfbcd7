import type { Random } from '../random';

/**
 * When a Linux 6.18 stack retransmits an unanswered SYN, and when connect() gives up with ETIMEDOUT,
 * as measured on real hosts (vsftpd in network namespaces, tcp_syn_linear_timeouts=4, tcp_syn_retries=6):
 * five retransmissions about 1 s apart, then exponential backoff (2, 4, 8, 16, 32 s), and ETIMEDOUT about
 * 134 s after the first SYN. The kernel's timers fire late in fixed steps (1024 ms rather than 1000, and
 * so on); the first interval, and the 4 s one, vary from run to run, here by seeded choice.
 * The reference captures agree: SYNs at 0, 1.0, 2.0, 3.1 and 4.1 s.
 */
export interface SynSchedule {
  /** Offsets from the first SYN, in microseconds, of each retransmission. */
  readonly retransmitAt: readonly number[];
  /** Offset at which the kernel abandons the connection attempt (ETIMEDOUT). */
  readonly giveUpAt: number;
}

const MS = 1000;

export function synSchedule(random: Random): SynSchedule {
  const gaps = [
    random.int(1001, 1032) * MS,
    random.int(1020, 1028) * MS,
    random.int(1020, 1028) * MS,
    random.int(1020, 1028) * MS,
    1024 * MS,
    2016 * MS,
    random.int(4032, 4256) * MS,
    8192 * MS,
    16128 * MS,
    33024 * MS,
  ];
  const retransmitAt: number[] = [];
  let t = 0;
  for (const gap of gaps) {
    t += gap;
    retransmitAt.push(t);
  }
  return { retransmitAt, giveUpAt: t + 65536 * MS };
}
