import { z } from 'zod';
import { segmentEventSchema } from '../core/events/segment-event.js';
import { rowSchemas } from '../services/import/row-schemas.js';
import { maxBatchRows, rowKinds } from '../services/ingest/ingest-rows.js';

// The ingest API's OpenAPI 3.1 document, generated from the same zod schemas that check requests,
// so the document cannot drift from what the server accepts. Checked in as docs/openapi.json.

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

const problem = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'message'],
        properties: {
          index: { type: 'integer', description: '0-based position of the row or event in the batch' },
          field: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
};

const problemBody = { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } };
const problemResponse = (description: string) => ({ description, content: problemBody });

const errorResponses = {
  '401': problemResponse('Missing, unknown or revoked API key'),
  '403': problemResponse('The source is paused or stopped'),
  '409': problemResponse('The idempotency key was used for another kind of batch'),
  '413': problemResponse(`More than ${maxBatchRows} rows, or a body over the size limit`),
  '422': problemResponse('Some rows are invalid; every one is named and nothing was written'),
  '429': {
    ...problemResponse('Too many requests for this key; retry after the given seconds'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
};

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Sending a batch again with the same key returns the first answer and writes nothing.',
  schema: { type: 'string', maxLength: 255 },
};

/** One to `maxBatchRows` items of a named schema: a batch. */
const batchOf = (schema: string) => ({
  type: 'array',
  minItems: 1,
  maxItems: maxBatchRows,
  items: { $ref: `#/components/schemas/${schema}` },
});

const title = (kind: string) => kind[0]!.toUpperCase() + kind.slice(1);

export function buildOpenApi(): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Problem: problem };
  const paths: Record<string, unknown> = {};
  for (const kind of rowKinds) {
    const row = `${title(kind)}Row`;
    schemas[row] = jsonSchema(rowSchemas[kind]);
    paths[`/api/v1/ingest/${kind}`] = {
      post: {
        operationId: `ingest${title(kind)}`,
        summary: `Upsert ${kind}, all or nothing, checked as \`tend import --kind ${kind}\` checks a CSV file`,
        security: [{ apiKey: [] }],
        parameters: [idempotencyKey],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['rows'],
                properties: {
                  rows: batchOf(row),
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Written (or, for a replayed idempotency key, the first answer)',
            headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true', 'false'] } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchResult' } } },
          },
          ...errorResponses,
        },
      },
    };
  }
  schemas.BatchResult = {
    type: 'object',
    required: ['batchId', 'kind', 'rows'],
    properties: {
      batchId: { type: 'string', format: 'uuid' },
      kind: { type: 'string' },
      rows: { type: 'integer' },
      creates: { type: 'integer' },
      updates: { type: 'integer' },
      accounts: { type: 'integer', description: 'Accounts the batch touched (their data is now fresh)' },
    },
  };
  schemas.SegmentEvent = jsonSchema(segmentEventSchema);
  schemas.EventsResult = {
    type: 'object',
    required: ['batchId', 'events', 'stored', 'duplicates', 'skipped', 'metrics'],
    properties: {
      batchId: { type: 'string', format: 'uuid' },
      kind: { type: 'string', const: 'events' },
      events: { type: 'integer' },
      stored: { type: 'integer' },
      duplicates: { type: 'integer', description: 'Events already stored (same messageId)' },
      skipped: {
        type: 'array',
        items: { type: 'object', properties: { index: { type: 'integer' }, reason: { type: 'string' } } },
      },
      metrics: { type: 'integer', description: 'Metric values recomputed from the events' },
    },
  };
  paths['/api/v1/ingest/events'] = {
    post: {
      operationId: 'ingestEvents',
      summary: 'Product events in the Segment spec (identify, group, track, page, screen), one event or a batch',
      security: [{ apiKey: [] }, { writeKey: [] }],
      parameters: [idempotencyKey],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              oneOf: [
                { $ref: '#/components/schemas/SegmentEvent' },
                {
                  type: 'object',
                  required: ['batch'],
                  properties: {
                    batch: batchOf('SegmentEvent'),
                  },
                },
              ],
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'Stored and rolled up',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/EventsResult' } } },
        },
        ...errorResponses,
      },
    },
  };
  paths['/api/v1/openapi.json'] = {
    get: {
      operationId: 'openApi',
      summary: 'This document',
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1 document' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tend ingest API',
      version: '1.0.0',
      description:
        'Send account data to Tend from your warehouse, CRM or product analytics. Create a key with `tend sources keys create <source>`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A source API key: `Authorization: Bearer tend_...`' },
        writeKey: {
          type: 'http',
          scheme: 'basic',
          description: 'The key as the Basic user name (Segment-style write key)',
        },
      },
    },
  };
}
