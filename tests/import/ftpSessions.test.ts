/**
 * The analyzer on hand-made captures: FTP on any port, several sessions, every way to announce a data
 * connection (PORT, PASV, EPRT with IPv4 and IPv6, EPSV), NAT seen in the addresses, failures and their
 * findings, TCP put back in order, and what is kept of a long transfer.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { importCapture, type CaptureImport } from '../../src/import/captureImport';
import { CAPTURE_LIMITS } from '../../src/import/limits';
import { captureOf, Conversation } from './fixtures/conversation';

const CLIENT = '198.51.100.7';
const SERVER = '203.0.113.21';

function login(c: Conversation): Conversation {
  return c
    .handshake()
    .line('s', '220 Welcome')
    .line('c', 'USER anonymous')
    .line('s', '331 Please specify the password.')
    .line('c', 'PASS guest@')
    .line('s', '230 Login successful.');
}

function quit(c: Conversation): Conversation {
  return c.line('c', 'QUIT').line('s', '221 Goodbye.').close();
}

/** A data connection that moves `bytes` from the server (or the client) and closes. */
function transfer(data: Conversation, bytes: number, from: 'c' | 's' = 's', segment = 1448): Conversation {
  data.handshake();
  for (let sent = 0; sent < bytes; sent += segment)
    data.send(from, 'PA', 'x'.repeat(Math.min(segment, bytes - sent))).send(from === 's' ? 'c' : 's', 'A');
  return data
    .send(from, 'FA')
    .send(from === 's' ? 'c' : 's', 'FA')
    .send(from, 'A');
}

const read = (...conversations: Conversation[]): Promise<CaptureImport> =>
  importCapture(captureOf(conversations));
const dialogueOf = (r: CaptureImport) =>
  r.session.events.flatMap((e) =>
    e.kind === 'ftp/command-sent'
      ? [`> ${e.command.verb}`]
      : e.kind === 'ftp/reply-sent'
        ? [`< ${e.reply.code}`]
        : [],
  );

describe('finding FTP sessions', () => {
  it('recognizes an FTP server on another port by its greeting and the first command', async () => {
    const control = login(new Conversation([CLIENT, 40100], [SERVER, 2121]));
    quit(control.line('c', 'SYST').line('s', '215 UNIX Type: L8'));
    const r = await read(control);
    expect(r.overview.sessions).toHaveLength(1);
    expect(r.overview.sessions[0]).toMatchObject({
      client: `${CLIENT}:40100`,
      server: `${SERVER}:2121`,
      greeting: 'Welcome',
      user: 'anonymous',
      commands: 4,
    });
    expect(dialogueOf(r)).toEqual([
      '< 220',
      '> USER',
      '< 331',
      '> PASS',
      '< 230',
      '> SYST',
      '< 215',
      '> QUIT',
      '< 221',
    ]);
    expect(
      r.session.events.find((e) => e.kind === 'ftp/command-sent' && (e.command.verb as string) === 'SYST')
        ?.narration.key,
    ).toBe('narration.capture.command.SYST');
  });

  it('does not take SMTP (also 220, then EHLO) or HTTP for FTP', async () => {
    const smtp = new Conversation([CLIENT, 40200], [SERVER, 25])
      .handshake()
      .line('s', '220 mail ESMTP')
      .line('c', 'EHLO me')
      .line('s', '250 hi');
    const http = new Conversation([CLIENT, 40201], [SERVER, 80])
      .handshake()
      .line('c', 'GET / HTTP/1.1')
      .line('s', 'HTTP/1.1 200 OK');
    const ftp = quit(login(new Conversation([CLIENT, 40202], [SERVER, 21])));
    const r = await read(smtp, http, ftp);
    expect(r.overview.sessions.map((s) => s.server)).toEqual([`${SERVER}:21`]);
    await expect(read(smtp, http)).rejects.toMatchObject({ problem: 'noFtp', params: { packets: 16 } });
  });

  it('lists several sessions in the order they began and keeps the chosen one', async () => {
    const a = quit(login(new Conversation([CLIENT, 40300], [SERVER, 21])));
    const b = quit(
      login(new Conversation(['198.51.100.8', 40301], [SERVER, 21], { at: 0.0005 }))
        .line('c', 'NOOP')
        .line('s', '200 NOOP ok.'),
    );
    const bytes = captureOf([a, b]);
    const first = await importCapture(bytes);
    expect(first.overview.sessions.map((s) => [s.index, s.client])).toEqual([
      [1, `${CLIENT}:40300`],
      [2, '198.51.100.8:40301'],
    ]);
    const second = await importCapture(bytes, { session: 2 });
    expect(second.session.client).toEqual({ ip: '198.51.100.8', port: 40301 });
    expect(dialogueOf(second)).toContain('> NOOP');
    // Only the chosen session's packets become events.
    expect(
      second.session.events
        .filter((e) => 'packet' in e)
        .every(
          (e) =>
            'packet' in e &&
            (e.packet.segment.src.ip === '198.51.100.8' || e.packet.segment.dst.ip === '198.51.100.8'),
        ),
    ).toBe(true);
    await expect(importCapture(bytes, { session: 3 })).rejects.toMatchObject({
      problem: 'noSession',
      params: { session: 3, count: 2 },
    });
  });
});

