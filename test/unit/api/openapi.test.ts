import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../src/api/openapi.js';
import { projectRoot } from '../../../src/paths.js';

describe('the ingest API OpenAPI document', () => {
  const document = buildOpenApi();

  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(document as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is the one checked in as docs/openapi.json (npm run openapi rewrites it)', () => {
    expect(JSON.parse(readFileSync(join(projectRoot, 'docs/openapi.json'), 'utf8'))).toEqual(document);
  });

  it('describes each kind with the fields tend import checks', () => {
    const schemas = (document.components as { schemas: Record<string, { required?: string[]; properties?: object }> })
      .schemas;
    expect(schemas.MetricsRow!.required).toEqual(
      expect.arrayContaining(['account_external_id', 'key', 'date', 'value']),
    );
    expect(Object.keys(schemas.AccountsRow!.properties!)).toEqual(
      expect.arrayContaining(['external_id', 'arr', 'domains']),
    );
    expect(Object.keys(document.paths as object)).toEqual(
      expect.arrayContaining([
        '/api/v1/ingest/accounts',
        '/api/v1/ingest/contacts',
        '/api/v1/ingest/metrics',
        '/api/v1/ingest/feedback',
        '/api/v1/ingest/outcomes',
        '/api/v1/ingest/events',
      ]),
    );
  });
});
