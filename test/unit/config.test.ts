import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { envSchema } from '../../src/config/env-schema.js';
import { projectRoot } from '../../src/paths.js';

const noFile = { envFile: false as const, cwd: '/srv/tend' };

describe('configuration', () => {
  it('starts on safe defaults with nothing set: embedded database, demo seed, migrations on', () => {
    const config = loadConfig({}, noFile);
    expect(config.server).toEqual({ port: 3000, host: '0.0.0.0', shutdownTimeoutMs: 10_000 });
    expect(config.database).toMatchObject({
      url: undefined,
      dataDir: '/srv/tend/.tend/db',
      migrateOnStart: true,
      seedDemoOnFirstStart: true,
    });
  });

  it('reports every invalid variable at once, in plain words, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          PORT: 'eighty',
          LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://u:hunter2@x/db',
          TZ_SCHEDULE: 'Mars/Base',
          TEND_MIGRATE_ON_START: 'maybe',
        },
        noFile,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain('PORT is "eighty": it must be a port number');
    expect(problems.join('\n')).toContain('LOG_LEVEL is "loud"');
    expect(problems.join('\n')).toContain('TZ_SCHEDULE is "Mars/Base": it must be an IANA time zone');
    expect(problems.join('\n')).toContain('TEND_MIGRATE_ON_START is "maybe": it must be true or false');
    expect(problems.join('\n')).toContain('DATABASE_URL is invalid: it must start with postgresql://');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('refuses a multi-tenant Teams bot without a list of allowed tenants', () => {
    const teams = { TEAMS_APP_ID: 'app', TEAMS_APP_PASSWORD: 'secret', TEAMS_APP_TYPE: 'MultiTenant' };
    expect(() => loadConfig(teams, noFile)).toThrow(/TEAMS_ALLOWED_TENANT_IDS is not set/);
    const allowed = loadConfig({ ...teams, TEAMS_ALLOWED_TENANT_IDS: 'tenant-a, tenant-b' }, noFile);
    expect(allowed.teams?.allowedTenantIds).toEqual(['tenant-a', 'tenant-b']);
    const single = loadConfig({ ...teams, TEAMS_APP_TYPE: 'SingleTenant', TEAMS_TENANT_ID: 'mine' }, noFile);
    expect(single.teams?.allowedTenantIds).toEqual(['mine']);
  });

  it('takes alert channels by id only, since the shared-channel check before each post needs one', () => {
    expect(() => loadConfig({ TEND_ALERT_SLACK_CHANNEL: '#cs-alerts' }, noFile)).toThrow(
      /TEND_ALERT_SLACK_CHANNEL is "#cs-alerts": .*must be a Slack channel id such as C0123ABCD/,
    );
    expect(loadConfig({ TEND_DIGEST_SLACK_CHANNEL: 'C0DIGEST1' }, noFile).alerts.digestSlackChannel).toBe('C0DIGEST1');
  });

  it('reads a .env file, and the real environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-config-'));
    writeFileSync(join(dir, '.env'), 'PORT=4000\nLOG_LEVEL=debug\nDATABASE_URL=postgresql://localhost/tend\n');
    const config = loadConfig({ LOG_LEVEL: 'warn' }, { cwd: dir });
    expect(config.server.port).toBe(4000);
    expect(config.log.level).toBe('warn');
    expect(config.database.url).toBe('postgresql://localhost/tend');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ' }, noFile).database.url).toBeUndefined();
  });

  it('documents every setting in .env.example, and nothing that does not exist', () => {
    const example = readFileSync(join(projectRoot, '.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(envSchema.shape)));
    // Each setting has a comment line right above it.
    for (const name of documented) {
      const lines = example.split('\n');
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(lines[at - 1]!.startsWith('#'), name).toBe(true);
    }
  });

  it('accepts the example file as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-config-'));
    writeFileSync(join(dir, '.env'), readFileSync(join(projectRoot, '.env.example')));
    expect(() => loadConfig({}, { cwd: dir })).not.toThrow();
  });

  it('writes play CRM tasks to the one CRM configured, and asks which when both are', () => {
    const hubspot = { HUBSPOT_ACCESS_TOKEN: 'pat-1' };
    const salesforce = { SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 'secret' };
    expect(loadConfig({}, noFile).connectors.crmTasks).toBeUndefined();
    expect(loadConfig(hubspot, noFile).connectors.crmTasks).toBe('hubspot');
    expect(loadConfig(salesforce, noFile).connectors.crmTasks).toBe('salesforce');
    expect(loadConfig({ ...hubspot, ...salesforce }, noFile).connectors.crmTasks).toBeUndefined();
    expect(loadConfig({ ...hubspot, ...salesforce, TEND_CRM_TASKS: 'salesforce' }, noFile).connectors.crmTasks).toBe(
      'salesforce',
    );
    expect(loadConfig({ ...hubspot, TEND_CRM_TASKS: 'off' }, noFile).connectors.crmTasks).toBeUndefined();
    expect(() => loadConfig({ ...hubspot, TEND_CRM_TASKS: 'salesforce' }, noFile)).toThrow(
      /TEND_CRM_TASKS is salesforce but Salesforce is not configured/,
    );
  });
});
