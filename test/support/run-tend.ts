import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

export interface TendProcess {
  child: ChildProcess;
  output(): string;
  /** When the process last wrote to stdout or stderr (ms since the epoch), 0 before it has. */
  lastOutputAt(): number;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  /**
   * SIGTERM, then SIGKILL to whatever is left after `graceMs`. Under faketime Tend is faketime's
   * child: faketime's exit says nothing about Tend's, so the whole group is killed at the end.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Whether libfaketime's `faketime` is installed, to start a process on a fixed day. */
export const hasFaketime = (() => {
  try {
    execFileSync('faketime', ['-f', '+0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Runs the real `tend` binary in a child process, as a user would. With `clockAt`, the process's
 * wall clock starts at that moment and runs on from it (libfaketime; timers keep real time), so what
 * it seeds and answers does not depend on the day the suite runs.
 */
export function runTend(args: string[], env: Record<string, string>, options: { clockAt?: Date } = {}): TendProcess {
  const tend = [join(projectRoot, 'bin/tend.js'), ...args];
  const at = options.clockAt?.toISOString().slice(0, 19).replace('T', ' ');
  const child = spawn(at ? 'faketime' : process.execPath, at ? ['-f', `@${at}`, process.execPath, ...tend] : tend, {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(at ? { FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: 'UTC' } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // faketime runs Tend as its own child and does not pass signals on: in a group of their own, a
    // kill reaches both (killing faketime alone left Tend running after the test).
    detached: !!at,
  });
  const group = child.pid!;
  const killGroup = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-group, signal);
      return true;
    } catch {
      return false;
    }
  };
  if (at) child.kill = (signal?: NodeJS.Signals | number) => killGroup((signal as NodeJS.Signals) ?? 'SIGTERM');
  let text = '';
  let lastOutputAt = 0;
  const waiters: (() => void)[] = [];
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    lastOutputAt = Date.now();
    for (const w of waiters) w();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    lastOutputAt: () => lastOutputAt,
    exited,
    async stop(graceMs = 5_000) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      if (at) {
        // faketime may be gone while Tend still shuts down: give it the rest of the grace, then kill.
        for (let waited = 0; waited < graceMs && killGroup(0); waited += 100)
          await new Promise((resolve) => setTimeout(resolve, 100));
        killGroup('SIGKILL');
      } else if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = text.match(pattern);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; output:\n${text}`)),
          timeoutMs,
        );
        waiters.push(check);
        exited.then(() => setTimeout(check, 10));
        check();
      });
    },
  };
}
