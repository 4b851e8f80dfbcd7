import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../../../src/engine';
import { fileContents } from '../../../src/engine/ftp/serverFiles';
import { serverPublicAddress } from './addresses';
import type { LabNetwork } from './network';
import { runStatus } from './processes';

const CLIENT_SCRIPT = join(import.meta.dirname, '../client/ftp_client.py');

/**
 * How the lab's scripted client behaves (tests/lab/client/ftp_client.py): `normal` is the engine's client;
 * `idle` logs in and then sends nothing (vsftpd's idle_session_timeout); `stall` opens the data connection
 * and sends the transfer command, then neither reads nor writes it (data_connection_timeout).
 */
export type ClientBehaviour = 'normal' | 'idle' | 'stall';

export interface ClientEvent {
  /** Seconds since the client started. */
  readonly t: number;
  readonly kind: string;
  readonly [field: string]: unknown;
}

export interface ClientLog {
  readonly events: readonly ClientEvent[];
  readonly control?: { readonly local: [string, number]; readonly remote: [string, number] };
}

/**
 * Runs the scripted client in the client's namespace against the scenario's server. Under explicit FTPS it
 * speaks AUTH TLS, PBSZ 0 and PROT P and writes its TLS secrets to `keyLog`.
 */
export async function runScriptedClient(
  net: LabNetwork,
  s: Scenario,
  behaviour: ClientBehaviour,
  timeoutMs: number,
  keyLog: string,
): Promise<ClientLog> {
  const options = {
    ...(s.tls === 'explicit' ? { tls: true, keyLog } : {}),
    server: serverPublicAddress(s),
    mode: s.mode,
    commands: s.commands,
    behaviour,
    user: s.user,
    password: s.password,
    connectTimeout: s.client.connectTimeout,
    // Bounded by the test's own limit: the client must have given up before the lab stops waiting.
    replyWait: Math.floor(timeoutMs / 1000) - 5,
  };
  const [command, args] = net.argv('client', ['python3', CLIENT_SCRIPT, JSON.stringify(options)]);
  const result = await runStatus(command, args, timeoutMs);
  if (result.code !== 0) throw new Error(`the scripted client failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as ClientLog;
}

export interface CurlResult {
  /** curl's exit status (0 success, 7 could not connect, 28 timeout, …; see `man curl`, EXIT CODES). */
  readonly exitCode: number;
  /** Its error message (`curl: (7) …`), empty on success. */
  readonly message: string;
  /** What it fetched (the listing for LIST). */
  readonly body: string;
}

/**
 * curl running the scenario's transfers, one URL each on one connection (a listing, a download, an upload of
 * the engine's own sample bytes), with the scenario's credentials and connect time-out (which curl counts
 * from its start, as the engine's curl does), plus the given options (e.g. `-P -`, `--disable-epsv`).
 * Under explicit FTPS: `--ssl-reqd` on the ftp:// URLs (AUTH, then TLS or nothing), `-k` for the lab's
 * self-signed certificate, and its TLS secrets written to `keyLog` (SSLKEYLOGFILE).
 */
export async function runCurl(
  net: LabNetwork,
  s: Scenario,
  options: readonly string[],
  timeoutMs: number,
  keyLog: string,
): Promise<CurlResult> {
  const host = serverPublicAddress(s);
  const base = `ftp://${host.includes(':') ? `[${host}]` : host}/`;
  const uploads = await mkdtemp(join(tmpdir(), 'ftp-lab-curl-'));
  try {
    const urls: string[] = [];
    for (const [i, c] of s.commands.entries()) {
      if (c.verb === 'LIST') urls.push(base);
      else if (c.verb === 'RETR') urls.push(`${base}${c.file}`);
      else {
        const local = join(uploads, `${i}-${c.file}`);
        await writeFile(local, fileContents(c.file, c.size));
        urls.push('-T', local, `${base}${c.file}`);
      }
    }
    const tls = s.tls === 'explicit' ? ['--ssl-reqd', '-k'] : [];
    const [command, args] = net.argv('client', [
      'env',
      `SSLKEYLOGFILE=${keyLog}`,
      'curl',
      '--silent',
      '--show-error',
      '--max-time',
      String(Math.floor(timeoutMs / 1000) - 5),
      '--connect-timeout',
      String(s.client.connectTimeout),
      '--user',
      `${s.user}:${s.password}`,
      ...tls,
      ...options,
      ...urls,
    ]);
    const result = await runStatus(command, args, timeoutMs);
    return { exitCode: result.code, message: result.stderr.trim(), body: result.stdout };
  } finally {
    await rm(uploads, { recursive: true, force: true });
  }
}
