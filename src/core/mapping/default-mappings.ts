import { z } from 'zod';
import { fieldMappingSchema, type FieldMapping } from './field-mapping.js';

// What each connector maps, out of the box, from the vendor's standard objects to Tend's rows.
// Fields Tend needs that vendors do not have (segment, tier, lifecycle stage, ARR for CRMs) are
// read from custom properties when they exist, with defaults so a first sync works; edit them with
// `tend sources mapping set <source> <file>`.

export const connectorMappingSchema = z.object({
  accounts: fieldMappingSchema.optional(),
  contacts: fieldMappingSchema.optional(),
  metrics: fieldMappingSchema.optional(),
  feedback: fieldMappingSchema.optional(),
  outcomes: fieldMappingSchema.optional(),
});
export type ConnectorMappingData = z.infer<typeof connectorMappingSchema>;

const accountDefaults = {
  segment: { path: 'tend_segment', default: 'mid-market', transform: 'lower' },
  tier: { path: 'tend_tier', default: 'standard', transform: 'lower' },
  lifecycle_stage: { path: 'tend_lifecycle_stage', default: 'adoption', transform: 'lower' },
} as const;

const prefixed = (prefix: string, m: Record<string, { path: string; default: string; transform: 'lower' }>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { ...v, path: `${prefix}${v.path}` }])) as FieldMapping;

export const defaultConnectorMappings: Record<'hubspot' | 'salesforce' | 'zendesk' | 'stripe', ConnectorMappingData> = {
  // HubSpot CRM objects: { id, properties: { ... } }.
  hubspot: {
    accounts: {
      external_id: { template: 'hubspot-{id}' },
      name: 'properties.name',
      domains: { path: 'properties.domain', transform: 'domain' },
      ...prefixed('properties.', accountDefaults),
      arr: { path: 'properties.tend_arr', default: '0' },
      renewal_date: { path: 'properties.tend_renewal_date', transform: 'date' },
      industry: 'properties.industry',
    },
    contacts: {
      external_id: { template: 'hubspot-contact-{id}' },
      account_external_id: { template: 'hubspot-{properties.associatedcompanyid}' },
      name: { template: '{properties.firstname} {properties.lastname}' },
      email: { path: 'properties.email', transform: 'lower' },
      title: 'properties.jobtitle',
    },
  },
  // Salesforce SOQL records, with relationship fields (Owner.Email).
  salesforce: {
    accounts: {
      external_id: 'Id',
      name: 'Name',
      domains: { path: 'Website', transform: 'domain' },
      segment: { path: 'Tend_Segment__c', default: 'mid-market', transform: 'lower' },
      tier: { path: 'Tend_Tier__c', default: 'standard', transform: 'lower' },
      lifecycle_stage: { path: 'Tend_Lifecycle_Stage__c', default: 'adoption', transform: 'lower' },
      arr: { path: 'ARR__c', default: '0' },
      renewal_date: { path: 'Renewal_Date__c', transform: 'date' },
      industry: 'Industry',
    },
    contacts: {
      external_id: 'Id',
      account_external_id: 'AccountId',
      name: 'Name',
      email: { path: 'Email', transform: 'lower' },
      title: 'Title',
    },
  },
  // Zendesk tickets roll up into support metrics; organizations match accounts by external_id.
  zendesk: {},
  // Stripe customers carry the Tend account in metadata.tend_account (set it in Stripe).
  stripe: {},
};
