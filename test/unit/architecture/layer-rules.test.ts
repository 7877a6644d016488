import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/paths.js';

// The layer rules live in eslint.config.js; these cases prove each one fires on a real violation
// (and stays quiet on the allowed direction), so a loosened rule fails here, not in review.
const eslint = new ESLint({ cwd: projectRoot });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it.each([
    [
      'src/services/accounts/x.ts',
      "import { handleMessage } from '../../conversation/handle-message.js';\nhandleMessage;",
    ],
    [
      'src/services/accounts/x.ts',
      "import { renderBlocks } from '../../channels/slack/render-blocks.js';\nrenderBlocks;",
    ],
    ['src/replies/x.ts', "import { findAccount } from '../services/accounts/find-account.js';\nfindAccount;"],
    [
      'src/conversation/intents/x.ts',
      "import { accountNames } from '../../db/repositories/account-lookup.js';\naccountNames;",
    ],
    ['src/conversation/x.ts', "import { renderCard } from '../channels/teams/render-card.js';\nrenderCard;"],
    ['src/channels/slack/x.ts', "import { cardActivity } from '../teams/teams-notifier.js';\ncardActivity;"],
    ['src/channels/teams/x.ts', "import { renderBlocks } from '../slack/render-blocks.js';\nrenderBlocks;"],
    [
      'src/channels/slack/listeners/x.ts',
      "import type { PrismaClient } from '@prisma/client';\nexport type P = PrismaClient;",
    ],
    ['src/core/x.ts', "import { findAccount } from '../services/accounts/find-account.js';\nfindAccount;"],
    ['src/api/x.ts', "import { upsertAccounts } from '../db/repositories/accounts.js';\nupsertAccounts;"],
    ['src/api/x.ts', "import { handleMessage } from '../conversation/handle-message.js';\nhandleMessage;"],
    ['src/connectors/x.ts', "import { upsertAccounts } from '../db/repositories/accounts.js';\nupsertAccounts;"],
    ['src/connectors/x.ts', "import { ingestRouter } from '../api/ingest-router.js';\ningestRouter;"],
  ])('rejects an upward or sideways import in %s', async (file, code) => {
    expect((await problems(file, code)).join('\n')).toMatch(/no-restricted-imports/);
  });

  it.each([
    ['src/channels/teams/x.ts', 'export const f = (deps: { prisma: any }) => deps.prisma.user.findMany();'],
    ['src/conversation/x.ts', 'export const f = (prisma: any) => prisma.alert.count();'],
    ['src/api/x.ts', 'export const f = (deps: { prisma: any }) => deps.prisma.source.findMany();'],
  ])('rejects a database query in %s', async (file, code) => {
    expect((await problems(file, code)).join('\n')).toMatch(/Query the database in a service/);
  });

  it('allows the downward direction', async () => {
    expect(
      await problems(
        'src/conversation/intents/x.ts',
        "import { findAccount } from '../../services/accounts/find-account.js';\nimport { intentButton } from '../../replies/reply.js';\nexport const f = (deps: { prisma: never }) => [findAccount(deps.prisma, 'a'), intentButton];",
      ),
    ).toEqual([]);
  });
});
