import { describe, expect, it } from 'vitest';
import { bundledCli } from './cliProcess';
import { parseCliArguments, USAGE } from '../../scripts/cli/cliArguments';

const cli = bundledCli();
const noFile = (): Uint8Array => {
  throw new Error('no file');
};
const scenarioFile = (json: object) => (): Uint8Array => Buffer.from(JSON.stringify(json));

/** The message of a refused command line (fails the test when it was accepted). */
function refusal(argv: string[]): string {
  const r = parseCliArguments(argv, noFile);
  if (r.ok !== false) throw new Error(`accepted: ${argv.join(' ')}`);
  return r.message;
}

describe('--tls', () => {
  it('sets the scenario field; left out, the file decides, and otherwise there is no TLS', () => {
    const explicit = parseCliArguments(['--tls', 'explicit'], noFile);
    expect(explicit.ok === true && explicit.request.scenario.tls).toBe('explicit');
    const none = parseCliArguments([], noFile);
    expect(none.ok === true && none.request.scenario.tls).toBe('none');
    const fromFile = parseCliArguments(['--scenario', 's.json'], scenarioFile({ tls: 'explicit' }));
    expect(fromFile.ok === true && fromFile.request.scenario.tls).toBe('explicit');
    const overridden = parseCliArguments(
      ['--scenario', 's.json', '--tls', 'none'],
      scenarioFile({ tls: 'explicit' }),
    );
    expect(overridden.ok === true && overridden.request.scenario.tls).toBe('none');
  });

  it('refuses any other value, naming the flag and the allowed ones', () => {
    expect(refusal(['--tls', 'implicit'])).toBe('--tls: "implicit" is not one of none, explicit');
    expect(refusal(['--tls', 'EXPLICIT'])).toBe('--tls: "EXPLICIT" is not one of none, explicit');
    expect(refusal(['--tls', 'none', '--tls', 'explicit'])).toMatch(/^--tls is given twice/);
  });

  it('refuses curl in an active mode with TLS in one line naming the three flags (curl bug #10666)', () => {
    for (const mode of ['active', 'eprt']) {
      const message = refusal(['--client', 'curl', '--mode', mode, '--tls', 'explicit']);
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toMatch(
        /^--tls with --client and --mode \(tls\): curl 7\.88 cannot do active-mode FTPS/,
      );
      expect(message).toContain(`(${mode})`);
      expect(message).toContain('#10666');
    }
    // The default mode is active, so curl with TLS alone is refused too; in passive modes curl does FTPS.
    expect(refusal(['--client', 'curl', '--tls', 'explicit'])).toMatch(/^--tls with --client and --mode/);
    for (const mode of ['passive', 'epsv'])
      expect(parseCliArguments(['--client', 'curl', '--mode', mode, '--tls', 'explicit'], noFile).ok).toBe(
        true,
      );
  });

  it('is documented in --help', () => {
    expect(USAGE).toMatch(/--tls none\|explicit +control connection encryption/);
  });

  it('prints the AUTH TLS dialogue and the NAT helper that cannot read the PORT: vsftpd refuses it', () => {
    const r = cli.run(['--tls', 'explicit', '--client-nat', '--helper', '--mode', 'active']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('explicit FTPS (AUTH TLS, PROT P)');
    expect(r.stdout).toMatch(/192\.168\.1\.10:56012 > 192\.0\.2\.21:21 {2}AUTH TLS\n/);
    expect(r.stdout).toContain('234 Proceed with negotiation.');
    expect(r.stdout).toMatch(/TLS Handshake\(512\)\[client-hello\]/);
    expect(r.stdout).toMatch(/PBSZ 0 TLS AppData/);
    expect(r.stdout).toMatch(/PROT P TLS AppData/);
    // Unread by the helper, the PORT keeps the private address: vsftpd refuses a PORT not naming the client.
    expect(r.stdout).toMatch(
      /FTP helper client-router cannot read PORT 192,168,1,10,\d+,\d+ \(TLS\): no expectation/,
    );
    expect(r.stdout).toContain('500 Illegal PORT command.');
    expect(r.stdout).toMatch(/outcome: failed\n?$/);
  });

  it('without TLS the same helper rewrites the PORT and the session succeeds', () => {
    const r = cli.run(['--tls', 'none', '--client-nat', '--helper', '--mode', 'active']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('AUTH TLS');
    expect(r.stdout).not.toContain('cannot read');
    expect(r.stdout).toMatch(/outcome: success\n?$/);
  });

  it('a blind helper on the client firewall: the server SYNs are dropped, then 425', () => {
    const r = cli.run(['--tls', 'explicit', '--client-firewall', 'stateful', '--helper', '--mode', 'active']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/FTP helper client cannot read PORT/);
    expect(r.stdout).toContain('dropped at client');
    expect(r.stdout).toContain('LIST: failed (data-syn-dropped) — replies 200, 425');
  });

  it('exits 2 with one line for a bad value or curl in active mode, and writes nothing', () => {
    const bad = cli.run(['--tls', 'yes']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('sim: --tls: "yes" is not one of none, explicit\n');
    const curl = cli.run(['--client', 'curl', '--mode', 'active', '--tls', 'explicit']);
    expect(curl.status).toBe(2);
    expect(curl.stdout).toBe('');
    expect(curl.stderr.trim().split('\n')).toHaveLength(1);
    expect(curl.stderr).toMatch(/^sim: --tls with --client and --mode \(tls\): curl 7\.88/);
  });
});
