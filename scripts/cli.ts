/**
 * The command-line simulator: `npm run --silent sim -- [flags]` (see --help).
 * Exit status (EXIT_STATUS): 0 after a simulation (whatever its outcome), 2 for bad flags, an invalid
 * scenario or a capture that cannot be read, 3 when the output cannot be written.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { EXIT_STATUS, parseCliArguments, USAGE, type CaptureRequest } from './cli/cliArguments';
import { captureJson, captureTranscript } from './cli/captureTranscript';
import { fileChunks } from './cli/fileChunks';
import { simulationJson, transcript } from './cli/transcript';
import { writeOutputAtomically, writeStandardOutput } from './cli/writeOutput';
import { simulate } from '../src/engine';
import { exportPcap } from '../src/export/pcap';
import { exportPcapng } from '../src/export/pcapng';
import { CaptureError } from '../src/import/captureError';
import { importCapture } from '../src/import/captureImport';
import { tooLarge } from '../src/import/captureSource';
import { CAPTURE_LIMITS } from '../src/import/limits';

/** At most `limit + 1` bytes of a file: enough to tell it is too large without reading it all. */
function readAtMost(path: string, limit: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Writes to `out` (or the standard output); on a failure, one line and the write status. */
async function write(output: string | Uint8Array, out: string | undefined): Promise<void> {
  const written = out ? writeOutputAtomically(out, output) : await writeStandardOutput(output);
  if (!written.ok) {
    if (written.message) process.stderr.write(`sim: ${written.message}\n`);
    process.exitCode = EXIT_STATUS.write;
  }
}

const CANNOT_OPEN: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Reads the capture as a stream (memory stays small whatever its size) and prints its session. */
async function fromCapture({ file, session, format, out }: CaptureRequest): Promise<void> {
  const fail = (message: string): void => {
    process.stderr.write(`sim: --from-pcap: ${message}\n`);
    process.exitCode = EXIT_STATUS.usage;
  };
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fail(`cannot read "${file}" (it is a folder)`);
    if (stat.size > CAPTURE_LIMITS.maxFileBytes) return fail(`"${file}": ${tooLarge(stat.size).message}`);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    return fail(`cannot read "${file}" (${CANNOT_OPEN[code] ?? (code || 'unreadable')})`);
  }
  try {
    const imported = await importCapture(fileChunks(file), { session });
    const name = basename(file);
    await write(
      format === 'json' ? `${captureJson(imported, name)}\n` : `${captureTranscript(imported, name)}\n`,
      out,
    );
  } catch (e) {
    if (e instanceof CaptureError) return fail(`"${file}": ${e.message}`);
    // The file failed while being read (a disk error, a file that shrank): one line, like an unopenable one.
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    if (code) return fail(`cannot read "${file}" (${CANNOT_OPEN[code] ?? code})`);
    throw e;
  }
}

const parsed = parseCliArguments(process.argv.slice(2), readAtMost);
if (parsed.ok === 'help') {
  await write(`${USAGE}\n`, undefined);
} else if (parsed.ok === false) {
  process.stderr.write(`sim: ${parsed.message}\n`);
  process.exitCode = EXIT_STATUS.usage;
} else if (parsed.ok === 'capture') {
  await fromCapture(parsed.request);
} else {
  const { scenario, format, out, capture } = parsed.request;
  const sim = simulate(scenario);
  await write(
    format === 'pcap'
      ? exportPcap(sim.events, capture)
      : format === 'pcapng'
        ? exportPcapng(sim.events, capture)
        : format === 'json'
          ? `${simulationJson(sim)}\n`
          : `${transcript(sim)}\n`,
    out,
  );
}
