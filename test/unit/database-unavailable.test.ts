import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/services/database-unavailable.js';

describe('telling a database outage from other failures', () => {
  it('reads Prisma, driver adapter, PostgreSQL and socket errors that mean the database cannot be reached', () => {
    const prisma = (code: string, cause?: unknown) =>
      Object.assign(new Error('Invalid `prisma.x()` invocation'), {
        code,
        meta: cause ? { driverAdapterError: { name: 'DriverAdapterError', cause } } : {},
      });
    expect(
      isDatabaseUnavailable(prisma('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })),
    ).toBe(true);
    expect(isDatabaseUnavailable(prisma('P2010', { kind: 'postgres', code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(prisma('P2010', { kind: 'ConnectionClosed' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
  });

  it('leaves bugs and bad data alone: they keep their reference for the admin', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
