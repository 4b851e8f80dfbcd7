import type { LabHost, LabNetwork } from './network';
import { startDaemon, waitFor } from './processes';

/** One expectation the FTP helper created: the data connection a box lets in, as that box sees it. */
export interface RealExpectation {
  readonly host: LabHost;
  /** Who may open it. */
  readonly src: string;
  readonly dst: string;
  readonly dport: number;
}

export interface ExpectationMonitor {
  /** Stops `conntrack -E expect` and returns the expectations it reported as NEW, in order. */
  stop(): Promise<RealExpectation[]>;
}

/** NETLINK_NETFILTER, the protocol conntrack's event socket speaks (/proc/net/netlink's `Eth` column). */
const NETLINK_NETFILTER = 12;

/**
 * `conntrack -E expect` in one box: every expectation nf_conntrack_ftp creates there. Resolves once the event
 * socket is subscribed (a NETLINK_NETFILTER socket with multicast groups in the box's /proc/net/netlink), so
 * no expectation of the session can be missed.
 */
export async function monitorExpectations(net: LabNetwork, host: LabHost): Promise<ExpectationMonitor> {
  const [command, args] = net.argv(host, ['conntrack', '-E', 'expect']);
  const daemon = startDaemon(command, args, { stdout: true });
  try {
    await waitFor(
      `conntrack -E expect in ${host}`,
      async () => ((await subscribed(net, host)) ? true : undefined),
      5000,
    );
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return {
    async stop() {
      await daemon.stop();
      return daemon
        .stdout()
        .split('\n')
        .flatMap((line) => {
          const m = /\[NEW\].*?\bsrc=(\S+) dst=(\S+) sport=\d+ dport=(\d+)/.exec(line);
          return m?.[1] && m[2] && m[3] ? [{ host, src: m[1], dst: m[2], dport: Number(m[3]) }] : [];
        });
    },
  };
}

async function subscribed(net: LabNetwork, host: LabHost): Promise<boolean> {
  const table = await net.exec(host, ['cat', '/proc/net/netlink']);
  return table
    .split('\n')
    .slice(1)
    .some((row) => {
      const [, eth, , groups] = row.trim().split(/\s+/);
      return Number(eth) === NETLINK_NETFILTER && groups !== undefined && parseInt(groups, 16) !== 0;
    });
}
