import { describe, expect, it } from 'vitest';
import type { Ipv4 } from '../../src/engine';
import { extractFtpTrace, synOffsets } from '../../src/import/ftpTrace';
import type { CapturedPacket } from '../../src/import/captureReader';

const CLIENT = { ip: '192.168.1.10' as Ipv4, port: 56012 };
const SERVER = { ip: '172.16.0.21' as Ipv4, port: 21 };

let frame = 0;
function packet(
  at: number,
  src: { ip: string; port: number },
  dst: { ip: string; port: number },
  seq: number,
  flags: string,
  payload = '',
  ack = 0,
): CapturedPacket {
  frame++;
  return {
    frame,
    at,
    src: src as CapturedPacket['src'],
    dst: dst as CapturedPacket['dst'],
    seq,
    ack,
    flags: {
      syn: flags.includes('S'),
      ack: flags.includes('A'),
      fin: flags.includes('F'),
      rst: flags.includes('R'),
      psh: flags.includes('P'),
    },
    window: 64,
    options: {},
    optionKinds: [],
    payload,
    ip: { id: frame, ttl: 64 },
    truncated: false,
  };
}

/** A control connection: each entry is [direction, text] sent in order, one segment each. */
function control(lines: ['>' | '<', string][], start = 1000): CapturedPacket[] {
  const seq = { '>': 100, '<': 500 };
  const out = [packet(0, CLIENT, SERVER, 99, 'S'), packet(10, SERVER, CLIENT, 499, 'SA', '', 100)];
  lines.forEach(([dir, text], i) => {
    const [src, dst] = dir === '>' ? [CLIENT, SERVER] : [SERVER, CLIENT];
    out.push(packet(start + i * 1000, src, dst, seq[dir], 'PA', text));
    seq[dir] += text.length;
  });
  return out;
}

