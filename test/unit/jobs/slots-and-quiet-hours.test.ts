import { describe, expect, it } from 'vitest';
import { deliverAfter, localDay } from '../../../src/core/alerts/quiet-hours.js';
import { latestSlot, nextSlot } from '../../../src/jobs/slots.js';

describe('job slots', () => {
  it('is the latest scheduled time at or before now, in the schedule’s time zone', () => {
    expect(latestSlot('*/5 * * * *', new Date('2026-11-22T08:07:30Z'), 'UTC')).toEqual(
      new Date('2026-11-22T08:05:00Z'),
    );
    // 07:00 in Berlin (UTC+1 in November) is 06:00 UTC.
    expect(latestSlot('0 7 * * *', new Date('2026-11-22T06:30:00Z'), 'Europe/Berlin')).toEqual(
      new Date('2026-11-22T06:00:00Z'),
    );
    expect(latestSlot('0 7 * * *', new Date('2026-11-22T05:59:00Z'), 'Europe/Berlin')).toEqual(
      new Date('2026-11-21T06:00:00Z'),
    );
    // Weekly: Monday 08:00.
    expect(latestSlot('0 8 * * 1', new Date('2026-11-22T12:00:00Z'), 'UTC')).toEqual(new Date('2026-11-16T08:00:00Z'));
  });

  it('belongs to the tick even when the tick fires a little early or late', () => {
    expect(latestSlot('*/5 * * * *', new Date('2026-11-22T08:05:00.004Z'), 'UTC')).toEqual(
      new Date('2026-11-22T08:05:00Z'),
    );
    expect(latestSlot('*/5 * * * *', new Date('2026-11-22T08:05:59.900Z'), 'UTC')).toEqual(
      new Date('2026-11-22T08:05:00Z'),
    );
  });

  it('after downtime, names only the latest missed slot (caught up once)', () => {
    // Down from 01:00 to 09:00: hourly slots 02:00 ... 09:00 were missed; one run covers them.
    expect(latestSlot('0 * * * *', new Date('2026-11-22T09:00:10Z'), 'UTC')).toEqual(new Date('2026-11-22T09:00:00Z'));
    expect(nextSlot('0 2 * * *', new Date('2026-11-22T09:00:00Z'), 'UTC')).toEqual(new Date('2026-11-23T02:00:00Z'));
  });
});

describe('quiet hours', () => {
  const quiet = { start: '20:00', end: '08:00' };
  it('holds alerts raised in quiet hours until they end, in local time', () => {
    // 21:30 in New York (UTC-5 in November) -> 08:00 local = 13:00 UTC next day.
    expect(deliverAfter(new Date('2026-11-23T02:30:00Z'), quiet, 'America/New_York')).toEqual(
      new Date('2026-11-23T13:00:00Z'),
    );
    expect(deliverAfter(new Date('2026-11-23T11:59:00Z'), quiet, 'America/New_York')).toEqual(
      new Date('2026-11-23T13:00:00Z'),
    );
  });
  it('lets alerts outside quiet hours go at once, and without quiet hours always', () => {
    const noon = new Date('2026-11-23T17:00:00Z');
    expect(deliverAfter(noon, quiet, 'America/New_York')).toEqual(noon);
    expect(deliverAfter(noon, undefined, 'UTC')).toEqual(noon);
    expect(deliverAfter(new Date('2026-11-23T13:00:00Z'), { start: '12:00', end: '14:00' }, 'UTC')).toEqual(
      new Date('2026-11-23T14:00:00Z'),
    );
  });
  it('counts days in local time', () => {
    expect(localDay(new Date('2026-11-23T02:30:00Z'), 'America/New_York')).toBe('2026-11-22');
  });
});
