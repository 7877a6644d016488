import { describe, expect, it } from 'vitest';
import { builtInPlays, playReferences } from '../../../../src/core/plays/built-in-plays.js';
import { checkPlays } from '../../../../src/core/plays/check-plays.js';
import { fillMessage } from '../../../../src/core/plays/fill-message.js';
import { isHeldOut, planTasks } from '../../../../src/core/plays/plan-tasks.js';
import { playsForAlert } from '../../../../src/core/plays/plays-for-alert.js';
import { builtInPresets } from '../../../../src/core/presets/built-in-presets.js';

const refs = playReferences(builtInPresets.values(), ['nps', 'csat', 'ces']);

describe('plays as data', () => {
  it('has a built-in play for every trigger of every seed preset, each citing its seed', () => {
    for (const preset of builtInPresets.values())
      for (const trigger of preset.triggers) {
        const plays = builtInPlays.filter((p) => p.starts.some((s) => s.on === 'trigger' && s.trigger === trigger.id));
        expect(plays.length, `${preset.id}:${trigger.id}`).toBeGreaterThanOrEqual(1);
        for (const p of plays) expect(p.source).toMatch(/^Document 00\d/);
      }
  });

  it('names each limit a hostile play file breaks: control characters, steps, source length, plays per file', () => {
    const play = {
      id: 'hostile',
      name: 'Hostile',
      source: 'ours',
      steps: [{ kind: 'human', title: 'Call', who: 'owner', dueDays: 2 }],
      success: { kind: 'renewed' },
    };
    const step = play.steps[0]!;
    const problems = (raw: unknown) => {
      const result = checkPlays(raw, refs);
      return result.ok ? [] : result.problems;
    };
    expect(problems([{ ...play, steps: [{ ...step, title: 'Call\u0000' }] }])).toEqual([
      'play 1 (hostile): steps.0.title contains a control character or line break (such as NUL, \\u0000): remove it',
    ]);
    expect(problems([{ ...play, steps: Array(5000).fill(step) }])).toEqual([
      'play 1 (hostile): steps has 5000 steps; the limit is 50 (split it into several plays)',
    ]);
    expect(problems([{ ...play, source: 'x'.repeat(30_000_000) }])).toEqual([
      'play 1 (hostile): source is 30000000 characters long; the limit is 500',
    ]);
    expect(problems(Array(201).fill(play))).toEqual(['201 plays in one file; the limit is 200 (split the file)']);
    // A message keeps its line breaks; an id with a NUL is printed back without it.
    const message = {
      kind: 'system',
      title: 'Check in',
      action: 'check_in_champion',
      dueDays: 1,
      message: 'Hi,\n\tthanks',
    };
    expect(checkPlays([{ ...play, steps: [message] }], refs).ok).toBe(true);
    expect(problems([{ ...play, id: 'a\u0000b' }])[0]).toMatch(/^play 1 \(a\?b\): id /);
  });

  it('refuses a bad play file with every problem named', () => {
    const result = checkPlays(
      [
        {
          id: 'rescue',
          name: 'Rescue',
          source: 'ours',
          starts: [{ on: 'trigger', trigger: 'low_usag' }],
          steps: [{ kind: 'human', title: 'Call', who: 'owner', dueDays: 2 }],
          success: { kind: 'renewed' },
        },
        {
          id: 'broken',
          name: 'Broken',
          source: 'ours',
          steps: [
            { kind: 'human', title: 'Nobody does this', dueDays: 2 },
            { kind: 'human', title: 'Back in time', who: 'owner', dueDays: -3 },
          ],
          success: { kind: 'renewed' },
        },
      ],
      refs,
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe(
      'play 1 (rescue): starts.0.trigger unknown trigger "low_usag" (did you mean "low_usage"?)',
    );
    expect(problems).toContain(
      'play 2 (broken): steps.0.who has no owner: give who as owner, manager, executive_sponsor or { "role": "<escalation role>" }',
    );
    expect(problems).toContain('play 2 (broken): steps.1.dueDays is due in fewer than 0 days');
  });

  it('names an unknown trigger even in a play whose shape is also wrong', () => {
    const result = checkPlays(
      {
        id: 'all-wrong',
        name: 'All wrong',
        source: 'ours',
        starts: [{ on: 'trigger', trigger: 'no_such_trigger' }],
        steps: [
          { kind: 'human', title: 'Nobody', dueDays: 1 },
          { kind: 'human', title: 'Past', who: 'manager', dueDays: -3 },
        ],
        success: { kind: 'renewed' },
      },
      refs,
    );
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(p.startsWith('play 1 (all-wrong): ')).toBe(true);
    expect(result.ok ? '' : result.problems.join('\n')).toMatch(
      /steps\.0\.who has no owner[\s\S]*steps\.1\.dueDays is due in fewer than 0 days[\s\S]*starts\.0\.trigger unknown trigger "no_such_trigger"/,
    );
  });

  it('names an unknown escalation role and a duplicate id', () => {
    const play = (id: string, role: string) => ({
      id,
      name: id,
      source: 'ours',
      steps: [{ kind: 'human', title: 'Escalate', who: { role }, dueDays: 1 }],
      success: { kind: 'not_at_risk', withinDays: 30 },
    });
    const result = checkPlays([play('a', 'Head of Customer Success'), play('a', 'Chief Fun Officer')], refs);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^play 2 \(a\): steps\.0\.who unknown role "Chief Fun Officer"/),
    ]);
    const twice = checkPlays([play('a', 'Head of Customer Success'), play('a', 'Head of Customer Success')], refs);
    expect(twice.ok ? [] : twice.problems).toEqual(['play a: the id is used twice']);
  });

  it('lets a CRM task mirror a human step, named by its number, and words it as that step', () => {
    const play = (steps: unknown[]) => ({
      id: 'mirror',
      name: 'Mirror',
      source: 'ours',
      steps,
      success: { kind: 'renewed' },
    });
    const call = { kind: 'human', title: 'Call the sponsor', who: 'owner', dueDays: 3 };
    const survey = { kind: 'system', title: 'Survey', action: 'survey_champion', survey: 'nps', dueDays: 1 };
    const mirror = (mirrors: number, action = 'crm_task') => ({
      kind: 'system',
      title: 'In the CRM',
      action,
      mirrors,
      dueDays: 0,
    });
    const bad = checkPlays(play([call, survey, mirror(2), mirror(7), mirror(1, 'post_escalation')]), refs);
    expect(bad.ok ? [] : bad.problems).toEqual([
      'play 1 (mirror): steps.2.mirrors 2 is not a human step of this play (steps are numbered from 1; human steps: 1)',
      'play 1 (mirror): steps.3.mirrors 7 is not a human step of this play (steps are numbered from 1; human steps: 1)',
      'play 1 (mirror): steps.4.mirrors only a crm_task step mirrors a human step',
    ]);
    const good = checkPlays(play([call, mirror(1)]), refs);
    expect(good.ok).toBe(true);
    const tasks = planTasks(good.ok ? good.plays[0]! : (undefined as never), new Date('2026-09-14T09:00:00Z'), {
      holdout: false,
    });
    expect(tasks[1]).toMatchObject({ state: 'AWAITING_APPROVAL', mirrorsStepIndex: 0, message: 'Call the sponsor' });
  });

  it('offers the feedback play on a survey alert whose comment touches one of its themes, and names unknown themes', () => {
    expect(playsForAlert('survey:r1', builtInPlays)).toEqual([]);
    expect(playsForAlert('survey:r1', builtInPlays, ['support_responsiveness'])).toEqual([]);
    expect(playsForAlert('survey:r1', builtInPlays, ['pricing', 'usability'])).toEqual([
      expect.objectContaining({ play: expect.objectContaining({ id: 'bis-feedback-action' }), auto: false }),
    ]);
    // Themes count on survey alerts only.
    expect(playsForAlert('signal:low_usage', builtInPlays, ['usability']).map((p) => p.play.id)).toEqual([
      'miyar-low-usage',
    ]);
    const play = {
      id: 'themed',
      name: 'Themed',
      source: 'ours',
      starts: [{ on: 'feedback_theme', theme: 'usabilty' }],
      steps: [{ kind: 'human', title: 'Call', who: 'owner', dueDays: 1 }],
      success: { kind: 'renewed' },
    };
    const checked = checkPlays(play, refs);
    expect(checked.ok ? [] : checked.problems).toEqual([
      'play 1 (themed): starts.0.theme unknown feedback theme "usabilty" (did you mean "usability"?)',
    ]);
  });

  it('finds the plays an alert names, by trigger, at-risk band or renewal milestone', () => {
    expect(playsForAlert('signal:low_usage', builtInPlays).map((p) => p.play.id)).toEqual(['miyar-low-usage']);
    expect(playsForAlert('at_risk', builtInPlays)).toEqual([
      expect.objectContaining({ play: expect.objectContaining({ id: 'mapleai-health-below-70' }), auto: false }),
    ]);
    expect(playsForAlert('renewal:2026-12-01:90', builtInPlays).map((p) => p.play.id)).toEqual([
      'omnigaze-renewal-path',
    ]);
    expect(playsForAlert('renewal:2026-12-01:60', builtInPlays)).toEqual([]);
    expect(playsForAlert('touchpoint_overdue', builtInPlays)).toEqual([]);
  });

  it('plans one task per step, due from the day the run opened; a held-out run skips system steps only', () => {
    const play = builtInPlays.find((p) => p.id === 'miyar-low-usage')!;
    const opened = new Date('2026-09-14T09:00:00Z');
    const tasks = planTasks(play, opened, { holdout: false });
    expect(tasks.map((t) => [t.kind, t.state, t.dueAt.toISOString().slice(0, 10)])).toEqual([
      ['system', 'AWAITING_APPROVAL', '2026-09-15'],
      ['human', 'OPEN', '2026-09-19'],
      ['human', 'OPEN', '2026-09-28'],
    ]);
    expect(planTasks(play, opened, { holdout: true }).map((t) => t.state)).toEqual(['HELD_OUT', 'OPEN', 'OPEN']);
    expect(isHeldOut({ ...play, holdoutPercent: 0 }, 0)).toBe(false);
    expect(isHeldOut({ ...play, holdoutPercent: 20 }, 0.19)).toBe(true);
    expect(isHeldOut({ ...play, holdoutPercent: 20 }, 0.2)).toBe(false);
  });

  it('fills only the account and the champion’s first name into a message to a client', () => {
    expect(fillMessage('Hi {champion}, about {account}: {arr}', { account: 'Acme Corp', champion: 'Ana Ruiz' })).toBe(
      'Hi Ana, about Acme Corp: {arr}',
    );
    expect(fillMessage('Hi {champion}', { account: 'Acme', champion: null })).toBe('Hi there');
  });
});
