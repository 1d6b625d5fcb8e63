import fc from 'fast-check';
import { fromLocalInput, toLocalInput, zoneOffsetAt } from '../../src/web/zoned-time';

const utc = (iso: string) => new Date(iso);

describe('region wall time ↔ UTC', () => {
  it('reads a Moscow wall time as three hours ahead of UTC, all year round', () => {
    expect(fromLocalInput('2026-03-01T09:00', 'Europe/Moscow')).toEqual(utc('2026-03-01T06:00:00Z'));
    expect(fromLocalInput('2026-07-01T09:00', 'Europe/Moscow')).toEqual(utc('2026-07-01T06:00:00Z'));
    expect(toLocalInput(utc('2026-12-31T21:00:00Z'), 'Europe/Moscow')).toBe('2027-01-01T00:00');
  });

  it('follows the history of the zone: Moscow had summer time until 2011 and +4 until 2014', () => {
    expect(fromLocalInput('2010-07-01T12:00', 'Europe/Moscow')).toEqual(utc('2010-07-01T08:00:00Z'));
    expect(fromLocalInput('2010-01-15T12:00', 'Europe/Moscow')).toEqual(utc('2010-01-15T09:00:00Z'));
    expect(fromLocalInput('2012-01-15T12:00', 'Europe/Moscow')).toEqual(utc('2012-01-15T08:00:00Z'));
  });

  it('handles zones with half-hour offsets and no daylight saving', () => {
    expect(fromLocalInput('2026-01-01T00:00', 'Asia/Kolkata')).toEqual(utc('2025-12-31T18:30:00Z'));
    expect(toLocalInput(utc('2025-12-31T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T00:00');
    expect(zoneOffsetAt(Date.parse('2026-06-01T00:00:00Z'), 'Asia/Kathmandu')).toBe((5 * 60 + 45) * 60_000);
  });

  it('takes the earlier instant of a wall time that occurs twice when the clocks go back', () => {
    // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and at 01:30Z.
    expect(fromLocalInput('2026-10-25T02:30', 'Europe/Berlin')).toEqual(utc('2026-10-25T00:30:00Z'));
    // New York, 1 November 2026: 01:30 EDT (05:30Z), then 01:30 EST (06:30Z).
    expect(fromLocalInput('2026-11-01T01:30', 'America/New_York')).toEqual(utc('2026-11-01T05:30:00Z'));
    // Lord Howe Island moves its clocks by half an hour: 02:00 +11 becomes 01:30 +10:30 on 5 April 2026.
    expect(fromLocalInput('2026-04-05T01:45', 'Australia/Lord_Howe')).toEqual(utc('2026-04-04T14:45:00Z'));
    // Both instants still show the same wall time.
    expect(toLocalInput(utc('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30');
  });

  it('moves a wall time skipped by clocks going forward later by the length of the gap', () => {
    expect(fromLocalInput('2026-03-29T02:30', 'Europe/Berlin')).toEqual(utc('2026-03-29T01:30:00Z'));
    expect(toLocalInput(utc('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30');
    expect(fromLocalInput('2026-03-08T02:30', 'America/New_York')).toEqual(utc('2026-03-08T07:30:00Z'));
    expect(fromLocalInput('2026-10-04T02:15', 'Australia/Lord_Howe')).toEqual(utc('2026-10-03T15:45:00Z'));
    expect(fromLocalInput('2010-03-28T02:30', 'Europe/Moscow')).toEqual(utc('2010-03-27T23:30:00Z'));
  });

  it('reads the southern hemisphere, where summer time spans the new year', () => {
    expect(fromLocalInput('2026-01-15T12:00', 'Australia/Sydney')).toEqual(utc('2026-01-15T01:00:00Z'));
    expect(fromLocalInput('2026-07-15T12:00', 'Australia/Sydney')).toEqual(utc('2026-07-15T02:00:00Z'));
  });

  it('treats an empty field as "not set" and refuses what is not a real date and time', () => {
    expect(fromLocalInput('', 'Europe/Moscow')).toBeNull();
    expect(fromLocalInput('   ', 'Europe/Moscow')).toBeNull();
    expect(fromLocalInput(undefined, 'Europe/Moscow')).toBeNull();
    for (const bad of ['2026-02-29T10:00', '2026-04-31T10:00', '2026-13-01T10:00', '2026-03-01T24:00', '2026-03-01T10:60', '01.03.2026 10:00', 'tomorrow', '0999-01-01T00:00']) {
      expect({ bad, parsed: fromLocalInput(bad, 'Europe/Moscow') }).toEqual({ bad, parsed: undefined });
    }
    expect(fromLocalInput('2028-02-29T10:00', 'Europe/Moscow')).toEqual(utc('2028-02-29T07:00:00Z'));
    expect(fromLocalInput('2026-03-01T09:00:30', 'Europe/Moscow')).toEqual(utc('2026-03-01T06:00:30Z'));
  });

  it('shows nothing for a missing instant', () => {
    expect(toLocalInput(null, 'Europe/Moscow')).toBe('');
    expect(toLocalInput(undefined, 'Europe/Moscow')).toBe('');
    expect(toLocalInput('not a date', 'Europe/Moscow')).toBe('');
  });

  it('round-trips every minute: the form shows what was saved, and saving it again changes nothing', () => {
    const zones = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham'];
    const minute = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z') / 60_000, max: Date.parse('2090-01-01T00:00:00Z') / 60_000 });
    fc.assert(
      fc.property(minute, fc.constantFrom(...zones), (m, zone) => {
        const instant = new Date(m * 60_000);
        const shown = toLocalInput(instant, zone);
        const read = fromLocalInput(shown, zone)!;
        expect(toLocalInput(read, zone)).toBe(shown);
        // the same instant, or (only for a wall time that occurs twice) its earlier occurrence
        expect(read.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime() - read.getTime()).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 2000 },
    );
  });
});
