/**
 * A captured session saved again (the replay's Export menu, issue 13): written as `.pcap` and `.pcapng` at
 * the point it was captured, tshark dissects every frame (no malformed packet, every IP and TCP checksum
 * right, the same FTP commands and replies as in the original file), and the importer reads it back as the
 * same session. A session whose data transfers were summarized (only their first and last packets kept)
 * stays a well-formed capture too.
 *
 * Needs tshark (TSHARK=path overrides the one on PATH); without it these tests fail, they are not skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLargeCapture } from '../../scripts/bench/generateCapture';
import { isPacketEvent, type HostId, type StepEvent } from '../../src/engine';
import { exportPcap } from '../../src/export/pcap';
import { exportPcapng } from '../../src/export/pcapng';
import { importCapture, type CapturedSession } from '../../src/import/captureImport';

const TSHARK = process.env.TSHARK ?? 'tshark';
const CAPTURES = path.resolve(import.meta.dirname, '../../../shared/captures');
const dir = mkdtempSync(path.join(tmpdir(), 'capture-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Dissected {
  readonly protocols: string;
  readonly experts: string;
  readonly ipChecksum: string;
  readonly tcpChecksum: string;
  readonly ftp: string;
}

/** tshark's reading of a file, one row per frame, checksums validated. */
function dissect(file: string): Dissected[] {
  const fields = [
    'frame.protocols',
    '_ws.expert.message',
    'ip.checksum.status',
    'tcp.checksum.status',
    'ftp.request.command',
    'ftp.response.code',
  ];
  const validate = ['tcp', 'ip'].flatMap((layer) => ['-o', `${layer}.check_checksum:TRUE`]);
  const columns = ['-T', 'fields', '-E', 'separator=\t', ...fields.flatMap((f) => ['-e', f])];
  const options = { timeout: 30_000, maxBuffer: 64 * 1024 * 1024, stdio: 'pipe' as const };
  const rows = execFileSync(TSHARK, ['-r', file, '-n', ...validate, ...columns], options)
    .toString('utf8')
    .split('\n');
  return rows.filter(Boolean).map((row) => {
    const [protocols = '', experts = '', ipChecksum = '', tcpChecksum = '', command = '', code = ''] =
      row.split('\t');
    return { protocols, experts, ipChecksum, tcpChecksum, ftp: `${command}${code}` };
  });
}

/** What a well-formed file must not show: a malformed frame or a checksum tshark finds wrong. */
function problems(frames: readonly Dissected[]): string[] {
  return frames.flatMap((f, i) => [
    ...(/malformed/i.test(f.protocols) || /malformed/i.test(f.experts) ? [`frame ${i + 1}: malformed`] : []),
    // tshark's checksum status: 0 bad, 1 good, 2 unverified.
    ...(f.ipChecksum !== '' && f.ipChecksum !== '1' ? [`frame ${i + 1}: IP checksum ${f.ipChecksum}`] : []),
    ...(f.tcpChecksum !== '1' ? [`frame ${i + 1}: TCP checksum ${f.tcpChecksum}`] : []),
  ]);
}

/** The FTP commands and reply codes tshark finds, in order. */
const ftpOf = (frames: readonly Dissected[]): string[] => frames.map((f) => f.ftp).filter(Boolean);

/** The session's FTP messages and connections, as the importer reads them. */
function dialogueOf(events: readonly StepEvent[]): string[] {
  return events.flatMap((e) => {
    if (e.kind === 'ftp/command-sent') return [`${e.command.verb} ${e.command.argument ?? ''}`.trim()];
    if (e.kind === 'ftp/reply-sent') return [String(e.reply.code)];
    if (isPacketEvent(e) && e.packet.segment.flags.syn && !e.packet.segment.flags.ack)
      return [`SYN ${e.packet.conn} from ${e.packet.from}${e.packet.retransmission ? ' again' : ''}`];
    return [];
  });
}

function hostPoint(session: CapturedSession): HostId {
  const point = session.capturePoint;
  if (point === 'between') throw new Error('a reference capture taken between the hosts');
  return point;
}

function write(name: string, bytes: ArrayBuffer | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, new Uint8Array(bytes));
  return file;
}

const references = readdirSync(CAPTURES).filter((n) => n.endsWith('.pcap'));

describe('a captured session saved again', () => {
  it('has reference captures to check', () => expect(references.length).toBe(8));

  it.each(references)(
    '%s: tshark dissects its .pcap and .pcapng cleanly, and it reads back the same',
    async (name) => {
      const original = path.join(CAPTURES, name);
      const { session } = await importCapture(new Uint8Array(readFileSync(original)), { session: 1 });
      const point = hostPoint(session);
      const packets = session.events.filter(isPacketEvent).length;

      const pcap = exportPcap(session.events, point);
      const frames = dissect(write(`${name}.pcap`, pcap));
      expect(frames.length).toBe(packets);
      expect(problems(frames)).toEqual([]);
      expect(ftpOf(frames)).toEqual(ftpOf(dissect(original)));
      // The pcapng export holds the same frames, as tshark reads them.
      expect(dissect(write(`${name}.pcapng`, exportPcapng(session.events, point)))).toEqual(frames);

      const again = await importCapture(new Uint8Array(pcap), { session: 1 });
      expect(again.session.capturePoint).toBe(point);
      expect(again.session.outcome).toBe(session.outcome);
      expect(dialogueOf(again.session.events)).toEqual(dialogueOf(session.events));
    },
  );

  it('keeps a well-formed capture when the middle of each data transfer was left out', async () => {
    const big = path.join(dir, 'sessions.pcap');
    writeLargeCapture(big, 2 * 1024 * 1024);
    const bytes = new Uint8Array(readFileSync(big));
    for (const index of [1, 2, 3, 4]) {
      const { session } = await importCapture(bytes, { session: index });
      const frames = dissect(
        write(`summarized-${index}.pcap`, exportPcap(session.events, hostPoint(session))),
      );
      // Each file of 64 KiB travels in more packets than a data connection keeps: some were left out.
      expect(frames.length).toBe(session.events.filter(isPacketEvent).length);
      expect(frames.some((f) => /not captured/i.test(f.experts))).toBe(true);
      expect(problems(frames)).toEqual([]);
      expect(frames.filter((f) => f.protocols.split(':').includes('ftp-data')).length).toBeGreaterThan(0);
    }
  });
});
