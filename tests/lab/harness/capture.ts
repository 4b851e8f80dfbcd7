import { readFile } from 'node:fs/promises';
import { parsePcap, type CapturedPacket } from '../../../src/import/pcapReader';
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
 * with the project's own pcap reader.
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
    '-s',
    '0',
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
    parsePcap(new Uint8Array(await readFile(file))).packets;
  return {
    file,
    read,
    async stop() {
      await daemon.stop('SIGINT');
      return read();
    },
  };
}
