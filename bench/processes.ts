// Child processes for the servers under test: start, wait for /readyz, stop (and show their log when they die early).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** Null while running; else how it ended (e.g. `signal SIGKILL`), to flag measurements it did not survive. */
  exitStatus(): string | null;
  stop(): Promise<void>;
}

/** Last lines of a child's log, to explain a start-up failure. */
export function tail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Children still running: ended with the bench even when it exits while one is still starting (Ctrl-C, a throw). */
const live = new Set<ChildProcess>();
process.on('exit', () => live.forEach((child) => child.kill('SIGTERM')));

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

/**
 * Runs `node <script> <args>` on 127.0.0.1:`port` with its output going straight to `logFile`
 * (a file descriptor, so logging under load costs the parent nothing), and waits until
 * GET /readyz answers 200, for at most `readyTimeoutMs`.
 */
export async function startServer(script: string, args: string[], env: NodeJS.ProcessEnv, port: number, logFile: string, readyTimeoutMs: number): Promise<ServerProcess> {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  live.add(child);
  child.once('exit', () => live.delete(child));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // Give it time to close its pool; never leave it running.
    const killed = await Promise.race([exited(child).then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exited(child);
    }
  };
  const exitStatus = (): string | null =>
    child.exitCode !== null ? `exit code ${child.exitCode}` : child.signalCode !== null ? `signal ${child.signalCode}` : null;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${script} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return { baseUrl, pid: child.pid ?? -1, stop, exitStatus };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`${script} was not ready within ${readyTimeoutMs} ms:\n${tail(logFile)}`);
}
