// The picture in docs/teams.md: a health answer in the Microsoft 365 Agents Playground (offline),
// drawn by Debian's Chromium. Tend starts on the tests' fixed day (libfaketime) with the demo.
//   npm run docs:playground     (needs /usr/bin/chromium and faketime)
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from '../src/paths.js';
import { playgroundConfig } from '../test/support/playground-config.js';
import { runTend } from '../test/support/run-tend.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'tend-playground-shot-'));
writeFileSync(join(dir, 'playground.yml'), playgroundConfig);
const tend = runTend(
  ['start', '--no-chat'],
  {
    TEND_DATA_DIR: join(dir, 'db'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    TEND_JOBS_ENABLED: 'false',
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  },
  { clockAt: new Date('2026-09-14T09:00:00Z') },
);
const ready = await tend.waitFor(/"port":(\d+)[^\n]*"msg":"Tend is ready"/, 120_000);
const port = await freePort();
let log = '';
const playground = spawn(
  process.execPath,
  [
    join(projectRoot, 'node_modules/@microsoft/m365agentsplayground/cli.js'),
    'start',
    '-e',
    `http://127.0.0.1:${ready[1]}/api/messages`,
    '-c',
    'msteams',
    '-p',
    String(port),
    '--dt',
  ],
  {
    cwd: dir,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(dir, 'playground.yml'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
playground.stdout!.on('data', (d: Buffer) => (log += d.toString()));
playground.stderr!.on('data', (d: Buffer) => (log += d.toString()));
while (!log.includes(`Listening on ${port}`)) await new Promise((r) => setTimeout(r, 100));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  await page.goto(`http://127.0.0.1:${port}`);
  await page.waitForTimeout(4_000);
  await page.screenshot({ path: join(dir, 'ui.png') });
  const box = page.locator('[contenteditable="true"], textarea, input[type="text"]').first();
  await box.click();
  await box.fill('how is Acme doing?');
  await page.keyboard.press('Enter');
  await page
    .getByText(/Acme Corp: [\d.]+\/100/)
    .last()
    .waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2_000);
  await page.screenshot({ path: join(projectRoot, 'docs/images/teams-playground-health.png') });
  console.log('wrote docs/images/teams-playground-health.png');
} finally {
  await browser.close();
  playground.kill('SIGTERM');
  tend.child.kill('SIGTERM');
  await tend.exited;
}
