import { z } from 'zod';
import { actOnTask, type TaskAction } from '../../services/plays/act-on-task.js';
import { decideApproval } from '../../services/plays/decide-approval.js';
import { findPerson } from '../../services/portfolio/find-person.js';
import { defineIntent } from '../intent.js';

/** Done, Skip, Snooze, Reassign, Approve, Deny on one play task (its buttons, or typed with its id). */
export default defineIntent({
  name: 'task',
  args: z.object({
    taskId: z.string().regex(/^[0-9a-f-]{36}$/i),
    action: z.enum(['done', 'skip', 'snooze', 'reassign', 'approve', 'deny']),
    days: z.number().int().min(1).max(90).optional(),
    reason: z
      .string()
      .trim()
      .min(1, 'Please say why you skip this step')
      .max(500, 'Please keep the reason under 500 characters')
      .optional(),
    to: z.string().trim().min(1).max(120).optional(),
    /** Approve with this text instead of the step's (Edit). */
    message: z.string().trim().min(1).max(2000).optional(),
  }),
  verbs: ['task'],
  access: 'writer',
  rules: [
    {
      priority: 31,
      match: ({ text }) => {
        const m =
          /^(?:\/tend\s+)?task (done|skip|snooze|reassign|approve|deny|edit) ([0-9a-f-]{36})(?:\s+(\d{1,2}))?(?:\s+to\s+(.+?))?(?:\s*:\s*([\s\S]+))?$/i.exec(
            text,
          );
        if (!m) return undefined;
        const verb = m[1]!.toLowerCase();
        const rest = m[5]?.trim();
        return {
          taskId: m[2]!.toLowerCase(),
          action: (verb === 'edit' ? 'approve' : verb) as 'done',
          ...(m[3] ? { days: Number(m[3]) } : {}),
          ...(m[4] ? { to: m[4].trim() } : {}),
          ...(rest ? (verb === 'edit' ? { message: rest } : { reason: rest }) : {}),
        };
      },
    },
  ],
  async handle({ deps, actor, now }, args) {
    if (args.action === 'approve' || args.action === 'deny') {
      const decided = await decideApproval(
        deps.prisma,
        actor,
        {
          taskId: args.taskId,
          decision: args.action,
          ...(args.message ? { message: args.message } : {}),
          ...(args.reason ? { reason: args.reason } : {}),
        },
        deps.plays,
        now,
      );
      return {
        headline: `${decided.message}: ${decided.title} (${decided.accountName})`,
        tone: decided.ok ? 'good' : 'error',
      };
    }
    if (args.action === 'skip' && !args.reason)
      return {
        headline: `Why skip it? Type: task skip ${args.taskId}: <the reason>`,
        tone: 'info',
      };
    let action: TaskAction;
    if (args.action === 'reassign') {
      if (!args.to) return { headline: `To whom? Type: task reassign ${args.taskId} to <name or email>`, tone: 'info' };
      const person = await findPerson(deps.prisma, args.to);
      if (person.kind !== 'found')
        return {
          headline:
            person.kind === 'ambiguous'
              ? `"${args.to}" could be ${person.candidates.join(' or ')}: type the full name or email.`
              : `No one called "${args.to}" in Tend.${person.suggestions.length ? ` Did you mean ${person.suggestions.join(' or ')}?` : ''}`,
          tone: 'error',
        };
      action = { kind: 'reassign', toUserId: person.person.id };
    } else if (args.action === 'snooze') action = { kind: 'snooze', days: args.days ?? 3 };
    else if (args.action === 'skip') action = { kind: 'skip', reason: args.reason! };
    else action = { kind: 'done' };
    const acted = await actOnTask(deps.prisma, actor, { taskId: args.taskId, action }, now, deps.notifiers);
    if (acted.refused)
      return { headline: `${acted.message}: ${acted.title} (${acted.accountName}). ${acted.refused}`, tone: 'error' };
    return {
      headline: `${acted.message}: ${acted.title} (${acted.accountName})`,
      tone: acted.changed ? 'good' : 'info',
      ...(acted.changed ? { suggestions: [`what should I do about ${acted.accountName}`, 'my tasks'] } : {}),
    };
  },
});
