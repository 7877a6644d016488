import { z } from 'zod';

// The Segment spec (https://segment.com/docs/connections/spec/), as far as Tend reads it: who did
// what, when, for which account. RudderStack and Jitsu send the same shapes. Unknown fields pass.

const common = {
  messageId: z.string().min(1).max(200),
  userId: z.string().min(1).max(200).optional(),
  anonymousId: z.string().min(1).max(200).optional(),
  timestamp: z.iso.datetime({ offset: true, error: 'must be an ISO time like 2026-03-31T14:00:00Z' }).optional(),
  context: z.looseObject({ groupId: z.string().min(1).optional() }).optional(),
};

export const identifyEventSchema = z.looseObject({
  type: z.literal('identify'),
  ...common,
  traits: z.looseObject({ email: z.string().optional() }).optional(),
});

export const groupEventSchema = z.looseObject({
  type: z.literal('group'),
  ...common,
  groupId: z.string().min(1).max(200),
  traits: z.looseObject({ domain: z.string().optional(), website: z.string().optional() }).optional(),
});

export const trackEventSchema = z.looseObject({
  type: z.literal('track'),
  ...common,
  event: z.string().min(1).max(200),
  properties: z.looseObject({ groupId: z.string().min(1).optional() }).optional(),
});

/** `page` and `screen` count as activity; `alias` is accepted and ignored. */
export const pageEventSchema = z.looseObject({
  type: z.enum(['page', 'screen']),
  ...common,
  name: z.string().optional(),
});
export const aliasEventSchema = z.looseObject({ type: z.literal('alias'), ...common });

export const segmentEventSchema = z
  .discriminatedUnion('type', [
    identifyEventSchema,
    groupEventSchema,
    trackEventSchema,
    pageEventSchema,
    aliasEventSchema,
  ])
  .refine((e) => e.userId !== undefined || e.anonymousId !== undefined, {
    error: 'needs a userId or an anonymousId',
    path: ['userId'],
  });

export type SegmentEvent = z.infer<typeof segmentEventSchema>;

/** A Segment batch (`/v1/batch`), or one event as a webhook destination sends it. */
export const segmentPayloadSchema = z.union([
  z.looseObject({ batch: z.array(z.unknown()).min(1) }),
  z.looseObject({ type: z.string() }),
]);
