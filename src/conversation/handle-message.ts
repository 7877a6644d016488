import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client.js';
import { AccessDenied, assertAdmin, assertCanRead, assertCanSendSurvey, type Actor } from '../services/access/actor.js';
import { findAccount, findAccountOrSegment } from '../services/accounts/find-account.js';
import { getSuccessPlan } from '../services/accounts/get-success-plan.js';
import { InputError } from '../services/accounts/input-error.js';
import { logNote } from '../services/accounts/log-note.js';
import { setGoal } from '../services/accounts/set-goal.js';
import { snoozeAlerts } from '../services/accounts/snooze-alerts.js';
import { listAtRisk, listRenewals, portfolioSummary } from '../services/portfolio/portfolio-queries.js';
import { getAccountHealth } from '../services/scoring/get-account-health.js';
import { recomputeHealth } from '../services/scoring/recompute-health.js';
import { actOnAlert } from '../services/alerts/act-on-alert.js';
import type { SurveyPolicy } from '../config/config.js';
import {
  answerSurvey,
  commentOnSurvey,
  surveyAwaitingComment,
  createSurveyRequest,
  optOutOfSurveys,
  type CreatedSurvey,
} from '../services/surveys/survey-requests.js';
import { npsResults } from '../services/feedback/nps-results.js';
import { loadSurveyCatalogue } from '../services/surveys/survey-catalogue.js';
import { triggeredBy, type SurveyDefinition } from '../core/surveys/survey-definitions.js';
import { closestMatches } from '../core/text/closest-matches.js';
import { summariseCustomerFeedback } from '../services/feedback/summarise-feedback.js';
import { planReply, unmatchedReply } from './account-replies.js';
import { lastCompletedQuarter, parseQuarter } from '../core/qbr/quarter.js';
import { draftQbr } from '../services/qbr/draft-qbr.js';
import { feedbackReply } from './feedback-replies.js';
import { qbrReply } from './qbr-replies.js';
import { healthReply, whyReply } from './health-replies.js';
import type { LlmClient } from '../llm/llm-client.js';
import type { Logger } from '../logging/logger.js';
import { parseIntent, type Intent } from './parse-intent.js';
import { understand } from './understand.js';
import type { InboundMessage, Reply } from './reply.js';

export interface ConversationDeps {
  prisma: PrismaClient;
  now(): Date;
  /** Configured model for reading plain questions (and, later, wording); undefined = offline. */
  llm?: LlmClient;
  /** Replace emails and phone numbers before text goes to the model (default true). */
  redactPii?: boolean;
  logger?: Logger;
  /** Sending surveys: the policy, and delivery to the contact's chat (absent without a chat app). */
  surveys?: { policy: SurveyPolicy; deliver(survey: CreatedSurvey): Promise<void> };
  /** Called after a survey answer or comment (alerts on detractors). */
  onSurveyAnswered?(requestId: string): Promise<unknown>;
  /** Called after someone acts on an alert, to update its messages. */
  onAlertChanged?(alertId: string): Promise<unknown>;
  /** Where unexpected failures are recorded; the person sees only a reference id. */
  logError?(error: unknown, context: { reference: string; text: string }): void;
}

const examples = [
  'how is Acme doing?',
  'why did Globex drop?',
  'which renewals are at risk this quarter?',
  'at-risk enterprise EMEA',
  'portfolio',
];