describe('extractFtpTrace', () => {
  it('returns an empty trace for a capture without FTP', () => {
    const trace = extractFtpTrace([
      packet(0, { ip: '10.0.0.1', port: 5000 }, { ip: '10.0.0.2', port: 80 }, 1, 'S'),
    ]);
    expect(trace).toEqual({ dialogue: [], dataConnections: [] });
  });

  it('reads commands and replies, with PORT/EPRT/227/229 addresses', () => {
    const trace = extractFtpTrace(
      control([
        ['<', '220 (vsFTPd 3.0.3)\r\n'],
        ['>', 'port 192,168,1,10,135,71\r\n'],
        ['>', 'EPRT |1|192.168.1.10|6275|\r\n'],
        ['<', '227 Entering Passive Mode (172,16,0,21,156,67).\r\n'],
        ['<', '229 Entering Extended Passive Mode (|||40001|)\r\n'],
        ['>', 'NOOP\r\n'],
      ]),
    );
    expect(trace.control).toEqual({ client: CLIENT, server: SERVER });
    expect(trace.dialogue).toMatchObject([
      { kind: 'reply', code: 220, text: '(vsFTPd 3.0.3)' },
      {
        kind: 'command',
        verb: 'PORT',
        argument: '192,168,1,10,135,71',
        address: { ip: '192.168.1.10', port: 34631 },
      },
      { kind: 'command', verb: 'EPRT', address: { ip: '192.168.1.10', port: 6275 } },
      { kind: 'reply', code: 227, address: { ip: '172.16.0.21', port: 40003 } },
      { kind: 'reply', code: 229, address: { ip: '172.16.0.21', port: 40001 } },
      { kind: 'command', verb: 'NOOP', line: 'NOOP' },
    ]);
    expect(trace.dialogue[5]).not.toHaveProperty('argument');
  });

  it('joins lines split over segments and splits segments holding several lines', () => {
    const trace = extractFtpTrace(
      control([
        ['<', '220 Wel'],
        ['<', 'come\r\n331 Pass'],
        ['<', 'word?\r\n'],
      ]),
    );
    expect(trace.dialogue.map((l) => (l.kind === 'reply' ? `${l.code} ${l.text}` : ''))).toEqual([
      '220 Welcome',
      '331 Password?',
    ]);
    // A line is dated by the segment that completed it.
    expect(trace.dialogue.map((l) => l.at)).toEqual([2000, 3000]);
  });

  it('reads a multi-line reply as one reply', () => {
    const trace = extractFtpTrace(control([['<', '230-Welcome\r\n line two\r\n230 Login successful.\r\n']]));
    expect(trace.dialogue).toMatchObject([
      {
        kind: 'reply',
        code: 230,
        text: 'Welcome\n line two\nLogin successful.',
        lines: ['230-Welcome', ' line two', '230 Login successful.'],
      },
    ]);
  });

  it('does not repeat retransmitted control data', () => {
    const packets = control([['>', 'USER anonymous\r\n']]);
    const first = packets[2] as CapturedPacket;
    packets.push(
      { ...first, frame: 99, at: 200_000 },
      { ...first, frame: 100, at: 300_000, seq: first.seq + 5, payload: 'anonymous\r\nPASS x\r\n' },
    );
    const trace = extractFtpTrace(packets);
    expect(trace.dialogue.map((l) => (l.kind === 'command' ? l.line : ''))).toEqual([
      'USER anonymous',
      'PASS x',
    ]);
  });

  it('follows an active-mode data connection from port 20: SYN retransmissions, no handshake', () => {
    const dataClient = { ip: CLIENT.ip, port: 44029 };
    const dataServer = { ip: SERVER.ip, port: 20 };
    const packets = [
      ...control([
        ['>', 'PORT 192,168,1,10,171,253\r\n'],
        ['<', '200 PORT command successful.\r\n'],
        ['>', 'LIST\r\n'],
      ]),
      ...[0, 1.0, 2.0, 3.1, 4.1].map((s) => packet(4000 + s * 1e6, dataServer, dataClient, 7, 'S')),
      packet(5_004_000, SERVER, CLIENT, 530, 'PA', '425 Failed to establish connection.\r\n'),
    ];
    const [data, ...more] = extractFtpTrace(packets).dataConnections;
    expect(more).toEqual([]);
    expect(data).toMatchObject({
      initiator: dataServer,
      responder: dataClient,
      openedBy: 'server',
      announcedBy: 0,
      established: false,
      reset: false,
    });
    expect(data?.syns).toHaveLength(5);
    expect(synOffsets(data as NonNullable<typeof data>)).toEqual([0, 1, 2, 3.1, 4.1]);
  });

  it('follows a passive-mode data connection: handshake, data once, FINs', () => {
    const c = { ip: CLIENT.ip, port: 39622 };
    const s = { ip: SERVER.ip, port: 40003 };
    const packets = [
      ...control([
        ['>', 'PASV\r\n'],
        ['<', '227 Entering Passive Mode (172,16,0,21,156,67).\r\n'],
      ]),
      packet(5000, c, s, 10, 'S'),
      packet(5010, s, c, 80, 'SA', '', 11),
      packet(5020, c, s, 11, 'A', '', 81),
      packet(6000, s, c, 81, 'PA', 'abc', 11),
      packet(6001, s, c, 81, 'PA', 'abcdef', 11),
      packet(6002, s, c, 87, 'FA', '', 11),
      packet(6003, c, s, 11, 'FA', '', 88),
      packet(7000, { ip: '10.9.9.9', port: 1234 }, { ip: '10.9.9.8', port: 80 }, 1, 'S'),
      // Neither unrelated traffic nor a second control connection counts as a data connection.
      packet(8000, { ip: CLIENT.ip, port: 56999 }, SERVER, 1, 'S'),
    ];
    const trace = extractFtpTrace(packets);
    expect(trace.dataConnections).toHaveLength(1);
    expect(trace.dataConnections[0]).toMatchObject({
      initiator: c,
      responder: s,
      openedBy: 'client',
      announcedBy: 1,
      established: true,
      establishedAt: 5020,
      data: { fromInitiator: '', fromResponder: 'abcdef' },
      fins: [
        { from: 'responder', at: 6002 },
        { from: 'initiator', at: 6003 },
      ],
    });
  });

  it('does not count a handshake whose final ACK does not acknowledge the SYN-ACK', () => {
    const c = { ip: CLIENT.ip, port: 39622 };
    const s = { ip: SERVER.ip, port: 40003 };
    const packets = [
      ...control([['<', '227 Entering Passive Mode (172,16,0,21,156,67).\r\n']]),
      packet(5000, c, s, 10, 'S'),
      packet(5010, s, c, 80, 'SA', '', 11),
      packet(5020, c, s, 11, 'A', '', 12345),
      packet(5030, s, c, 0, 'RA', '', 11),
    ];
    expect(extractFtpTrace(packets).dataConnections[0]).toMatchObject({ established: false, reset: true });
  });
});
