import { z } from 'zod';

// How a vendor record becomes one of Tend's rows, as data a person can edit: for each Tend field, a
// path into the record, a constant, or a template, with an optional default, value map and
// transform. `tend sources mapping show|set <source>` prints and replaces it.

const transforms = ['lower', 'date', 'cents', 'number', 'domain'] as const;

export const fieldRuleSchema = z.union([
  z.string().min(1),
  z.strictObject({ const: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ template: z.string().min(1) }),
  z.strictObject({
    path: z.string().min(1),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    map: z.record(z.string(), z.string()).optional(),
    transform: z.enum(transforms).optional(),
  }),
]);
export type FieldRule = z.infer<typeof fieldRuleSchema>;

export const fieldMappingSchema = z.record(
  z.string().regex(/^[a-z_]+$/, 'Tend field names are snake_case'),
  fieldRuleSchema,
);
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

/** `a.b.0.c` into nested objects and arrays; undefined when any step is missing. */
export function valueAt(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const step of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function transform(value: unknown, how: (typeof transforms)[number] | undefined): unknown {
  if (value === undefined || value === null || value === '') return value;
  switch (how) {
    case 'lower':
      return String(value).toLowerCase();
    case 'date': {
      // Vendors send ISO times, epoch seconds (Stripe) or epoch milliseconds (HubSpot).
      const n = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : undefined;
      const d = n === undefined ? new Date(String(value)) : new Date(n < 1e11 ? n * 1000 : n);
      return Number.isNaN(d.getTime()) ? value : d.toISOString().slice(0, 10);
    }
    case 'cents': {
      const n = Number(value);
      return Number.isFinite(n) ? (n / 100).toFixed(2) : value;
    }
    case 'domain':
      // "https://www.Acme.example/about" -> "acme.example"
      return String(value)
        .trim()
        .toLowerCase()
        .replace(/^[a-z]+:\/\//, '')
        .replace(/^www\./, '')
        .replace(/[/?#].*$/, '');
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? n : value;
    }
    default:
      return value;
  }
}

/** Every record path a mapping reads (paths, and the parts of templates), so callers ask only for those. */
export function pathsOf(mapping: FieldMapping): string[] {
  return [
    ...new Set(
      Object.values(mapping).flatMap((rule) =>
        typeof rule === 'string'
          ? [rule]
          : 'path' in rule
            ? [rule.path]
            : 'template' in rule
              ? [...rule.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
              : [],
      ),
    ),
  ];
}

/** One Tend row from one vendor record; fields that resolve to nothing are left out. */
export function mapRecord(record: unknown, mapping: FieldMapping): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(mapping)) {
    let value: unknown;
    if (typeof rule === 'string') value = valueAt(record, rule);
    else if ('const' in rule) value = rule.const;
    else if ('template' in rule)
      value = rule.template.replace(/\{([^}]+)\}/g, (_, path: string) => String(valueAt(record, path) ?? ''));
    else {
      value = valueAt(record, rule.path);
      if (rule.map && value !== undefined && value !== null) value = rule.map[String(value)] ?? value;
      value = transform(value, rule.transform);
      if ((value === undefined || value === null || value === '') && rule.default !== undefined) value = rule.default;
    }
    if (value !== undefined && value !== null && value !== '') row[field] = value;
  }
  return row;
}
