import { getPriority, setPriority } from 'node:os';
import { run, runStatus } from './processes';

/**
 * The programs the lab runs (Debian packages: iproute2 vsftpd iptables conntrack tcpdump curl python3
 * openssl; ip6tables-restore and openssl for issue 14's IPv6 and FTPS runs).
 */
export const PROGRAMS = [
  'ip',
  'ss',
  'iptables-restore',
  'ip6tables-restore',
  'openssl',
  'conntrack',
  'vsftpd',
  'tcpdump',
  'curl',
  'python3',
  'getent',
];

const HOW =
  'The lab (tests/lab/README.md) runs real vsftpd, iptables and tcpdump in network namespaces: it needs Linux, ' +
  'root, and `apt-get install vsftpd iptables conntrack tcpdump curl python3 openssl` (CI’s .ci/run does both).';

/**
 * The lab times real programs (vsftpd's and curl's time-outs, the gaps between their packets) and compares the
 * gaps with the engine's within 5 %. On a busy machine (the rest of CI, another job) a program woken by its
 * timer may wait its turn for a core; at a higher priority, which every program the lab starts inherits from
 * this worker, the lab's go first.
 */
const LAB_NICENESS = -10;

/**
 * Fails with one message naming everything that is missing, so a machine that cannot run the lab makes it
 * fail loudly instead of passing with nothing checked.
 */
export async function checkLabCanRun(): Promise<void> {
  const problems: string[] = [];
  if (process.platform === 'linux' && process.getuid?.() === 0 && getPriority() > LAB_NICENESS) {
    setPriority(LAB_NICENESS);
  }
  if (process.platform !== 'linux') problems.push(`this is ${process.platform}, not Linux`);
  if (process.getuid?.() !== 0) problems.push('not running as root');
  const missing: string[] = [];
  for (const program of PROGRAMS) {
    const found = await runStatus('sh', ['-c', `command -v ${program}`], 5000);
    if (found.code !== 0) missing.push(program);
  }
  if (missing.length) problems.push(`programs not found: ${missing.join(', ')}`);
  if (problems.length === 0) {
    const probe = `ftplab-${process.pid}-probe`;
    try {
      await run('ip', ['netns', 'add', probe]);
    } catch (error) {
      problems.push(`cannot create a network namespace: ${(error as Error).message.trim()}`);
    } finally {
      await runStatus('ip', ['netns', 'del', probe], 5000);
    }
  }
  if (problems.length === 0) {
    const niceness = Number((await run('nice', [])).trim());
    if (niceness > LAB_NICENESS) {
      problems.push(`the lab's programs run at niceness ${niceness}, not ${LAB_NICENESS}`);
    }
  }
  if (problems.length) throw new Error(`${HOW}\nThis machine: ${problems.join('; ')}.`);
}
