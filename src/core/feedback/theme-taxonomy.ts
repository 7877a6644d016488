import { z } from 'zod';

// What customers talk about, as data: each theme is matched by keywords (word starts, so "crash"
// matches "crashes" and "crashed"). BIS's action-planning matrix (usability, performance, feature
// requests, integration, training) plus support, reliability, onboarding, pricing and value.

export const themeTaxonomySchema = z.object({
  themes: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case'),
        label: z.string().min(1),
        keywords: z.array(z.string().min(2)).min(1),
      }),
    )
    .min(1)
    .refine((themes) => new Set(themes.map((t) => t.key)).size === themes.length, 'theme keys must be unique'),
});
export type ThemeTaxonomy = z.infer<typeof themeTaxonomySchema>;

export const defaultThemeTaxonomy: ThemeTaxonomy = {
  themes: [
    {
      key: 'support_responsiveness',
      label: 'Support responsiveness',
      keywords: [
        'support',
        'ticket',
        'response time',
        'responsive',
        'reply',
        'replied',
        'helpdesk',
        'escalat',
        'waiting',
        'wait',
      ],
    },
    {
      key: 'product_quality',
      label: 'Product quality',
      keywords: ['bug', 'buggy', 'broken', 'error', 'glitch', 'quality', 'defect', 'fix'],
    },
    {
      key: 'reliability',
      label: 'Reliability',
      keywords: ['outage', 'downtime', 'down ', 'crash', 'unstable', 'reliab', 'uptime', 'incident'],
    },
    {
      key: 'performance',
      label: 'Performance',
      keywords: ['slow', 'fast', 'speed', 'performance', 'lag', 'latency', 'load time', 'timeout'],
    },
    {
      key: 'usability',
      label: 'Usability',
      keywords: [
        'easy',
        'intuitive',
        'confusing',
        'complex',
        'usability',
        'interface',
        'ui',
        'ux',
        'navigation',
        'clunky',
        'documentation',
        'docs',
      ],
    },
    {
      key: 'onboarding_training',
      label: 'Onboarding and training',
      keywords: ['onboard', 'training', 'trained', 'learn', 'setup', 'set up', 'implementation', 'kickoff', 'webinar'],
    },
    {
      key: 'integrations',
      label: 'Integrations',
      keywords: [
        'integration',
        'integrate',
        'api',
        'sync',
        'connector',
        'export',
        'import',
        'sso',
        'salesforce',
        'hubspot',
      ],
    },
    {
      key: 'pricing',
      label: 'Pricing',
      keywords: ['price', 'pricing', 'expensive', 'cost', 'budget', 'invoice', 'billing', 'discount', 'licen'],
    },
    {
      key: 'value',
      label: 'Value and outcomes',
      keywords: ['value', 'roi', 'saved', 'saving', 'time', 'productiv', 'efficien', 'outcome', 'results', 'worth'],
    },
    {
      key: 'feature_requests',
      label: 'Feature requests',
      keywords: ['feature', 'wish', 'would love', 'missing', 'roadmap', 'request', 'please add', 'would be nice'],
    },
  ],
};

/** Themes a comment touches, in taxonomy order. */
export function themesOf(text: string, taxonomy: ThemeTaxonomy): string[] {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9\s]+/g, ' ')} `;
  return taxonomy.themes.filter((t) => t.keywords.some((k) => lower.includes(` ${k.toLowerCase()}`))).map((t) => t.key);
}
