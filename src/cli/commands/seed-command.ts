import { InvalidArgumentError, type Command } from 'commander';
import { defaultDemoSeed } from '../../app/start-tend.js';
import { DatabaseNotEmptyError, seedDemoPortfolio } from '../../services/demo/seed-demo-portfolio.js';
import { CommandError, createCliContext } from '../cli-context.js';

export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('Fill the database with the synthetic demo portfolio (fictional accounts, 12+ months of history)')
    .requiredOption('--demo', 'add the demo portfolio (the only kind of seed for now)')
    .option('--seed <n>', 'random seed: the same seed gives the same portfolio', wholeNumber, defaultDemoSeed)
    .option('--accounts <n>', 'number of accounts', wholeNumber, 160)
    .option('--today <date>', 'the day the history ends (YYYY-MM-DD); defaults to today')
    .option('--force', 'add or refresh demo data even if the database already has accounts')
    .action(async (options: { seed: number; accounts: number; today?: string; force?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const today = options.today ? new Date(`${options.today}T00:00:00Z`) : new Date();
      if (Number.isNaN(today.getTime()))
        throw new CommandError(`--today "${options.today}" is not a date like 2026-11-22`, 2);
      const result = await ctx.withDatabase(async (db) => {
        try {
          return await seedDemoPortfolio(db.prisma, {
            seed: options.seed,
            today,
            force: options.force,
            accounts: options.accounts,
          });
        } catch (error) {
          if (error instanceof DatabaseNotEmptyError) throw new CommandError(error.message);
          throw error;
        }
      });
      ctx.out(
        `Demo portfolio (seed ${options.seed}) added in ${(result.ms / 1000).toFixed(1)} s: ${result.accounts} accounts, ` +
          `${result.users} users, ${result.contacts} contacts, ${result.metrics} metric observations, ` +
          `${result.feedback} feedback items, ${result.activities} activities, ${result.successPlans} success plans, ${result.snapshots} weekly health snapshots; ` +
          `renewal history: ${result.outcomes} outcomes (${result.formerAccounts} former customers) with ${result.historySnapshots} earlier snapshots (try tend backtest); ${result.playCases} past play cases (try tend plays report).`,
      );
    });
}
