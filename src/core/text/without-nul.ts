// PostgreSQL text cannot hold a NUL character, and no person means one: it is stripped from every
// input at the edge (JSON bodies, CSV cells, chat text), the same way everywhere, so one stray byte
// neither fails a whole batch with a 500 nor reaches the database.
export const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

/** A JSON.parse reviver (express.json's `reviver`) that strips NUL from every string. */
export const nulFreeReviver = (_key: string, value: unknown): unknown =>
  typeof value === 'string' ? withoutNul(value) : value;