export function helpReply(): Reply {
  return {
    headline: 'I answer questions about your accounts from their health scores.',
    tone: 'info',
    sections: [
      {
        title: 'Ask me',
        lines: [
          'health <account>: score, band and what changed this week',
          'why <account>: what pulls the score down or holds it up',
          'at-risk [segment | tier | region | mine]: accounts in at-risk bands',
          'renewals [days]: accounts renewing soon, with their health',
          'portfolio [me | team | all]: counts and ARR by band',
          'plan <account>: the success plan and its goals',
        ],
      },
      {
        title: 'Record',
        lines: [
          'note <account>: <text>: log a note (a touchpoint)',
          'goal <account>: <title> | <KPI> | <baseline> | <target> | <due YYYY-MM-DD>',
          'snooze <account> [days]: hold back its alerts (default 7 days)',
          'milestone <account>: <milestone>: e.g. onboarding complete (a CSAT survey follows)',
        ],
      },
      {
        title: 'Customer voice',
        lines: [
          'feedback <account | segment | all>: what clients say, summarised',
          'nps [account | segment | all] [30 | 12 weeks | 6 months | quarter | year]: NPS, response rate, themes',
          'survey <account> [nps | csat | ces | your survey]: ask a client contact in chat',
        ],
      },
    ],
    suggestions: examples,
  };
}

/** Answers one message. Adapters call this; it never sees a channel's payloads. */
export async function handleMessage(deps: ConversationDeps, message: InboundMessage): Promise<Reply> {
  try {
    // A client contact answering their own survey is the one thing outsiders may do; the service
    // checks the answer comes from the person surveyed, and the reply shows nothing else.
    const direct = parseIntent(message.text);
    if (direct.kind === 'survey_answer' || direct.kind === 'survey_comment' || direct.kind === 'survey_optout')
      return await surveyReply(deps, direct, message.actor);
    // Asked in a channel shared with the client, a survey goes to that channel; the reply is the
    // sender's alone and names only what they typed.
    if (direct.kind === 'survey_send' && message.actor.place === 'shared_channel' && message.channel === 'slack')
      return await sendSurvey(deps, direct, message.actor, message.actor.conversationId);
    // A respondent writing to Tend right after scoring is answering the follow-up question.
    const comment = await typedSurveyComment(deps, message);
    if (comment) return await surveyReply(deps, comment, message.actor);
    // Nothing is read before this check, so nothing leaks to guests, shared channels or outsiders.
    assertCanRead(message.actor);
    const { intent } = await understand(message.text, deps.llm, deps.logger);
    return await answer(deps, intent, message.actor);
  } catch (error) {
    if (error instanceof AccessDenied) return { headline: error.message, tone: 'info' };
    if (error instanceof InputError) return { headline: error.message, tone: 'error' };
    const reference = randomUUID().slice(0, 8);
    deps.logError?.(error, { reference, text: message.text });
    return {
      headline: `Something went wrong on my side (reference ${reference}). Please try again; if it keeps happening, give your Tend admin the reference.`,
      tone: 'error',
    };
  }
}

async function typedSurveyComment(
  deps: ConversationDeps,
  message: InboundMessage,
): Promise<Extract<Intent, { kind: 'survey_comment' }> | undefined> {
  const { actor } = message;
  const text = message.text.trim();
  if (!text || !actor.external || !actor.chatIdentity || actor.place !== 'dm') return undefined;
  if (message.channel !== 'slack' && message.channel !== 'teams') return undefined;
  const requestId = await surveyAwaitingComment(
    deps.prisma,
    { respondent: actor.chatIdentity, channel: message.channel === 'slack' ? 'SLACK' : 'TEAMS' },
    deps.now(),
  );
  return requestId ? { kind: 'survey_comment', requestId, text } : undefined;
}

