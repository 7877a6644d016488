/**
 * A play's message with its placeholders filled: {account}, {champion} (first name, or "there").
 * Only these two: a play file cannot pull other data into a message to a client.
 */
export function fillMessage(template: string, values: { account: string; champion: string | null }): string {
  const first = values.champion?.trim().split(/\s+/)[0];
  return template.replaceAll('{account}', values.account).replaceAll('{champion}', first || 'there');
}
