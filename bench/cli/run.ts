// How long the CLI takes and how much memory it holds, per command, on a warm embedded data folder
// (seeded once here): `tend --help` loads no command module; `tend ask` and `tend score` load theirs.
// Prints wall time, CPU (user + system) and peak RSS per run, from GNU time (Debian's `time`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

const runs = Number(process.env.TEND_BENCH_RUNS ?? 3);
const gnuTime = '/usr/bin/time';
if (!existsSync(gnuTime)) {
  console.error('bench:cli needs GNU time (Debian: apt-get install time).');
  process.exit(2);
}
const dataDir = join(mkdtempSync(join(tmpdir(), 'tend-bench-cli-')), 'db');
const env = { ...process.env, TEND_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
const tend = join(projectRoot, 'bin/tend.js');
execFileSync(process.execPath, [tend, 'seed', '--demo', '--accounts', '40', '--today', '2026-09-14'], { env });

const commands: [string, string[]][] = [
  ['tend --help', ['--help']],
  ['tend ask "how is Acme doing?"', ['ask', 'how is Acme doing?']],
  ['tend score --account Acme', ['score', '--account', 'Acme', '--now', '2026-09-14T09:00:00Z']],
];
console.log(`${runs} runs each, embedded database, Node ${process.version}`);
for (const [label, args] of commands) {
  const rows: { wall: number; cpu: number; rss: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(gnuTime, ['-f', 'BENCH %e %U %S %M', process.execPath, tend, ...args], {
      env,
      encoding: 'utf8',
    });
    const m = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
    if (run.status !== 0 || !m) throw new Error(`${label} failed: ${run.stderr.slice(-500)}`);
    rows.push({ wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rss: Number(m[4]) / 1024 });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `${label.padEnd(34)} wall ${median(rows.map((r) => r.wall)).toFixed(2)} s  CPU ${median(rows.map((r) => r.cpu)).toFixed(2)} s  peak RSS ${Math.round(median(rows.map((r) => r.rss)))} MB (median of ${runs})`,
  );
}
