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
  if (at) {
    const group = child.pid!;
    child.kill = (signal?: NodeJS.Signals | number) => {
      try {
        process.kill(-group, signal ?? 'SIGTERM');
        return true;
      } catch {
        return false;
      }
    };
  }
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