describe('data connections', () => {
  it('ties a passive data connection to its 227 and an active one (from port 20) to its PORT', async () => {
    const control = login(new Conversation([CLIENT, 40400], [SERVER, 21]));
    control.line('c', 'PASV').line('s', '227 Entering Passive Mode (203,0,113,21,156,64).');
    const passive = transfer(
      new Conversation([CLIENT, 40401], [SERVER, 40000], { at: control.now() + 0.001 }),
      3000,
    );
    control
      .wait(0.02)
      .line('c', 'RETR a.txt')
      .line('s', '150 Opening BINARY mode data connection.')
      .wait(0.02)
      .line('s', '226 Transfer complete.');
    control.line('c', 'PORT 198,51,100,7,156,65').line('s', '200 PORT command successful.').line('c', 'LIST');
    const active = transfer(
      new Conversation([SERVER, 20], [CLIENT, 40001], { at: control.now() + 0.001 }),
      135,
      'c',
    );
    control.wait(0.02).line('s', '150 Here comes the directory listing.').line('s', '226 Directory send OK.');
    const r = await read(quit(control), passive, active);
    expect(r.session.transfers).toEqual([
      { index: 1, command: 'RETR a.txt', outcome: 'success', replyCodes: [227, 150, 226] },
      { index: 2, command: 'LIST', outcome: 'success', replyCodes: [200, 150, 226] },
    ]);
    const synOf = (conn: string) =>
      r.session.events.find((e) => 'packet' in e && e.packet.conn === conn && e.packet.segment.flags.syn);
    expect(synOf('data-1')).toMatchObject({
      narration: { key: 'narration.capture.synData.227' },
      packet: { from: 'client' },
    });
    expect(synOf('data-2')).toMatchObject({
      narration: { key: 'narration.capture.synData.PORT' },
      packet: { from: 'server' },
    });
    expect(r.session.scenario).toMatchObject({
      mode: 'passive',
      commands: [{ verb: 'RETR', file: 'a.txt' }, { verb: 'LIST' }],
      server: { passivePorts: { min: 40000, max: 40000 }, files: [{ name: 'a.txt', size: 3000 }] },
    });
    expect(parseScenario(r.session.scenario).ok).toBe(true);
  });

  it('reads IPv6: EPSV (229) and EPRT |2|…| tie their data connections', async () => {
    const c6 = '2001:db8::7';
    const s6 = '2001:db8:1::21';
    const control = login(new Conversation([c6, 40500], [s6, 21]));
    control.line('c', 'EPSV').line('s', '229 Entering Extended Passive Mode (|||40002|)');
    const passive = transfer(new Conversation([c6, 40501], [s6, 40002], { at: control.now() + 0.001 }), 100);
    control
      .wait(0.01)
      .line('c', 'LIST')
      .line('s', '150 Here comes the directory listing.')
      .wait(0.01)
      .line('s', '226 Directory send OK.');
    control
      .line('c', 'EPRT |2|2001:DB8:0::7|40003|')
      .line('s', '200 EPRT command successful.')
      .line('c', 'NLST');
    const active = transfer(new Conversation([s6, 20], [c6, 40003], { at: control.now() + 0.001 }), 50, 'c');
    control.wait(0.01).line('s', '150 Here comes the directory listing.').line('s', '226 Directory send OK.');
    const r = await read(quit(control), passive, active);
    expect(r.overview.sessions[0]).toMatchObject({ ipVersion: 6, client: `[${c6}]:40500`, mode: 'epsv' });
    expect(r.session.transfers.map((t) => [t.command, t.outcome, t.replyCodes])).toEqual([
      ['LIST', 'success', [229, 150, 226]],
      ['NLST', 'success', [200, 150, 226]],
    ]);
    expect(r.session.findings).toEqual([]);
    // The scenario is an IPv6 one, with the capture's own addresses (canonical), and the engine takes it.
    expect(r.session.scenario).toMatchObject({ ipVersion: 6, client: { ip: c6 }, server: { ip: s6 } });
    expect(parseScenario(r.session.scenario)).toMatchObject({
      ok: true,
      scenario: { mode: 'epsv', ipVersion: 6, client: { ip: c6 }, server: { ip: s6 } },
    });
    expect(summarize(r.session.events).join('\n')).toContain('[SYN] seq=');
  });

  it('sees NAT: a PORT address that is not the client the server sees, refused with 500 Illegal PORT', async () => {
    const control = login(new Conversation([CLIENT, 40600], [SERVER, 21], { ttl: { c: 57, s: 64 } }));
    control
      .line('c', 'PORT 192,168,1,10,156,70')
      .line('s', '500 Illegal PORT command.')
      .line('c', 'LIST')
      .line('s', '425 Use PORT or PASV first.');
    const r = await read(quit(control));
    expect(r.session.capturePoint).toBe('server');
    expect(r.session.transfers).toEqual([
      expect.objectContaining({
        command: 'LIST',
        outcome: 'failed',
        reason: 'port-rejected',
        replyCodes: [500, 425],
      }),
    ]);
    expect(r.session.findings.map((f) => [f.kind, f.inferred])).toEqual([
      ['natPortAddress', true],
      ['illegalPort', true],
      ['reply425Active', true],
    ]);
    expect(r.session.findings[0]?.params).toEqual({
      command: 'PORT',
      announced: '192.168.1.10',
      seen: CLIENT,
    });
    expect(r.session.scenario).toMatchObject({
      mode: 'active',
      clientNat: true,
      clientRouter: { wanIp: CLIENT },
      client: { ip: '192.168.1.10' },
    });
    expect(parseScenario(r.session.scenario).ok).toBe(true);
  });

  it('sees a server behind NAT announcing its private address, and the client never getting through', async () => {
    const control = login(new Conversation(['192.168.1.10', 40700], [SERVER, 21], { ttl: { c: 64, s: 50 } }));
    control.line('c', 'PASV').line('s', '227 Entering Passive Mode (10,0,0,21,156,70).');
    const data = new Conversation(['192.168.1.10', 40701], ['10.0.0.21', 40006], {
      at: control.now() + 0.001,
    });
    for (let i = 0; i < 4; i++) data.send('c', 'S', '', { seq: 77, dt: i === 0 ? 0 : 1 });
    control.wait(5).line('c', 'LIST').wait(5).line('s', '425 Failed to establish connection.');
    const r = await read(quit(control), data);
    expect(r.session.capturePoint).toBe('client');
    expect(r.session.findings.map((f) => f.kind)).toEqual([
      'natPassivePrivate',
      'synUnansweredAway',
      'reply425Passive',
    ]);
    expect(r.session.findings[1]?.params).toMatchObject({ count: 4, seconds: 3 });
    expect(r.session.scenario).toMatchObject({
      mode: 'passive',
      serverNat: 'private',
      server: { ip: '10.0.0.21', acceptTimeout: 5 },
      serverRouter: { wanIp: SERVER },
    });
    expect(r.session.scenario.serverFirewall).toBeUndefined();
    const syns = r.session.events.filter((e) => 'packet' in e && e.packet.conn === 'data-1');
    expect(syns.map((e) => ('packet' in e ? [e.packet.retransmission, e.packet.fate.kind] : []))).toEqual([
      [0, 'unanswered'],
      [1, 'unanswered'],
      [2, 'unanswered'],
      [3, 'unanswered'],
    ]);
  });

  it('sees a reset where the data connection was expected', async () => {
    const control = login(new Conversation([CLIENT, 40800], [SERVER, 21]));
    control
      .line('c', 'PORT 198,51,100,7,156,80')
      .line('s', '200 PORT command successful.')
      .line('c', 'RETR b.bin');
    const data = new Conversation([SERVER, 20], [CLIENT, 40016], { at: control.now() + 0.001 })
      .send('c', 'S')
      .send('s', 'RA');
    control.wait(0.01).line('s', '425 Failed to establish connection.');
    const r = await read(quit(control), data);
    expect(r.session.transfers[0]).toMatchObject({
      outcome: 'failed',
      reason: 'connection-refused',
      replyCodes: [200, 425],
    });
    expect(r.session.findings.map((f) => f.kind)).toEqual(['resetInsteadOfConnection', 'reply425Active']);
    const rst = r.session.events.find((e) => 'packet' in e && e.packet.segment.flags.rst);
    expect(rst?.narration.key).toBe('narration.capture.rst');
    expect(r.session.transfers[0]?.failedPacket).toBe(rst && 'packet' in rst ? rst.packet.id : -1);
  });
});

