import type { Command } from 'commander';

/**
 * Every module that adds top-level commands, loaded only when one of its commands runs: a command
 * pays for what it uses (`tend --help` loads none of them). command-index.json says which module
 * holds which command; `npm run generate:cli-index` writes it from these modules.
 */
export const commandModules = {
  start: async () => (await import('./commands/start-command.js')).registerStart,
  import: async () => (await import('./commands/import-command.js')).registerImport,
  seed: async () => (await import('./commands/seed-command.js')).registerSeed,
  sources: async () => (await import('./commands/sources-command.js')).registerSources,
  db: async () => (await import('./commands/db-command.js')).registerDb,
  score: async () => (await import('./commands/score-command.js')).registerScore,
  presets: async () => (await import('./commands/presets-command.js')).registerPresets,
  plays: async () => (await import('./commands/plays-command.js')).registerPlays,
  chat: async () => (await import('./commands/chat-commands.js')).registerChat,
  slack: async () => (await import('./commands/slack-command.js')).registerSlack,
  teams: async () => (await import('./commands/teams-command.js')).registerTeams,
  survey: async () => (await import('./commands/survey-command.js')).registerSurvey,
  qbr: async () => (await import('./commands/qbr-command.js')).registerQbr,
  jobs: async () => (await import('./commands/jobs-command.js')).registerJobs,
  alerts: async () => (await import('./commands/alerts-command.js')).registerAlerts,
  mcp: async () => (await import('./commands/mcp-command.js')).registerMcp,
  backfill: async () => (await import('./commands/backfill-command.js')).registerBackfill,
  backtest: async () => (await import('./commands/backtest-command.js')).registerBacktest,
} satisfies Record<string, () => Promise<(program: Command) => void>>;

export type CommandModule = keyof typeof commandModules;
