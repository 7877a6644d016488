import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../src/conversation/parse-intent.js';

// A manager's "what's overdue on my team?" must reach the same figures as "plays team", not the
// manager's own task list ("No tasks overdue" while the team had 53).
describe('overdue questions about the team', () => {
  it.each(["what's overdue on my team?", 'what is overdue for the team', 'what is late across my team'])(
    '%s reads as plays team',
    (text) => {
      expect(parseIntent(text)).toEqual({ kind: 'plays_team' });
    },
  );
  it('"what is overdue?" alone is still the asker’s own tasks', () => {
    expect(parseIntent('what is overdue?')).toMatchObject({ kind: 'my_tasks' });
  });
});