describe('TCP put back in order', () => {
  it('reads commands and replies from out-of-order, retransmitted and overlapping segments', async () => {
    const c = new Conversation([CLIENT, 40900], [SERVER, 21]).handshake();
    const base = c.next('s');
    // "220 Hello\r\n" arrives as "llo\r\n" first, then "220 He", then a retransmission overlapping both.
    c.send('s', 'PA', 'llo\r\n', { seq: base + 6 });
    c.send('s', 'PA', '220 He', { seq: base });
    c.send('s', 'PA', ' Hello\r\n', { seq: base + 3 });
    c.send('s', 'PA', '', { seq: base + 11 });
    const clientSeq = c.next('c');
    c.send('c', 'PA', 'USER a\r\n', { seq: clientSeq });
    c.send('c', 'PA', 'USER a\r\n', { seq: clientSeq });
    c.send('c', 'PA', 'SYST\r\n', { seq: clientSeq + 8 });
    const r = await read(c);
    expect(dialogueOf(r)).toEqual(['< 220', '> USER', '> SYST']);
    const greeting = r.session.events.find((e) => e.kind === 'ftp/reply-sent');
    expect(greeting?.kind === 'ftp/reply-sent' && greeting.reply.text).toBe('Hello');
  });
});

describe('a long transfer', () => {
  it('keeps the first and last packets of a data connection and summarizes the middle', async () => {
    const control = login(new Conversation([CLIENT, 41000], [SERVER, 21]));
    control.line('c', 'PASV').line('s', '227 Entering Passive Mode (203,0,113,21,156,64).');
    const bytes = 1448 * 300;
    const data = transfer(
      new Conversation([CLIENT, 41001], [SERVER, 40000], { at: control.now() + 0.001 }),
      bytes,
    );
    control
      .wait(1)
      .line('c', 'RETR big.iso')
      .line('s', '150 Opening.')
      .wait(2)
      .line('s', '226 Transfer complete.');
    const r = await read(quit(control), data);
    const dataEvents = r.session.events.filter((e) => 'packet' in e && e.packet.conn === 'data-1');
    // 606 packets: the handshake, 300 segments and their ACKs, the close. Kept: the first ones, the last
    // ones and both FINs; the rest is one gap, told on the first packet after it.
    expect(dataEvents.length).toBe(CAPTURE_LIMITS.dataPacketsHead + CAPTURE_LIMITS.dataPacketsTail + 2);
    const gap = dataEvents.find((e) => e.narration.key === 'narration.capture.dataAfterGap');
    const omitted = 606 - dataEvents.length;
    expect(gap?.narration.params).toMatchObject({ packets: omitted, gapBytes: (omitted / 2) * 1448 });
    expect(r.session.omitted.dataPackets).toBe(omitted);
    expect(r.session.scenario).toMatchObject({
      commands: [{ verb: 'RETR', file: 'big.iso' }],
      server: { files: [{ name: 'big.iso', size: 65536 }] },
    });
  });
});
