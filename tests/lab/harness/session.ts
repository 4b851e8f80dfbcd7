import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Scenario } from '../../../src/engine';
import type { CapturedPacket } from '../../../src/import/captureReader';
import { startCapture, type Capture } from './capture';
import { runCurl, runScriptedClient, type ClientBehaviour, type ClientLog, type CurlResult } from './clients';
import { monitorExpectations, type RealExpectation } from './expectations';
import { createLabNetwork, helperHosts } from './network';
import { ownDirectory, removeDirectory, waitFor, type Daemon } from './processes';
import { prepareServerFiles, startVsftpd, vsftpdConfig } from './vsftpd';

/** Which program plays the client. */
export type LabClient =
  | { readonly kind: 'scripted'; readonly behaviour: ClientBehaviour }
  | { readonly kind: 'curl'; readonly options: readonly string[] };

export interface LabSessionSpec {
  readonly scenario: Scenario;
  readonly client: LabClient;
  /** The whole session's limit; the client's own waits are shorter. */
  readonly timeoutMs: number;
}

export interface LabRun {
  /** What the client's and the server's interfaces saw, µs since each capture's first packet. */
  readonly captures: {
    readonly client: readonly CapturedPacket[];
    readonly server: readonly CapturedPacket[];
  };
  /** The expectations the FTP helper created, box by box (`conntrack -E expect`), in order. */
  readonly expectations: readonly RealExpectation[];
  readonly clientLog?: ClientLog;
  readonly curl?: CurlResult;
  /** Explicit FTPS: the TLS secrets the client logged (NSS key log format), to read the captures with. */
  readonly keyLog?: string;
}

let sessions = 0;

/**
 * One real FTP session: builds the network, starts the helper's expectation monitors, vsftpd and the two
 * captures, runs the client, waits until
 * the control connection has closed on both interfaces, then stops everything and deletes the namespaces
 * and files, whatever happened.
 */
export async function runLabSession(spec: LabSessionSpec): Promise<LabRun> {
  sessions += 1;
  const prefix = `ftplab-${process.pid}-${sessions}`;
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  ownDirectory(dir);
  const stoppers: (() => Promise<unknown>)[] = [];
  let net: Awaited<ReturnType<typeof createLabNetwork>> | undefined;
  try {
    net = await createLabNetwork(spec.scenario, prefix, dir);
    await prepareServerFiles(spec.scenario, dir);
    const config = join(dir, 'vsftpd.conf');
    await writeFile(config, vsftpdConfig(spec.scenario, dir));
    const lab = net;
    const monitors = await Promise.all(helperHosts(spec.scenario).map((h) => monitorExpectations(lab, h)));
    stoppers.push(...monitors.map((m) => () => m.stop()));
    const vsftpd: Daemon = await startVsftpd(net, config);
    stoppers.push(() => vsftpd.stop());
    const clientCapture: Capture = await startCapture(net, 'client', 'lan', join(dir, 'client.pcap'));
    stoppers.push(() => clientCapture.stop());
    const serverCapture: Capture = await startCapture(net, 'server', 'lan', join(dir, 'server.pcap'));
    stoppers.push(() => serverCapture.stop());

    let clientLog: ClientLog | undefined;
    let curl: CurlResult | undefined;
    const keyLogFile = join(dir, 'keys.log');
    if (spec.client.kind === 'scripted')
      clientLog = await runScriptedClient(
        net,
        spec.scenario,
        spec.client.behaviour,
        spec.timeoutMs,
        keyLogFile,
      );
    else curl = await runCurl(net, spec.scenario, spec.client.options, spec.timeoutMs, keyLogFile);
    const keyLog = spec.scenario.tls === 'explicit' ? await readFile(keyLogFile, 'utf8').catch(() => '') : '';

    // The client has exited; the server's last FIN or ACK may still be on its way.
    await Promise.all(
      [clientCapture, serverCapture].map((capture) =>
        waitFor('the control connection to close', () => controlClosed(capture), 3000).catch(() => undefined),
      ),
    );
    stoppers.length = 0;
    const [client, server] = await Promise.all([clientCapture.stop(), serverCapture.stop()]);
    const expectations = (await Promise.all(monitors.map((m) => m.stop()))).flat();
    await vsftpd.stop();
    const keep = process.env.LAB_KEEP_CAPTURES;
    if (keep) {
      await mkdir(keep, { recursive: true });
      for (const capture of [clientCapture, serverCapture])
        await copyFile(capture.file, join(keep, `${prefix}-${basename(capture.file)}`));
      // With the key log, tshark -o tls.keylog_file:… reads the kept captures' TLS.
      if (keyLog) await writeFile(join(keep, `${prefix}-keys.log`), keyLog);
    }
    return {
      captures: { client, server },
      expectations,
      ...(clientLog ? { clientLog } : {}),
      ...(curl ? { curl } : {}),
      ...(spec.scenario.tls === 'explicit' ? { keyLog } : {}),
    };
  } finally {
    await Promise.allSettled(stoppers.map((stop) => stop()));
    net?.destroy();
    removeDirectory(dir);
  }
}

/**
 * True once the capture holds the end of the control connection: a RST, or a FIN from each side and the
 * acknowledgement of the second one.
 */
async function controlClosed(capture: Capture): Promise<true | undefined> {
  let packets: readonly CapturedPacket[];
  try {
    packets = await capture.read();
  } catch {
    return undefined; // tcpdump is between two writes
  }
  const control = packets.filter((p) => p.src.port === 21 || p.dst.port === 21);
  if (control.some((p) => p.flags.rst)) return true;
  const fins = control.filter((p) => p.flags.fin);
  const fromServer = fins.find((p) => p.src.port === 21);
  const fromClient = fins.find((p) => p.dst.port === 21);
  if (!fromServer || !fromClient) return undefined;
  const last = fromServer.at > fromClient.at ? fromServer : fromClient;
  const acked = control.some(
    (p) =>
      p.at >= last.at && p.src.port === last.dst.port && p.ack === (last.seq + last.payload.length + 1) >>> 0,
  );
  return acked ? true : undefined;
}
