import type { PrismaClient } from '../db/client.js';
import { listAtRisk, listRenewals, portfolioSummary } from '../services/portfolio/portfolio-queries.js';
import { getAccountHealth } from '../services/scoring/get-account-health.js';
import { healthReply, whyReply } from './health-replies.js';
import { parseIntent, type Intent } from './parse-intent.js';
import type { InboundMessage, Reply } from './reply.js';

export interface ConversationDeps {
  prisma: PrismaClient;
  now(): Date;
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
        ],
      },
    ],
    suggestions: examples,
  };
}

/** Answers one message. Adapters call this; it never sees a channel's payloads. */
export async function handleMessage(deps: ConversationDeps, message: InboundMessage): Promise<Reply> {
  // People from another organisation (shared channels, guests) see nothing internal.
  if (message.external) {
    return { headline: 'Tend answers questions from the account team only.', tone: 'info' };
  }
  return answer(deps, parseIntent(message.text), message);
}

async function answer(deps: ConversationDeps, intent: Intent, message: InboundMessage): Promise<Reply> {
  const now = deps.now();
  switch (intent.kind) {
    case 'help':
      return helpReply();
    case 'unknown':
      return { ...helpReply(), headline: `I did not understand "${intent.text}".`, tone: 'info' };
    case 'not_yet':
      return {
        headline: `${intent.feature === 'qbr' ? 'QBR drafts' : intent.feature === 'plan' ? 'Success plans in chat' : 'Feedback summaries'} are not available yet.`,
        tone: 'info',
        suggestions: examples,
      };
    case 'health':
    case 'why': {
      // "Why did it drop?" looks back four weeks; "how is it doing?" one.
      const lookup = await getAccountHealth(deps.prisma, intent.account, now, {
        compareDays: intent.kind === 'why' ? 28 : 7,
      });
      if (lookup.kind === 'ambiguous') {
        return {
          headline: `Several accounts match "${intent.account}". Which one?`,
          tone: 'info',
          buttons: lookup.candidates.slice(0, 5).map((c) => ({ label: c.name, command: `${intent.kind} ${c.name}` })),
        };
      }
      if (lookup.kind === 'not_found') {
        return {
          headline: lookup.suggestions.length
            ? `No account called "${intent.account}". Did you mean:`
            : `No account matches "${intent.account}".`,
          tone: 'info',
          buttons: lookup.suggestions.map((c) => ({ label: c.name, command: `${intent.kind} ${c.name}` })),
        };
      }
      return intent.kind === 'health' ? healthReply(lookup.report) : whyReply(lookup.report);
    }
    case 'at_risk': {
      const { mine, ...filter } = intent.filter;
      const list = await listAtRisk(deps.prisma, {
        ...filter,
        ...(mine && message.userId ? { ownerId: message.userId } : {}),
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
      };
    }
    case 'renewals': {
      const all = await listRenewals(deps.prisma, {
        days: intent.days,
        now,
        ...(intent.mine && message.userId ? { ownerId: message.userId } : {}),
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
      };
    }
    case 'portfolio': {
      const ownerId = intent.scope === 'me' ? message.userId : undefined;
      const summary = await portfolioSummary(deps.prisma, { now, ...(ownerId ? { ownerId } : {}) });
      return {
        headline: `${summary.accounts} active accounts, ${summary.atRisk} at risk`,
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
      };
    }
  }
}
