/**
 * A large capture for the import benchmark, written by the app's own exporter: many FTP sessions in every
 * mode, each retrieving eight files of 64 KiB, one after another in time, as a capture on the server's
 * interface would hold them. Written as a stream (never held whole) into the file given.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { MODES, simulate } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { captureFrames, EPOCH_BASE_SECONDS } from '../../src/export/pcap';
import {
  GLOBAL_HEADER_LENGTH,
  LINKTYPE_ETHERNET,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_SNAPLEN,
  PCAP_VERSION_MAJOR,
  PCAP_VERSION_MINOR,
  RECORD_HEADER_LENGTH,
} from '../../src/pcap/format';

const FILES = Array.from({ length: 8 }, (_, i) => ({ name: `part${i}.bin`, size: 65_536 }));

export interface GeneratedCapture {
  readonly bytes: number;
  readonly sessions: number;
  readonly packets: number;
}

/** Writes sessions until the file holds at least `targetBytes`. */
export function writeLargeCapture(file: string, targetBytes: number): GeneratedCapture {
  const fd = openSync(file, 'w');
  try {
    const header = new DataView(new ArrayBuffer(GLOBAL_HEADER_LENGTH));
    header.setUint32(0, PCAP_MAGIC_MICROSECONDS, true);
    header.setUint16(4, PCAP_VERSION_MAJOR, true);
    header.setUint16(6, PCAP_VERSION_MINOR, true);
    header.setUint32(16, PCAP_SNAPLEN, true);
    header.setUint32(20, LINKTYPE_ETHERNET, true);
    writeSync(fd, new Uint8Array(header.buffer));
    let bytes = GLOBAL_HEADER_LENGTH;
    let packets = 0;
    let sessions = 0;
    let offset = 0;
    while (bytes < targetBytes) {
      const parsed = parseScenario({
        mode: MODES[sessions % MODES.length],
        commands: FILES.map((f) => ({ verb: 'RETR', file: f.name })),
        server: { files: FILES },
        client: { controlPort: 20_000 + (sessions % 45_000), dataPort: 'realistic' },
        seed: sessions + 1,
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const frames = captureFrames(simulate(parsed.scenario).events, 'server');
      const size = frames.reduce((n, f) => n + RECORD_HEADER_LENGTH + f.bytes.length, 0);
      const out = new Uint8Array(size);
      const view = new DataView(out.buffer);
      let at = 0;
      let last = 0;
      for (const f of frames) {
        const micros = offset + Math.max(0, Math.round(f.at));
        last = Math.max(last, micros);
        view.setUint32(at, EPOCH_BASE_SECONDS + Math.floor(micros / 1e6), true);
        view.setUint32(at + 4, micros % 1e6, true);
        view.setUint32(at + 8, f.bytes.length, true);
        view.setUint32(at + 12, f.bytes.length, true);
        out.set(f.bytes, at + RECORD_HEADER_LENGTH);
        at += RECORD_HEADER_LENGTH + f.bytes.length;
      }
      writeSync(fd, out);
      bytes += size;
      packets += frames.length;
      sessions++;
      // The next session starts a tenth of a second after this one ends.
      offset = last + 100_000;
    }
    return { bytes, sessions, packets };
  } finally {
    closeSync(fd);
  }
}