async function surveyReply(
  deps: ConversationDeps,
  intent: Extract<Intent, { kind: 'survey_answer' | 'survey_comment' | 'survey_optout' }>,
  actor: Actor,
): Promise<Reply> {
  const now = deps.now();
  if (!actor.chatIdentity) return { headline: 'This survey is not yours to answer.', tone: 'info' };
  if (intent.kind === 'survey_optout') {
    await optOutOfSurveys(deps.prisma, { requestId: intent.requestId, respondent: actor.chatIdentity });
    return {
      headline: 'Understood: we will not ask you for feedback here again.',
      tone: 'info',
      sections: [{ lines: ['If you change your mind, tell your account team.'] }],
    };
  }
  if (intent.kind === 'survey_comment') {
    await commentOnSurvey(
      deps.prisma,
      { requestId: intent.requestId, respondent: actor.chatIdentity, text: intent.text },
      now,
    );
    await deps.onSurveyAnswered?.(intent.requestId);
    return { headline: 'Thank you, that helps us a lot. This survey is now closed.', tone: 'good' };
  }
  const result = await answerSurvey(
    deps.prisma,
    { requestId: intent.requestId, respondent: actor.chatIdentity, score: intent.score },
    now,
  );
  if (result.outcome === 'expired')
    return { headline: 'This survey has closed; thank you all the same.', tone: 'info' };
  await deps.onSurveyAnswered?.(intent.requestId);
  return {
    headline:
      result.outcome === 'updated'
        ? `Updated: you answered ${intent.score}. Thank you!`
        : `Thank you! You answered ${intent.score}.`,
    tone: 'good',
    ...(result.definition.followUp
      ? {
          sections: [
            {
              lines: [
                `${result.definition.followUp} (optional${actor.place === 'dm' ? ': write it here, or press Add a comment' : ''})`,
              ],
            },
          ],
          buttons: [
            {
              label: 'Add a comment',
              command: `survey comment ${intent.requestId}: `,
              form: {
                kind: 'survey_comment' as const,
                accountId: intent.requestId,
                accountName: result.definition.followUp,
              },
            },
          ],
        }
      : {}),
  };
}

/** "No survey "trainng"; surveys: nps, csat, ces, training. Did you mean "training"?" */
function surveyTypo(catalogue: readonly SurveyDefinition[], word: string): string {
  const keys = catalogue.map((d) => d.key);
  const near = closestMatches(word, keys, 1);
  return `No survey "${word}"; surveys: ${keys.join(', ')}.${near.length ? ` Did you mean "${near[0]}"?` : ''}`;
}

async function sendSurvey(
  deps: ConversationDeps,
  intent: Extract<Intent, { kind: 'survey_send' }>,
  actor: Actor,
  slackChannel: string | undefined,
): Promise<Reply> {
  assertCanSendSurvey(actor);
  // "survey Acme training": the last word names a survey when the catalogue has it.
  const catalogue = await loadSurveyCatalogue(deps.prisma);
  let accountText = intent.account;
  let key = intent.survey;
  const words = accountText.split(' ');
  const last = words.at(-1)!.toLowerCase();
  if (!key && words.length > 1 && catalogue.some((d) => d.key === last)) {
    key = last;
    accountText = words.slice(0, -1).join(' ');
  }
  const match = await findAccount(deps.prisma, accountText);
  // "survey Acme trainng": the account without its last word exists, so that word is a mistyped survey.
  if (match.kind !== 'found' && !key && words.length > 1)
    if ((await findAccount(deps.prisma, words.slice(0, -1).join(' '))).kind === 'found')
      throw new InputError(surveyTypo(catalogue, last));
  if (match.kind !== 'found') return unmatchedReply(accountText, match, (c) => `survey ${c.name} ${key ?? 'nps'}`);
  if (!deps.surveys) return { headline: 'Surveys need Slack or Teams to be connected.', tone: 'info' };
  const sent = await createSurveyRequest(
    deps.prisma,
    actor,
    { accountId: match.account.id, surveyKey: key ?? 'nps', ...(slackChannel ? { slackChannel } : {}) },
    deps.surveys.policy,
    deps.now(),
  );
  await deps.surveys.deliver(sent);
  const where = slackChannel
    ? slackChannel === actor.conversationId
      ? 'in this channel'
      : 'in the shared channel'
    : `in ${sent.channel === 'SLACK' ? 'Slack' : 'Teams'}`;
  return {
    headline: `${sent.definition.key.toUpperCase()} survey sent to ${sent.contact.name} (${match.account.name}) ${where}.`,
    tone: 'good',
    ...(slackChannel
      ? { sections: [{ lines: [`Only ${sent.contact.name} can answer, and only they see their answer.`] }] }
      : {}),
  };
}

