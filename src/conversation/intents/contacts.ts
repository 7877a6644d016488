import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { accountContacts } from '../../services/accounts/account-contacts.js';
import { accountOrReply, accountText, accountTool, accountVerbRule, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'who are our contacts at {account}',
  'people we know at {account}',
  'contacts at {account}',
  'who should I talk to at {account}',
  'stakeholders for {account}',
  'key contacts {account}',
  'who is involved at {account}',
  'list the people at {account}',
  'who do I call at {account}',
  '{account} contacts',
  'decision maker at {account}',
  'who are the users of {account}',
  'show me who works with us at {account}',
  'main people at {account}',
  'who to reach at {account}',
  'stakeholders at {account}',
  'who is responsible at {account} on their side',
];

/** The client's people at an account and their roles: who to call, and who Tend can survey. */
export default defineIntent({
  name: 'contacts',
  examples,
  fromText: accountArg(examples),
  args: z.object({ account: accountText }),
  verbs: ['contacts'],
  access: 'reader',
  help: { group: 'Ask me', order: 70, line: "contacts <account>: the account's people and their roles" },
  rules: [
    {
      // "who are the contacts at Acme?", "who do we know at Globex?"
      priority: 50,
      match: ({ text }) => {
        const m =
          /^(?:who(?:'s| is| are) (?:the |our )?(?:contacts?|people|champions?|sponsors?|stakeholders)(?: over)?|who do we know|who should (?:i|we) (?:call|talk to|contact|email|reach)) (?:at|of|for|in) (.+?)(?: about .*)?$/i.exec(
            text,
          );
        return m ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
    accountVerbRule('contacts'),
  ],
  tool: accountTool('account_contacts', 'The people at one account (client contacts) and their roles'),
  async handle(context, { account }) {
    const found = await accountOrReply(context, account, sameRequestFor('contacts', 'contacts'));
    if (found.reply) return found.reply;
    const people = await accountContacts(context.deps.prisma, found.account.id);
    if (!people.length)
      return {
        headline: `No contacts at ${found.account.name} yet.`,
        tone: 'info',
        sections: [{ lines: ['Import them with: tend import <file.csv> --kind contacts'] }],
      };
    return {
      headline: `${people.length} contact(s) at ${found.account.name}`,
      tone: 'info',
      table: {
        columns: ['Name', 'Role', 'Title', 'Email', 'Chat', 'Surveys'],
        rows: people.map((p) => [
          p.name,
          p.role?.replace(/_/g, ' ') ?? '',
          p.title ?? '',
          p.email ?? '',
          p.chat.join(', ') || 'none',
          p.surveyOptOut
            ? 'opted out'
            : p.lastSurveyedAt
              ? `last ${p.lastSurveyedAt.toISOString().slice(0, 10)}`
              : 'never surveyed',
        ]),
      },
    };
  },
});
