import type { PrismaClient } from '../../db/client.js';

export interface AccountContact {
  name: string;
  role: string | null;
  title: string | null;
  email: string | null;
  /** Where Tend can reach them (surveys): Slack, Teams, both or neither. */
  chat: ('Slack' | 'Teams')[];
  surveyOptOut: boolean;
  lastSurveyedAt: Date | null;
}

/** The client's people at one account: champions and decision makers first, then by name. */
export async function accountContacts(prisma: PrismaClient, accountId: string): Promise<AccountContact[]> {
  const contacts = await prisma.contact.findMany({
    where: { accountId },
    orderBy: { name: 'asc' },
    select: {
      name: true,
      role: true,
      title: true,
      email: true,
      slackUserId: true,
      teamsAadObjectId: true,
      surveyOptOut: true,
      lastSurveyedAt: true,
    },
  });
  const rank = (role: string | null) => {
    const i = ['champion', 'decision_maker', 'sponsor'].indexOf(role ?? '');
    return i === -1 ? 3 : i;
  };
  return contacts
    .map((c) => ({
      name: c.name,
      role: c.role,
      title: c.title,
      email: c.email,
      chat: [...(c.slackUserId ? (['Slack'] as const) : []), ...(c.teamsAadObjectId ? (['Teams'] as const) : [])],
      surveyOptOut: c.surveyOptOut,
      lastSurveyedAt: c.lastSurveyedAt,
    }))
    .sort((a, b) => rank(a.role) - rank(b.role));
}
