import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Running the lab's programs: every command has a time limit, and every long-running process (vsftpd,
 * tcpdump), network namespace and temporary directory is remembered until it is stopped or removed, so that a
 * failing, timed-out or interrupted test leaves nothing behind (see `cleanUpEverything`).
 */

export class LabCommandError extends Error {
  override readonly name = 'LabCommandError';
}

/** Runs a command to completion within `timeoutMs`; resolves to its stdout, rejects with its stderr. */
export function run(command: string, args: readonly string[], timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const why = error.killed ? `killed after ${timeoutMs} ms` : `exit ${String(error.code)}`;
          reject(new LabCommandError(`${command} ${args.join(' ')}: ${why}\n${stderr.trim()}`));
        } else resolve(stdout);
      },
    );
  });
}

/** Like `run`, but also resolves (with the exit code) when the command fails. */
export function runStatus(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface Daemon {
  readonly pid: number;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** What it wrote to stdout so far (kept only when asked for at start). */
  stdout(): string;
  /** SIGTERM (or the given signal), then SIGKILL if it has not exited within `graceMs`; resolves once it has. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const daemons = new Set<ChildProcess>();
const namespaces = new Set<string>();
const directories = new Set<string>();

/** Starts a long-running process; it is stopped by `stop()` or, at the latest, by `cleanUpEverything`. */
export function startDaemon(
  command: string,
  args: readonly string[],
  keep: { stdout?: boolean } = {},
): Daemon {
  const child = spawn(command, args, { stdio: ['ignore', keep.stdout ? 'pipe' : 'ignore', 'pipe'] });
  if (child.pid === undefined) throw new LabCommandError(`${command}: could not start`);
  daemons.add(child);
  let stderr = '';
  let stdout = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    // 'close': the process has exited and its stdout and stderr have been read to the end.
    child.once('close', () => resolve());
  });
  void exited.then(() => daemons.delete(child));
  const pid = child.pid;
  return {
    pid,
    stderr: () => stderr,
    stdout: () => stdout,
    async stop(signal = 'SIGTERM', graceMs = 3000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `probe` every `everyMs` until it returns a value or `timeoutMs` has passed (then throws `what`). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new LabCommandError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Remembers a namespace this process created, so it is deleted even if the test dies. */
export function ownNamespace(name: string): void {
  namespaces.add(name);
}

/** Deletes a namespace after ending every process still inside it (vsftpd's session processes). */
export function deleteNamespace(name: string): void {
  killProcessesIn(name);
  try {
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // Already gone.
  }
  namespaces.delete(name);
}

function killProcessesIn(namespace: string): void {
  let pids: string;
  try {
    pids = execFileSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8', timeout: 5000 });
  } catch {
    return;
  }
  for (const pid of pids.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // It exited meanwhile.
    }
  }
}

/** Remembers a temporary directory this process created, so it is removed even if the test dies. */
export function ownDirectory(path: string): void {
  directories.add(path);
}

export function removeDirectory(path: string): void {
  rmSync(path, { recursive: true, force: true });
  directories.delete(path);
}

/** Synchronous, for exit and signal handlers: every daemon, namespace and directory this process still holds. */
export function cleanUpEverything(): void {
  for (const child of daemons) child.kill('SIGKILL');
  daemons.clear();
  for (const name of [...namespaces]) deleteNamespace(name);
  for (const path of [...directories]) removeDirectory(path);
}

let handlersInstalled = false;

/** Cleans up when the process exits or is interrupted (Ctrl-C, a CI timeout's SIGTERM). */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', cleanUpEverything);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanUpEverything();
      process.kill(process.pid, signal);
    });
  }
}
