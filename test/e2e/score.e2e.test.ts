import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTend } from '../support/run-tend.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-score-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn' };

async function run(args: string[]) {
  const p = runTend(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

describe('tend score and tend presets', () => {
  it("prints document 004's example numbers exactly, as JSON", async () => {
    const { code, output } = await run([
      'score',
      '--preset',
      'bis-calculator',
      '--input',
      'examples/bis-calculator-example.json',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(output);
    expect(json.overall).toBe(68.5);
    expect(json.band.label).toBe('At Risk');
    expect(
      Object.fromEntries(Object.entries(json.dimensions).map(([k, d]) => [k, (d as { score: number }).score])),
    ).toEqual({
      usage: 70.5,
      satisfaction: 68.5,
      business_value: 52,
      relationship: 72,
      support: 99,
    });
    expect(json.dimensions.usage).toMatchObject({ weight: 25, contribution: 17.625 });
    expect(json.recommendations.map((r: { category: string }) => r.category)).toEqual(['Satisfaction']);
    expect(json).toHaveProperty('signals');
    expect(json.coverage).toMatchObject({ inputsTotal: 15, inputsPresent: 15, missing: [] });
  });

  it('explains in text, and suggests the preset meant on a typo', async () => {
    const text = await run(['score', '--preset', 'bis-calculator', '--input', 'examples/bis-calculator-example.json']);
    expect(text.output).toContain('Health 68.5 / 100: At Risk');
    expect(text.output).toContain('Recommendations:');
    const typo = await run(['score', '--preset', 'bis-calculater', '--input', 'examples/bis-calculator-example.json']);
    expect(typo.code).toBe(2);
    expect(typo.output).toContain('Did you mean "bis-calculator"?');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"usage": {"daily_active_users": 70}}');
    const invalid = await run(['score', '--preset', 'bis-calculator', '--input', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.output).toContain('usage: unknown field daily_active_users');
  });

  it('lists presets and prints one to copy', async () => {
    const list = await run(['presets']);
    expect(list.code).toBe(0);
    for (const id of ['miyar', 'omnigaze', 'mapleai', 'bis-table', 'bis-calculator', 'bymb'])
      expect(list.output).toContain(id);
    const show = await run(['presets', 'show', 'omnigaze']);
    expect(JSON.parse(show.output).model.dimensions.map((d: { weight: number }) => d.weight)).toEqual([30, 30, 20, 20]);
  });

  it('scores stored accounts and explains one by name', async () => {
    expect((await run(['seed', '--demo', '--accounts', '20'])).code).toBe(0);
    const all = await run(['score', '--all']);
    expect(all.output).toMatch(/Scored \d+ of \d+ account\(s\)/);
    const acme = await run(['score', '--account', 'acme', '--json']);
    expect(acme.code).toBe(0);
    const json = JSON.parse(acme.output);
    expect(json.account.name).toBe('Acme Corp');
    expect(json.change.summary).toBeDefined();
    expect(json.lifecycle.framework).toBe('omnigaze');
    const asked = await run(['ask', 'why did Globex drop?']);
    expect(asked.code).toBe(0);
    expect(asked.output).toMatch(/Why Globex Industries is at [\d.]+/);
    const reply = JSON.parse((await run(['ask', 'my accounts at risk', '--as', 'alex@tend.example', '--json'])).output);
    expect(reply).toHaveProperty('headline');
    expect(reply).toHaveProperty('tone');
    // The frame as answered: "my" read as Alex's accounts; the words no part of Tend used are listed.
    expect(reply.frame.owner).toMatchObject({ kind: 'me', words: 'my' });
    expect(reply.unusedWords).toEqual([]);
    const stranger = await run(['ask', 'portfolio', '--as', 'nobody@tend.example']);
    expect(stranger.code).toBe(2);
    expect(stranger.output).toContain('--as nobody@tend.example: no such user');
    const missing = await run(['score', '--account', 'Acme Crop']);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('Did you mean "Acme Corp"?');
  });

  it('backtests the scores against the renewal history, and refuses to calibrate on too little', async () => {
    // The demo seeded above comes with its renewal history.
    const report = await run(['backtest', '--model', 'bis-table', '--json']);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.output);
    expect(json.model).toBe('bis-table version 1, replayed');
    expect(json.report.horizons.map((h: { days: number }) => h.days)).toEqual([30, 60, 90]);
    expect(json.report.outcomes.total).toBeGreaterThan(0);
    const calibrate = await run(['calibrate', '--from-preset', 'bis-table']);
    expect(calibrate.code).toBe(2);
    expect(calibrate.output).toContain('Too little history to calibrate');
    const typo = await run(['backtest', '--model', 'bis-tabel']);
    expect(typo.code).toBe(2);
    expect(typo.output).toContain('Did you mean "bis-table"?');
  });

  it('stores custom survey definitions, rejecting a bad file with where it is wrong', async () => {
    const bad = join(dir, 'bad-surveys.json');
    writeFileSync(
      bad,
      JSON.stringify([{ key: 'Training', kind: 'custom', question: 'Useful?', scale: { min: 1, max: 5 } }]),
    );
    const refused = await run(['survey', 'definitions', 'set', bad]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('use lower_snake_case');
    const good = join(dir, 'surveys.json');
    writeFileSync(
      good,
      JSON.stringify([
        {
          key: 'training',
          kind: 'custom',
          question: 'How useful was the admin training?',
          scale: { min: 1, max: 5, lowLabel: 'Not useful', highLabel: 'Very useful' },
          after: { activityKind: 'milestone', titleIncludes: ['training'] },
        },
      ]),
    );
    const stored = await run(['survey', 'definitions', 'set', good]);
    expect(stored.code).toBe(0);
    expect(stored.output).toContain('Stored 1 survey definition(s): training.');
    const shown = JSON.parse((await run(['survey', 'definitions', 'show'])).output) as { key: string }[];
    expect(shown.map((d) => d.key)).toEqual(['nps', 'csat', 'ces', 'training']);
    // The chat knows the new key (and suggests it on a typo); sending needs a chat connected.
    const typo = await run(['ask', 'survey acme trainng', '--as', 'alex@tend.example']);
    expect(typo.output).toContain('No survey "trainng"; surveys: nps, csat, ces, training. Did you mean "training"?');
    const asked = await run(['ask', 'survey acme training', '--as', 'alex@tend.example']);
    expect(asked.output).toContain('Surveys need Slack or Teams to be connected.');
  });
});
