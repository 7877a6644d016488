import { qbrFactIndex, type StatedFact } from '../../core/qbr/qbr-fact-ids.js';
import type { Quarter } from '../../core/qbr/quarter.js';
import type { Actor } from '../access/actor.js';
import { openRunsOf, suggestedPlaysFor } from '../plays/play-views.js';
import { draftQbr, type QbrDeps, type QbrDraft } from './draft-qbr.js';
import { asOfWords } from './qbr-outline.js';
import { signed, withUnit } from './qbr-template.js';

// The account team's prep brief for a QBR: what the client deck leaves out on purpose. Talking
// points, the risks as Tend sees them (triggers, red flags, the band), the open and suggested plays,
// how the text was worded and where every figure comes from. Internal: never sent to a client.

export interface QbrBriefSections {
  title: string;
  /** One line under the title: internal, as of when. */
  note: string;
  sections: { title: string; lines: string[] }[];
  /** Every figure of the fact sheet with its id: long, so the Markdown brief has it and chat points to it. */
  figures: string[];
}

export interface QbrBrief extends QbrBriefSections {
  draft: QbrDraft;
  markdown: string;
}

/** The brief as Markdown (the CLI's --brief). */
export const briefMarkdown = (brief: QbrBriefSections) =>
  [
    `# ${brief.title}`,
    `_${brief.note}_`,
    ...[...brief.sections, { title: 'Figures on the fact sheet', lines: brief.figures }].map((s) =>
      [`## ${s.title}`, '', ...s.lines.map((l) => (l.startsWith('_') ? l : `- ${l}`))].join('\n'),
    ),
  ].join('\n\n') + '\n';

const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const figure = (f: StatedFact) => `${f.label}: ${f.value}${f.unit === '%' ? '%' : ` ${f.unit}`} [${f.id}]`;

export function qbrBriefSections(
  draft: QbrDraft,
  plays: {
    open: { name: string; openedAt: Date; openTasks: number; startedBy: string }[];
    suggested: { name: string; because: string }[];
  },
  now: Date,
): QbrBriefSections {
  const f = draft.facts;
  const h = f.health;
  const today = now.toISOString().slice(0, 10);
  const talking = [
    `Health ${asOfWords(f)}: ${h.end} (${h.band})${h.change === null ? '' : `, ${signed(h.change)} points since the quarter's start (${h.start}, ${h.startBand})`}.`,
    ...h.dimensions
      .filter((d) => d.score !== null)
      .map(
        (d) =>
          `${d.label}: ${d.score}${d.start === null || d.start === undefined ? '' : ` (from ${d.start})`}${d.band ? `, ${d.band.label}` : ''}.`,
      ),
    ...(f.renewal
      ? [
          `Renewal on ${f.renewal.date}: in ${f.renewal.daysToRenewal} days from today (${today})${f.renewal.milestone ? `; milestone now: ${f.renewal.milestone}` : ''}.`,
        ]
      : []),
    ...f.goals.map(
      (g) =>
        `Goal "${g.title}" (${g.name}): ${g.current === null ? 'not measured' : withUnit(g.current, g.unit)} against a target of ${g.target === null ? 'none' : withUnit(g.target, g.unit)}, ${g.progressPct === null ? 'no progress figure' : `${g.progressPct}% of the way`}: ${g.status}` +
        (g.recordedStatus !== g.status
          ? ` (the success plan records "${g.recordedStatus}": update it before the meeting)`
          : '') +
        '.',
    ),
    ...(f.voiceOfCustomer.comments
      ? [
          `${f.voiceOfCustomer.comments} comment${f.voiceOfCustomer.comments === 1 ? '' : 's'} this quarter, sentiment ${f.voiceOfCustomer.sentimentLabel ?? 'unknown'}.`,
        ]
      : []),
    ...f.topics.map((t) => `Raise with the client: ${t.text}`),
  ];
  const index = qbrFactIndex(f);
  const wording =
    draft.source.kind === 'template'
      ? `Tend's template, not a model (${draft.source.reason}).`
      : `Drafted by ${draft.source.model}; every figure was checked against the fact sheet.`;
  const list = (title: string, lines: string[], none: string) => ({
    title,
    lines: lines.length ? lines : [`_${none}_`],
  });
  return {
    title: `QBR prep: ${f.account.name}, ${f.quarter.label}`,
    note: `Internal: for the account team, not the client. Figures ${asOfWords(f)}; anything marked "today" is as of ${today}. Prepared ${minute(draft.preparedAt)}.`,
    sections: [
      list('Talking points', talking, 'No figures to talk about.'),
      list('Risks as Tend sees them', f.risks, 'No open risks in the data.'),
      list('Recommendations', f.recommendations, 'No recommendations.'),
      list(
        'Plays',
        [
          ...plays.open.map(
            (p) =>
              `Open: ${p.name}, since ${p.openedAt.toISOString().slice(0, 10)} (started by ${p.startedBy}), ${p.openTasks} open task${p.openTasks === 1 ? '' : 's'}`,
          ),
          ...plays.suggested.map((p) => `Suggested: ${p.name}, because ${p.because}`),
        ],
        'No open or suggested plays.',
      ),
      list(
        'What the client deck commits to',
        f.commitments.map((c) => `${c.what}: ${c.owner}, by ${c.due}`),
        'No commitments.',
      ),
      {
        title: 'Sources',
        lines: [
          `Wording: ${wording} (${draft.note})`,
          ...(draft.sources.length
            ? draft.sources.map(
                (s) => `${s.source} last sent data ${minute(s.lastArrivedAt)}${s.stale ? ' (stale)' : ''}`,
              )
            : ['No source has reported when it last sent data about this account.']),
        ],
      },
    ],
    figures: index.map(figure),
  };
}

/** Drafts the QBR (stored, as for the deck) and writes the account team's brief around it. */
export async function prepareQbrBrief(
  deps: QbrDeps,
  actor: Actor,
  input: { accountId: string; quarter?: Quarter },
  now: Date,
): Promise<QbrBrief> {
  const draft = await draftQbr(deps, actor, input, now);
  const [open, suggested] = await Promise.all([
    openRunsOf(deps.prisma, input.accountId),
    suggestedPlaysFor(deps.prisma, input.accountId),
  ]);
  const sections = qbrBriefSections(
    draft,
    {
      open: open.map((r) => ({
        name: r.playName,
        openedAt: r.openedAt,
        startedBy: r.startedBy,
        openTasks: r.tasks.filter((t) => t.state === 'OPEN' || t.state === 'AWAITING_APPROVAL').length,
      })),
      suggested: suggested.map((s) => ({ name: s.play.name, because: s.because })),
    },
    now,
  );
  return { ...sections, draft, markdown: briefMarkdown(sections) };
}
