import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../../../src/engine';
import { labAddresses } from './addresses';
import type { LabNetwork } from './network';
import { run, startDaemon, waitFor, type Daemon } from './processes';

/** The file modification time vsftpd lists (the engine's listing shows `Nov 24 13:34`). */
const LISTED_MTIME = new Date('2026-11-24T13:34:00Z');

/**
 * vsftpd 3.0.3 configured as for the reference captures (shared/captures/README.md): anonymous login,
 * connect_from_port_20, passive ports from the scenario, port_promiscuous off (the default), the scenario's
 * connect/accept timeouts, in the foreground. Behind server NAT "public" it announces the router's address
 * (pasv_address), as the engine models it.
 *
 * Uploads: vsftpd refuses to run with an anonymous root the `ftp` user can write to ("refusing to run with
 * writable root inside chroot()"), so a STOR of a new file into the root can never succeed. To give the
 * engine's "uploads allowed" server, each file a STOR of the scenario will create is made beforehand, empty,
 * owned by `ftp` and hidden from listings (hide_file), and anon_other_write_enable lets the anonymous user
 * overwrite it; the dialogue is then the engine's (150 Ok to send data … 226 Transfer complete). The
 * scenario's files stay root-owned, so a STOR of one of them is refused (553 Could not create file), as in
 * the engine.
 */
export function vsftpdConfig(s: Scenario, dir: string): string {
  const { connectTimeout, acceptTimeout, idleTimeout, dataTimeout } = s.server;
  for (const t of [connectTimeout, acceptTimeout, idleTimeout, dataTimeout]) {
    if (!Number.isInteger(t)) throw new Error(`vsftpd takes whole seconds, not ${t}`);
  }
  const lines = [
    'listen=YES',
    'listen_ipv6=NO',
    'background=NO',
    'anonymous_enable=YES',
    'local_enable=NO',
    'no_anon_password=NO',
    `anon_root=${join(dir, 'root')}`,
    `secure_chroot_dir=${join(dir, 'empty')}`,
    'connect_from_port_20=YES',
    'port_promiscuous=NO',
    'pasv_enable=YES',
    `pasv_min_port=${s.server.passivePorts.min}`,
    `pasv_max_port=${s.server.passivePorts.max}`,
    `connect_timeout=${s.server.connectTimeout}`,
    `accept_timeout=${s.server.acceptTimeout}`,
    `data_connection_timeout=${dataTimeout}`,
    `idle_session_timeout=${idleTimeout}`,
    `write_enable=${s.server.uploads ? 'YES' : 'NO'}`,
    `anon_upload_enable=${s.server.uploads ? 'YES' : 'NO'}`,
    `anon_other_write_enable=${s.server.uploads ? 'YES' : 'NO'}`,
    'xferlog_enable=NO',
    'syslog_enable=NO',
    'dirmessage_enable=NO',
    // The seccomp sandbox depends on the host's libc and kernel; the lab measures the protocol, not it.
    'seccomp_sandbox=NO',
  ];
  if (s.tls === 'explicit') lines.push(...tlsConfig(dir));
  const placeholders = uploadTargets(s);
  if (placeholders.length) lines.push(`hide_file={${placeholders.join(',')}}`);
  if (s.serverNat === 'public') lines.push(`pasv_address=${labAddresses(s).serverRouter.wan}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Explicit FTPS as the engine models it (src/engine/tls, tests/lab/findings B): TLS on, anonymous sessions
 * allowed over TLS and made to use it for login and data (so PBSZ 0 / PROT P are what a client must send),
 * every other TLS setting at vsftpd 3.0.3's defaults (require_ssl_reuse=YES: data connections resume the
 * control connection's session; ssl_request_cert=YES: an empty client certificate is asked for). Debian's
 * vsftpd 3.0.3 has no setting for TLS 1.2 or 1.3 (only ssl_sslv2, ssl_sslv3, ssl_tlsv1; it refuses
 * `ssl_tlsv1_2` or `ssl_tlsv1_3` as unrecognised): it uses OpenSSL's TLS_server_method, so OpenSSL 3.0's
 * newest, TLS 1.3, is what gets negotiated.
 */
function tlsConfig(dir: string): string[] {
  return [
    'ssl_enable=YES',
    'allow_anon_ssl=YES',
    'force_anon_logins_ssl=YES',
    'force_anon_data_ssl=YES',
    `rsa_cert_file=${join(dir, 'cert.pem')}`,
    `rsa_private_key_file=${join(dir, 'key.pem')}`,
  ];
}

/**
 * A throw-away self-signed certificate for one session (RSA-2048, as the engine's certificate record is
 * sized), made in the session's directory and deleted with it: nothing is committed.
 */
async function makeCertificate(dir: string): Promise<void> {
  await run(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=ftp.lab.example'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    20_000,
  );
}

/**
 * The anonymous root: the scenario's files (root-owned), and an `ftp`-owned placeholder per STOR target;
 * under explicit FTPS, the certificate.
 */
export async function prepareServerFiles(s: Scenario, dir: string): Promise<void> {
  if (s.tls === 'explicit') await makeCertificate(dir);
  const root = join(dir, 'root');
  await mkdir(root, { mode: 0o755 });
  await mkdir(join(dir, 'empty'), { mode: 0o755 });
  await chmod(dir, 0o755);
  for (const file of s.server.files) {
    const path = join(root, file.name);
    await writeFile(path, sampleContents(file.name, file.size), { mode: 0o644 });
    await utimes(path, LISTED_MTIME, LISTED_MTIME);
  }
  const ftp = ftpUser();
  for (const name of uploadTargets(s)) {
    const path = join(root, name);
    await writeFile(path, '', { mode: 0o644 });
    await chown(path, ftp.uid, ftp.gid);
  }
}

/** The new files the scenario's STORs will create (the server's own files cannot be replaced). */
function uploadTargets(s: Scenario): string[] {
  if (!s.server.uploads) return [];
  const names = s.commands.flatMap((c) => (c.verb === 'STOR' ? [c.file] : []));
  return [...new Set(names)].filter((name) => !s.server.files.some((f) => f.name === name));
}

function ftpUser(): { uid: number; gid: number } {
  let entry: string;
  try {
    entry = execFileSync('getent', ['passwd', 'ftp'], { encoding: 'utf8' });
  } catch {
    throw new Error('no `ftp` user: Debian’s vsftpd package creates it (apt-get install vsftpd)');
  }
  // name:password:uid:gid:…
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Readable bytes of the given size (the engine's sample files are text too). */
function sampleContents(name: string, size: number): string {
  const line = `${name}: FTP Flow Lab sample data.\n`;
  return line.repeat(Math.ceil(size / line.length) + 1).slice(0, size);
}

/** Starts vsftpd in the server's namespace and resolves once it listens on port 21. */
export async function startVsftpd(net: LabNetwork, configFile: string): Promise<Daemon> {
  const [command, args] = net.argv('server', ['vsftpd', configFile]);
  const daemon = startDaemon(command, args);
  try {
    await waitFor(
      'vsftpd to listen on port 21',
      async () => {
        const listening = await net.exec('server', ['ss', '-Hltn', 'sport', '=', ':21']);
        if (listening.trim()) return true;
        if (daemon.stderr().includes('OOPS')) throw new Error(`vsftpd failed: ${daemon.stderr()}`);
        return undefined;
      },
      5000,
    );
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return daemon;
}
