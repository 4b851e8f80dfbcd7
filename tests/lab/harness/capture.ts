import { readFile } from 'node:fs/promises';
import { readCaptureBytes, type CapturedPacket } from '../../../src/import/captureReader';
import type { LabHost, LabNetwork } from './network';
import { startDaemon, waitFor, type Daemon } from './processes';

export interface Capture {
  readonly file: string;
  /** The packets written so far (the file is complete up to its last record: tcpdump -U). */
  read(): Promise<readonly CapturedPacket[]>;
  /** Stops tcpdump cleanly (SIGINT: it flushes and closes the file) and returns every packet. */
  stop(): Promise<readonly CapturedPacket[]>;
}

/**
 * tcpdump on one box's interface, TCP only, whole packets, written packet by packet (-U) and handed over
 * at once (--immediate-mode; otherwise the kernel's capture ring delivers in blocks, late). The file is read
 * with the project's own pcap reader. A capture that lost packets is an error, never a silent gap.
 */
export async function startCapture(
  net: LabNetwork,
  host: LabHost,
  iface: string,
  file: string,
): Promise<Capture> {
  const [command, args] = net.argv(host, [
    'tcpdump',
    '-i',
    iface,
    // Whole frames (at most 1514 bytes: MTU 1500, one segment per send), and a ring big enough for a burst:
    // with the default snapshot length of 256 KiB each ring slot is that big, the 2 MiB ring holds a handful
    // of packets and a 64 KiB transfer loses most of them ("dropped by kernel").
    '-s',
    '2048',
    '-B',
    '16384',
    '-U',
    '--immediate-mode',
    '-n',
    '-Z',
    'root',
    '-w',
    file,
    'tcp',
  ]);
  const daemon: Daemon = startDaemon(command, args);
  try {
    await waitFor(
      `tcpdump on ${host}/${iface} to start`,
      () => (daemon.stderr().includes('listening on') ? true : undefined),
      5000,
    );
  } catch (error) {
    await daemon.stop('SIGINT');
    throw new Error(`${(error as Error).message}: ${daemon.stderr()}`, { cause: error });
  }
  const read = async (): Promise<readonly CapturedPacket[]> =>
    readCaptureBytes(new Uint8Array(await readFile(file))).packets;
  return {
    file,
    read,
    async stop() {
      await daemon.stop('SIGINT');
      const dropped = /(\d+) packets? dropped by kernel/.exec(daemon.stderr());
      if (dropped && Number(dropped[1]) > 0)
        throw new Error(`tcpdump on ${host}/${iface} lost packets: ${daemon.stderr().trim()}`);
      return read();
    },
  };
}