async function answer(deps: ConversationDeps, intent: Intent, actor: Actor): Promise<Reply> {
  const now = deps.now();
  switch (intent.kind) {
    case 'help':
      return helpReply();
    case 'unknown':
      return { ...helpReply(), headline: `I did not understand "${intent.text}".`, tone: 'info' };
    case 'alert_assign': {
      const done = await actOnAlert(
        deps.prisma,
        actor,
        { alertId: intent.alertId, action: { kind: 'assign', email: intent.email } },
        now,
      );
      await deps.onAlertChanged?.(intent.alertId);
      return { headline: `${done.message} (${done.title})`, tone: 'good' };
    }
    case 'alert': {
      const action =
        intent.action === 'snooze' ? { kind: 'snooze' as const, days: intent.days } : { kind: intent.action };
      const done = await actOnAlert(deps.prisma, actor, { alertId: intent.alertId, action }, now);
      // The alert's own messages show its new state, wherever they were posted.
      await deps.onAlertChanged?.(intent.alertId);
      return { headline: `${done.message} (${done.title})`, tone: 'good' };
    }
    case 'nps': {
      const scope = await findAccountOrSegment(deps.prisma, intent.account);
      if (scope.kind !== 'scope') return unmatchedReply(intent.account!, scope, (c) => `nps ${c.name} ${intent.days}`);
      const r = await npsResults(deps.prisma, scope, { days: intent.days, now });
      const c = r.current;
      if (!c.responses)
        return { headline: `No NPS answers for ${scope.label} in the last ${intent.days} days.`, tone: 'info' };
      return {
        headline: `NPS ${c.nps! > 0 ? '+' : ''}${c.nps} for ${scope.label} (${intent.days} days, ${c.responses} answers)${r.change === null ? '' : `, ${r.change > 0 ? '+' : ''}${r.change} vs the period before`}`,
        tone: c.nps! >= 30 ? 'good' : c.nps! >= 0 ? 'info' : 'warning',
        facts: [
          { label: 'Promoters (9-10)', value: String(c.promoters) },
          { label: 'Passives (7-8)', value: String(c.passives) },
          { label: 'Detractors (0-6)', value: String(c.detractors) },
          {
            label: 'Previous period',
            value: r.previous.nps === null ? 'no answers' : `${r.previous.nps} (${r.previous.responses} answers)`,
          },
          {
            label: 'Response rate',
            value: r.responseRate
              ? `${r.responseRate.pct} % (${r.responseRate.answered} of ${r.responseRate.sent} surveys sent by Tend)`
              : 'no surveys sent by Tend in this period',
          },
        ],
        ...(r.themes.length
          ? { sections: [{ title: 'Top themes', lines: r.themes.map((t) => `${t.label}: ${t.comments}`) }] }
          : {}),
      };
    }
    case 'survey_answer':
    case 'survey_comment':
    case 'survey_optout':
      return surveyReply(deps, intent, actor);
    case 'survey_send':
      return sendSurvey(deps, intent, actor, intent.slackChannel);
    case 'alerts': {
      let accountId: string | undefined;
      let scope = actor.userId ? 'your accounts' : 'all accounts';
      if (intent.account) {
        const match = await findAccount(deps.prisma, intent.account);
        if (match.kind !== 'found') return unmatchedReply(intent.account, match, (c) => `alerts ${c.name}`);
        accountId = match.account.id;
        scope = match.account.name;
      }
      const alerts = await deps.prisma.alert.findMany({
        where: accountId ? { accountId } : actor.userId ? { account: { ownerId: actor.userId } } : {},
        orderBy: { openedAt: 'desc' },
        take: 20,
        include: { account: { select: { name: true } } },
      });
      return {
        headline: `${alerts.filter((a) => a.state !== 'RESOLVED').length} open alert(s) for ${scope}`,
        tone: alerts.some((a) => a.state === 'OPEN' && a.severity === 'CRITICAL') ? 'critical' : 'info',
        table: {
          columns: ['Opened', 'Account', 'Alert', 'Severity', 'State'],
          rows: alerts.map((a) => [
            a.openedAt.toISOString().slice(0, 10),
            a.account.name,
            a.title,
            a.severity.toLowerCase(),
            a.state.toLowerCase() + (a.resolvedAt ? ` ${a.resolvedAt.toISOString().slice(0, 10)}` : ''),
          ]),
        },
      };
    }
    case 'whoami':
      return {
        headline: actor.userId
          ? `You are a Tend ${actor.role}.`
          : `You are not a Tend user; you have the ${actor.role} role.`,
        tone: 'info',
      };
    case 'feedback': {
      const scope = await findAccountOrSegment(deps.prisma, intent.account);
      if (scope.kind !== 'scope')
        return unmatchedReply(intent.account!, scope, (c) => `feedback ${c.name} ${intent.days}`);
      const { summary, wording } = await summariseCustomerFeedback(
        {
          prisma: deps.prisma,
          ...(deps.llm ? { llm: deps.llm } : {}),
          ...(deps.logger ? { logger: deps.logger } : {}),
          ...(deps.redactPii === undefined ? {} : { redactPii: deps.redactPii }),
        },
        scope,
        { days: intent.days, now },
      );
      return feedbackReply(scope.label, summary, wording);
    }
    case 'qbr': {
      if (!intent.account)
        return {
          headline: 'Which account? e.g. "qbr Acme" or "qbr Acme 2026Q3".',
          tone: 'info',
          suggestions: ['qbr Acme'],
        };
      const quarter = intent.quarter ? parseQuarter(intent.quarter) : lastCompletedQuarter(now);
      if (!quarter) return { headline: `"${intent.quarter}" is not a quarter; write it like 2026Q3.`, tone: 'error' };
      const match = await findAccount(deps.prisma, intent.account);
      if (match.kind !== 'found') return unmatchedReply(intent.account, match, (c) => `qbr ${c.name} ${quarter.label}`);
      const draft = await draftQbr(
        {
          prisma: deps.prisma,
          ...(deps.llm ? { llm: deps.llm } : {}),
          ...(deps.logger ? { logger: deps.logger } : {}),
          ...(deps.redactPii === undefined ? {} : { redactPii: deps.redactPii }),
        },
        actor,
        { accountId: match.account.id, quarter },
        now,
      );
      return qbrReply(draft);
    }
    case 'health':
    case 'why': {
      // "Why did it drop?" looks back four weeks; "how is it doing?" one.
      const lookup = await getAccountHealth(deps.prisma, intent.account, now, {
        compareDays: intent.kind === 'why' ? 28 : 7,
      });
      if (lookup.kind !== 'found') return unmatchedReply(intent.account, lookup, (c) => `${intent.kind} ${c.name}`);
      return intent.kind === 'health' ? healthReply(lookup.report) : whyReply(lookup.report);
    }
    case 'plan': {
      const match = await findAccount(deps.prisma, intent.account);
      if (match.kind !== 'found') return unmatchedReply(intent.account, match, (c) => `plan ${c.name}`);
      return planReply(match.account, await getSuccessPlan(deps.prisma, match.account.id));
    }
    case 'note': {
      const match = await findAccount(deps.prisma, intent.account);
      if (match.kind !== 'found') return unmatchedReply(intent.account, match, (c) => `note ${c.name}`);
      const account = match.account;
      if (!intent.text)
        return {
          headline: `Log a note on ${account.name}`,
          tone: 'info',
          buttons: [
            {
              label: 'Write the note',
              command: `note ${account.name}: `,
              form: { kind: 'note', accountId: account.id, accountName: account.name },
              style: 'primary',
            },
          ],
          sections: [{ lines: [`Or type: note ${account.name}: <what happened>`] }],
        };
      await logNote(deps.prisma, actor, { accountId: account.id, text: intent.text, via: 'chat' }, now);
      return { headline: `Note logged on ${account.name}.`, tone: 'good' };
    }
    case 'milestone': {
      const match = await findAccount(deps.prisma, intent.account);
      if (match.kind !== 'found') return unmatchedReply(intent.account, match, (c) => `milestone ${c.name}`);
      if (!intent.text)
        return {
          headline: `Type: milestone ${match.account.name}: <the milestone, e.g. onboarding complete>`,
          tone: 'info',
        };
      await logNote(
        deps.prisma,
        actor,
        { accountId: match.account.id, text: intent.text, via: 'chat', kind: 'milestone' },
        now,
      );
      const follow = (await loadSurveyCatalogue(deps.prisma)).filter((d) =>
        triggeredBy(d, { kind: 'milestone', title: intent.text!, occurredAt: now }, now),
      );
      return {
        headline: `Milestone logged on ${match.account.name}: ${intent.text}.`,
        tone: 'good',
        ...(follow.length
          ? {
              sections: [
                {
                  lines: [
                    `The ${follow.map((d) => d.key.toUpperCase()).join(' and ')} survey follows at the next survey dispatch (contacts surveyed in the last ${deps.surveys?.policy.minDaysBetween ?? 30} days are skipped).`,
                  ],
                },
              ],
            }
          : {}),
      };
    }
    case 'goal': {
      const match = await findAccount(deps.prisma, intent.account);
      if (match.kind !== 'found') return unmatchedReply(intent.account, match, (c) => `goal ${c.name}`);
      const account = match.account;
      if (!intent.goal)
        return {
          headline: `Set a success-plan goal for ${account.name}`,
          tone: 'info',
          buttons: [
            {
              label: 'Set the goal',
              command: `goal ${account.name}: `,
              form: { kind: 'goal', accountId: account.id, accountName: account.name },
              style: 'primary',
            },
          ],
          sections: [
            { lines: [`Or type: goal ${account.name}: <title> | <KPI> | <baseline> | <target> | <due date>`] },
          ],
        };
      const saved = await setGoal(deps.prisma, actor, { accountId: account.id, goal: intent.goal }, now);
      return {
        headline: `Goal "${intent.goal.title}" added to ${saved.planTitle}.`,
        tone: 'good',
        buttons: [{ label: 'Success plan', command: `plan ${account.name}` }],
      };
    }
    case 'snooze': {
      const match = await findAccount(deps.prisma, intent.account);
      if (match.kind !== 'found')
        return unmatchedReply(intent.account, match, (c) => `snooze ${c.name} ${intent.days}`);
      const done = await snoozeAlerts(deps.prisma, actor, { accountId: match.account.id, days: intent.days }, now);
      return {
        headline: `Alerts for ${done.accountName} are snoozed until ${done.until.toISOString().slice(0, 10)}.`,
        tone: 'good',
        ...(done.snoozedAlerts ? { sections: [{ lines: [`${done.snoozedAlerts} open alert(s) snoozed.`] }] } : {}),
      };
    }
    case 'recompute': {
      assertAdmin(actor);
      let accountIds: string[] | undefined;
      if (intent.account) {
        const match = await findAccount(deps.prisma, intent.account);
        if (match.kind !== 'found') return unmatchedReply(intent.account, match, (c) => `recompute ${c.name}`);
        accountIds = [match.account.id];
      }
      const result = await recomputeHealth(deps.prisma, { now, mode: 'all', ...(accountIds ? { accountIds } : {}) });
      return {
        headline: `Recomputed ${result.scored} account(s) in ${(result.ms / 1000).toFixed(1)} s; ${result.bandChanges.length} changed band.`,
        tone: 'good',
      };
    }
    case 'at_risk': {
      const { mine, ...filter } = intent.filter;
      const list = await listAtRisk(deps.prisma, {
        ...filter,
        ...(mine && actor.userId ? { ownerId: actor.userId } : {}),
      });
      const scope = [filter.tier, filter.segment, filter.region].filter(Boolean).join(' ');
      return {
        headline: list.length
          ? `${list.length} ${scope ? `${scope} ` : ''}account(s) at risk`
          : `No ${scope ? `${scope} ` : ''}accounts at risk.`,
        tone: list.length ? 'warning' : 'good',
        table: {
          columns: ['Account', 'Health', 'Band', 'Owner', 'Renewal', 'This week'],
          rows: list
            .slice(0, 20)
            .map((a) => [
              a.name,
              String(a.overall),
              a.bandLabel ?? '',
              a.ownerName ?? '',
              a.renewalDate?.toISOString().slice(0, 10) ?? '',
              a.changeSummary ?? '',
            ]),
        },
        ...(list.length > 20 ? { sections: [{ lines: [`... and ${list.length - 20} more`] }] } : {}),
        buttons: list.slice(0, 5).map((a) => ({ label: `Why ${a.name}?`, command: `why ${a.name}` })),
      };
    }
    case 'renewals': {
      const all = await listRenewals(deps.prisma, {
        days: intent.days,
        now,
        ...(intent.mine && actor.userId ? { ownerId: actor.userId } : {}),
      });
      const risky = all.filter((a) => a.atRisk).length;
      const list = intent.atRiskOnly ? all.filter((a) => a.atRisk) : all;
      return {
        headline: intent.atRiskOnly
          ? `${risky} of ${all.length} renewal(s) in the next ${intent.days} days are at risk`
          : `${all.length} renewal(s) in the next ${intent.days} days, ${risky} at risk`,
        tone: risky ? 'warning' : 'info',
        table: {
          columns: ['Account', 'Renews', 'Days', 'Health', 'Band', 'ARR'],
          rows: list
            .slice(0, 25)
            .map((a) => [
              a.name,
              a.renewalDate!.toISOString().slice(0, 10),
              String(a.daysToRenewal),
              String(a.overall ?? ''),
              a.bandLabel ?? '',
              `${a.arr} ${a.currency}`,
            ]),
        },
        ...(list.length > 25 ? { sections: [{ lines: [`... and ${list.length - 25} more`] }] } : {}),
      };
    }
    case 'portfolio': {
      const ownerId = intent.scope === 'me' ? actor.userId : undefined;
      const summary = await portfolioSummary(deps.prisma, { now, ...(ownerId ? { ownerId } : {}) });
      return {
        headline: `${ownerId ? 'Your book: ' : ''}${summary.accounts} active accounts, ${summary.atRisk} at risk`,
        tone: summary.atRisk ? 'warning' : 'good',
        facts: [
          ...summary.byBand.map((b) => ({ label: b.band, value: String(b.count) })),
          {
            label: 'Renewals in 90 days',
            value: `${summary.renewalsIn90Days} (${summary.atRiskRenewalsIn90Days} at risk)`,
          },
        ],
        sections: [
          {
            title: 'ARR by band',
            lines: Object.entries(summary.arrByBand).map(
              ([currency, bands]) =>
                `${currency}: ${Object.entries(bands)
                  .map(([b, v]) => `${b} ${v}`)
                  .join(', ')}`,
            ),
          },
        ],
        buttons: [
          { label: 'At-risk accounts', command: ownerId ? 'at-risk mine' : 'at-risk' },
          { label: 'Renewals (90 days)', command: ownerId ? 'renewals 90 mine' : 'renewals 90' },
        ],
      };
    }
  }
}

/** Is this intent slow enough that channels should show progress first? */
export function isSlowRequest(text: string): boolean {
  const kind = parseIntent(text).kind;
  return kind === 'portfolio' || kind === 'recompute' || kind === 'feedback' || kind === 'qbr';
}
