/**
 * The pcapng export beside the pcap one: Wireshark's reading of it (the file type, the interface named
 * after the capture point, each frame's direction from epb_flags), and the app's own reader, which finds
 * in it exactly the packets of the .pcap. tests/export/pcap.test.ts holds both exports to the same tshark
 * fields for every scenario there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPacketEvent, simulate } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { capturedPackets, exportPcap } from '../../src/export/pcap';
import { exportPcapng } from '../../src/export/pcapng';
import { readCaptureBytes } from '../../src/import/captureReader';

const TSHARK = process.env.TSHARK ?? 'tshark';
const dir = mkdtempSync(join(tmpdir(), 'ftp-flow-lab-pcapng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenario(input: Parameters<typeof parseScenario>[0]) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario);
}

describe('pcapng export', () => {
  const sim = scenario({
    mode: 'passive',
    clientFirewall: 'stateful',
    commands: [{ verb: 'LIST' }, { verb: 'RETR', file: 'hello.txt' }],
  });

  it.each(['client', 'server'] as const)(
    'is a pcapng file Wireshark reads, with the %s interface and each frame’s direction',
    (point) => {
      const file = join(dir, `${point}.pcapng`);
      writeFileSync(file, exportPcapng(sim.events, point));
      const rows = execFileSync(
        TSHARK,
        [
          '-r',
          file,
          '-n',
          '-T',
          'fields',
          '-E',
          'separator=|',
          '-e',
          'frame.interface_name',
          '-e',
          'frame.p2p_dir',
        ],
        {
          encoding: 'utf8',
          timeout: 30_000,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
        .trim()
        .split('\n');
      const captured = capturedPackets(sim.events, point);
      expect(rows).toEqual(captured.map((c) => `eth0 (${point})|${c.event.packet.from === point ? 0 : 1}`));
      const info = execFileSync('capinfos', ['-t', '-M', file], { encoding: 'utf8', timeout: 30_000 });
      expect(info).toMatch(/File type:\s+pcapng$/m);
    },
  );

  it('holds, for the app’s reader, exactly the packets of the .pcap export', () => {
    for (const point of ['client', 'server'] as const) {
      const ng = readCaptureBytes(exportPcapng(sim.events, point));
      const classic = readCaptureBytes(exportPcap(sim.events, point));
      expect(ng.info).toMatchObject({
        format: 'pcapng',
        linkTypes: [1],
        interfaces: 1,
        precision: 'microsecond',
      });
      expect(ng.packets).toEqual(classic.packets);
      expect(ng.packets.length).toBe(
        sim.events.filter((e) => isPacketEvent(e) && e.packet.views[point]).length,
      );
    }
  });
});
