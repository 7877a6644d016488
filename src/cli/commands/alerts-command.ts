import type { Command } from 'commander';
import { alertRoutingSchema } from '../../core/alerts/alert-routing.js';
import { readSetting, writeSetting } from '../../db/repositories/settings.js';
import { alertRoutingKey } from '../../services/alerts/alert-store.js';
import { escalationPeopleKey, escalationPeopleSchema } from '../../services/alerts/escalate-alerts.js';
import { createCliContext } from '../cli-context.js';
import { readJsonFileAs } from '../json-input.js';

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('Alert routing and escalation');
  const escalation = alerts
    .command('escalation')
    .description(
      'Who holds each role of the escalation path, e.g. {"Head of Customer Success": ["dana@corp.example"]}',
    );
  escalation
    .command('show')
    .description('Print the people per escalation role')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const stored = await ctx.withDatabase((db) => readSetting(db.prisma, escalationPeopleKey));
      ctx.out(
        stored
          ? JSON.stringify(stored, null, 2)
          : "No one configured: escalations go to the owner's manager, then to Tend admins.",
      );
    });
  escalation
    .command('set <file.json>')
    .description('Validate and store the people per escalation role (role names as in the escalation preset)')
    .action(async (file: string) => {
      const ctx = createCliContext({ quiet: true });
      const data = readJsonFileAs(file, escalationPeopleSchema, 'escalation people');
      await ctx.withDatabase((db) => writeSetting(db.prisma, escalationPeopleKey, data));
      ctx.out(`Stored people for ${Object.keys(data).length} escalation role(s).`);
    });
  const routing = alerts
    .command('routing')
    .description('Where alerts go (rules by segment, tier, region, owner, severity, kind)');
  routing
    .command('show')
    .description('Print the routing rules as JSON')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const stored = await ctx.withDatabase((db) => readSetting(db.prisma, alertRoutingKey));
      ctx.out(
        stored
          ? JSON.stringify(stored, null, 2)
          : `No rules: alerts go to the owner's DM${ctx.config.alerts.slackChannel ? ` and ${ctx.config.alerts.slackChannel}` : ''}.`,
      );
    });
  routing
    .command('set <file.json>')
    .description(
      'Validate and store routing rules, e.g. {"rules":[{"when":{"segment":"strategic"},"send":[{"slack":"C0123ABCD"}]}]}',
    )
    .action(async (file: string) => {
      const ctx = createCliContext({ quiet: true });
      const data = readJsonFileAs(file, alertRoutingSchema, 'routing');
      await ctx.withDatabase((db) => writeSetting(db.prisma, alertRoutingKey, data));
      ctx.out(`Stored ${data.rules.length} routing rule(s); new alerts follow them.`);
    });
}
