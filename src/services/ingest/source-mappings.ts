import { z } from 'zod';
import type { PrismaClient } from '../../db/client.js';
import { defaultEventRules, eventRulesSchema } from '../../core/events/event-rules.js';
import { connectorMappingSchema, defaultConnectorMappings } from '../../core/mapping/default-mappings.js';
import type { FieldMapping } from '../../core/mapping/field-mapping.js';
import { ensureSource, SourceError, sourceByName, type SourceKind, type SourceRecord } from './sources.js';

// What each kind of source keeps as editable data. The ingest API takes Tend's own field names, so
// it has nothing to map; Segment sources keep the rules that turn events into metrics.
const mappingSchemas: Partial<Record<SourceKind, { schema: z.ZodType; defaults: unknown }>> = {
  segment: { schema: z.object({ eventRules: eventRulesSchema }), defaults: { eventRules: defaultEventRules } },
  hubspot: { schema: connectorMappingSchema, defaults: defaultConnectorMappings.hubspot },
  salesforce: { schema: connectorMappingSchema, defaults: defaultConnectorMappings.salesforce },
  zendesk: { schema: connectorMappingSchema, defaults: defaultConnectorMappings.zendesk },
  stripe: { schema: connectorMappingSchema, defaults: defaultConnectorMappings.stripe },
};

/** A source's mapping in force: what was set, else its kind's defaults (null: the kind has none). */
function mappingInForce(source: SourceRecord): unknown {
  const entry = mappingSchemas[source.kind];
  return entry ? (source.mapping ?? entry.defaults) : null;
}

/** A connector source's field mappings per Tend kind, from the source record already read. */
export function connectorMappingOf(source: SourceRecord): Partial<Record<string, FieldMapping>> {
  return (mappingInForce(source) ?? {}) as Partial<Record<string, FieldMapping>>;
}
/** A source by name; a connector's own source (hubspot, ...) exists from the moment it is asked for. */
async function sourceOrConnector(prisma: PrismaClient, name: string) {
  const source = await sourceByName(prisma, name);
  if (source) return source;
  if (Object.hasOwn(defaultConnectorMappings, name)) return ensureSource(prisma, name, name as SourceKind);
  throw new SourceError(`no source "${name}" (see: tend sources)`);
}

/** A source's mapping as it applies now: what was set, else the kind's defaults. */
export async function sourceMapping(prisma: PrismaClient, name: string): Promise<{ kind: string; mapping: unknown }> {
  const source = await sourceOrConnector(prisma, name);
  return { kind: source.kind, mapping: mappingInForce(source) };
}

/** Replaces a source's mapping after checking it; every problem is listed with its path. */
export async function setSourceMapping(prisma: PrismaClient, name: string, mapping: unknown): Promise<void> {
  const source = await sourceOrConnector(prisma, name);
  const entry = mappingSchemas[source.kind];
  if (!entry) throw new SourceError(`a ${source.kind} source has no mapping: it takes Tend's own field names`);
  const parsed = entry.schema.safeParse(mapping);
  if (!parsed.success)
    throw new SourceError(
      `not a valid ${source.kind} mapping:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  await prisma.source.update({ where: { id: source.id }, data: { mapping: parsed.data as object } });
}
