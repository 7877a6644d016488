import { parseCall } from './intent-registry.js';

/** An intent call flattened: `{ kind: 'health', account: 'Acme' }`, as tests and evals compare them. */
export type Intent = { kind: string } & Record<string, unknown>;

/** The deterministic reading of a message (no model), flattened. */
export function parseIntent(raw: string): Intent {
  const call = parseCall(raw);
  return { kind: call.intent, ...call.args };
}
