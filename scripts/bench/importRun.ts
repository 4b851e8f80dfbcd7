/**
 * One import of a capture file, in its own process so that its peak memory is its own: streams the file
 * through `importCapture` as the CLI does and prints, as JSON, the time it took, the sessions found and the process's
 * resident memory before and at its peak.
 */
import { importCapture } from '../../src/import/captureImport';
import { CAPTURE_LIMITS } from '../../src/import/limits';
import { fileChunks } from '../cli/fileChunks';

const file = process.argv[2];
if (!file) throw new Error('usage: importRun.ts FILE');
// The benchmark's file may be larger than the app's limit: the limit is a policy, not what is measured.
const maxBytes = 8 * CAPTURE_LIMITS.maxFileBytes;
const before = process.memoryUsage().rss;
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = await importCapture(fileChunks(file), { maxBytes });
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    sessions: result.overview.sessions.length + result.overview.sessionsOmitted,
    packets: result.overview.file.tcpPackets,
    rssBefore: before,
    peakRss: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
