import { spawn, type ChildProcess } from 'node:child_process';
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

/** Runs the real `tend` binary in a child process, as a user would. */
export function runTend(args: string[], env: Record<string, string>): TendProcess {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/tend.js'), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
