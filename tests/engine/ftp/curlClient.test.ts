import { describe, expect, it } from 'vitest';
import { simulate, type ScenarioInput, type Simulation } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

/**
 * curl as tests/lab measured it (tests/lab/findings/issue14-curl-ftps-ipv6.md, section A, and the cases of
 * tests/lab/curl.lab.test.ts, which compare these sessions packet by packet with real runs).
 */
function curl(input: ScenarioInput): Simulation {
  const parsed = parseScenario({ ...input, client: { ...input.client, program: 'curl' } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario);
}

/** The dialogue as `> VERB` and `< code` lines. */
function dialogue(sim: Simulation): string[] {
  return sim.events.flatMap((e) =>
    e.kind === 'ftp/command-sent'
      ? [`> ${e.command.verb}`]
      : e.kind === 'ftp/reply-sent'
        ? [`< ${e.reply.code}`]
        : [],
  );
}

/** Where each data connection went and how it ended, in the order the SYNs left. */
function dataSyns(sim: Simulation): string[] {
  const seen = new Set<string>();
  return sim.events.flatMap((e) => {
    if (e.kind !== 'tcp/segment-sent' || e.packet.conn === 'control') return [];
    const s = e.packet.segment;
    if (!s.flags.syn || s.flags.ack || seen.has(e.packet.conn)) return [];
    seen.add(e.packet.conn);
    return [`${e.packet.conn} ${e.packet.from} > ${s.dst.ip}:${s.dst.port} ${e.packet.fate.kind}`];
  });
}

const LOGIN = ['< 220', '> USER', '< 331', '> PASS', '< 230', '> PWD', '< 257'];

describe('curl', () => {
  it('logs in, asks PWD, sends EPSV, connects at once, and only then TYPE A and LIST', () => {
    const sim = curl({ mode: 'epsv' });
    expect(dialogue(sim)).toEqual([
      ...LOGIN,
      ...['> EPSV', '< 229', '> TYPE', '< 200', '> LIST', '< 150', '< 226', '> QUIT', '< 221'],
    ]);
    const events = sim.events;
    const syn = events.findIndex((e) => e.kind === 'tcp/segment-sent' && e.packet.conn === 'data-1');
    const type = events.findIndex((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'TYPE');
    expect(syn).toBeLessThan(type);
    expect(sim.clientExit).toEqual({ program: 'curl', status: 0, errors: [] });
  });

  it('ignores the private address of a 227 and dials the control address, where the router refuses it: exit 7', () => {
    const sim = curl({ mode: 'passive', serverNat: 'private' });
    const reply = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
    expect(reply?.kind === 'ftp/reply-sent' && reply.reply.address?.ip).toBe(sim.addresses.server);
    expect(dataSyns(sim)).toEqual([
      `data-1 client > ${sim.addresses.serverRouter.wan}:${reply?.kind === 'ftp/reply-sent' ? reply.reply.address?.port : ''} refused`,
    ]);
    // No QUIT: curl closes the control connection at once.
    expect(dialogue(sim)).toEqual([...LOGIN, '> PASV', '< 227']);
    expect(sim.clientExit?.status).toBe(7);
    expect(sim.clientExit?.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^curl: \\(7\\) Failed to connect to ${sim.addresses.serverRouter.wan.replaceAll('.', '\\.')} port 21 after \\d+ ms: Couldn't connect to server$`,
        ),
      ),
    ]);
    expect(sim.transfers[0]?.reason).toBe('connection-refused');
  });

  it('the classic client, told the same 227, dials the private address instead', () => {
    const parsed = parseScenario({ mode: 'passive', serverNat: 'private' });
    if (!parsed.ok) throw new Error('bad scenario');
    const classic = simulate(parsed.scenario);
    expect(dataSyns(classic)[0]).toMatch(new RegExp(`^data-1 client > ${classic.addresses.server}:`));
  });

  it('falls back from EPSV to PASV after a refused data connection, on the same control connection', () => {
    const sim = curl({ mode: 'epsv', serverNat: 'private' });
    expect(dialogue(sim)).toEqual([...LOGIN, '> EPSV', '< 229', '> PASV', '< 227']);
    expect(dataSyns(sim).map((l) => l.replace(/:\d+ /, ':port '))).toEqual([
      `data-1 client > ${sim.addresses.serverRouter.wan}:port refused`,
      `data-2 client > ${sim.addresses.serverRouter.wan}:port refused`,
    ]);
    expect(sim.transfers).toHaveLength(1);
    expect(sim.transfers[0]?.replyCodes).toEqual([229, 227]);
  });

  it('with the helper the router forwards the 229 port, and curl lists', () => {
    expect(curl({ mode: 'epsv', serverNat: 'private', helper: true }).clientExit?.status).toBe(0);
  });

  it('falls back from EPRT to PORT after a 500, then QUITs: exit 30', () => {
    const sim = curl({ mode: 'eprt', clientNat: true });
    expect(dialogue(sim)).toEqual([...LOGIN, '> EPRT', '< 500', '> PORT', '< 500', '> QUIT', '< 221']);
    expect(sim.clientExit?.status).toBe(30);
    expect(sim.transfers[0]?.reason).toBe('port-rejected');
  });

  it('reads the 425 when the client firewall drops the server’s SYNs, QUITs: exit 19', () => {
    const sim = curl({ mode: 'eprt', clientFirewall: 'stateful', server: { connectTimeout: 6 } });
    expect(dialogue(sim)).toEqual([
      ...LOGIN,
      ...['> EPRT', '< 200', '> TYPE', '< 200', '> LIST', '< 425', '> QUIT', '< 221'],
    ]);
    expect(sim.clientExit?.status).toBe(19);
  });

  it('counts its --connect-timeout from the start: after EPSV times out, the PASV reply comes too late: exit 28', () => {
    const sim = curl({ mode: 'epsv', serverFirewall: 'port21', client: { connectTimeout: 6 } });
    expect(dialogue(sim)).toEqual([...LOGIN, '> EPSV', '< 229', '> PASV', '< 227']);
    const pasv = sim.events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PASV');
    expect((pasv?.at ?? 0) / 1e6).toBeCloseTo(6, 2);
    expect(sim.clientExit).toMatchObject({ status: 28, errors: ['curl: (28) Connection time-out'] });
  });

  it('asks SIZE before RETR, sends TYPE only when it changes, and PWD only once', () => {
    const sim = curl({
      mode: 'epsv',
      commands: [{ verb: 'RETR', file: 'hello.txt' }, { verb: 'LIST' }, { verb: 'LIST' }],
    });
    expect(dialogue(sim).filter((l) => l.startsWith('>'))).toEqual([
      ...['> USER', '> PASS', '> PWD'],
      ...['> EPSV', '> TYPE', '> SIZE', '> RETR'],
      ...['> EPSV', '> TYPE', '> LIST'],
      ...['> EPSV', '> LIST', '> QUIT'],
    ]);
  });

  it('drops a download whose SIZE is refused (error 78) and goes on; its exit status is the last transfer’s', () => {
    const sim = curl({ mode: 'epsv', commands: [{ verb: 'RETR', file: 'missing.txt' }, { verb: 'LIST' }] });
    expect(dialogue(sim).filter((l) => l.startsWith('>'))).not.toContain('> RETR');
    expect(sim.transfers.map((t) => t.outcome)).toEqual(['failed', 'success']);
    expect(sim.transfers[0]?.reason).toBe('file-unavailable');
    expect(sim.clientExit).toMatchObject({ status: 0, errors: ['curl: (78) The file does not exist'] });
    // vsftpd resets the connection curl made for it when the next EPSV closes that listener.
    const reset = sim.events.find(
      (e) => e.kind === 'tcp/segment-sent' && e.packet.conn === 'data-1' && e.packet.segment.flags.rst,
    );
    const secondEpsv = sim.events.filter(
      (e) => e.kind === 'ftp/command-sent' && e.command.verb === 'EPSV',
    )[1];
    expect(reset?.index).toBeGreaterThan(secondEpsv?.index ?? Infinity);
  });

  it('a refused upload is error 25', () => {
    const sim = curl({
      mode: 'epsv',
      server: { uploads: false },
      commands: [{ verb: 'STOR', file: 'up.txt' }],
    });
    expect(sim.clientExit).toMatchObject({ status: 25, errors: ['curl: (25) Failed FTP upload: 550'] });
  });

  it('listens on an ephemeral port in active mode, never the textbook N+1', () => {
    const sim = curl({ mode: 'active', client: { dataPort: 'textbook', controlPort: 50000 } });
    const port = sim.events.find((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PORT');
    const announced =
      port?.kind === 'ftp/command-sent' && port.command.verb === 'PORT' ? port.command.address.port : 0;
    expect(announced).not.toBe(50001);
    expect(announced).toBeGreaterThanOrEqual(32768);
  });

  it('is refused together with a pause: curl does not pause', () => {
    const parsed = parseScenario({ client: { program: 'curl', pause: 'after-login' } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]?.field).toBe('client.pause');
  });
});
