/**
 * Wall-clock time of a time zone ↔ UTC instants, with Intl only (no date library).
 * Forms use `<input type="datetime-local">`, whose value ("2026-03-01T09:00") has no zone: it is read as
 * the region's local time. Daylight-saving edges follow the "compatible" rule (as Temporal does):
 * a time that occurs twice (clocks go back) is the earlier instant; a time skipped by clocks going
 * forward is moved forward by the length of the gap (02:30 → 03:30).
 */

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR = 3_600_000;

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let f = wallFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    wallFormats.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock of `timeZone` at an instant. */
function wallAt(instant: number, timeZone: string): Wall {
  const parts: Record<string, string> = {};
  for (const p of wallFormat(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Date.UTC without its "years 0–99 mean 1900–1999" surprise. */
function utcOf(w: Wall): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds (Moscow: +3 h). */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return utcOf(wallAt(whole, timeZone)) - whole;
}

/** The instant at which the zone's clock shows `wall`. */
export function instantOfWall(wall: Wall, timeZone: string): Date {
  const asUtc = utcOf(wall);
  // The offsets a day before and after cover any single transition near this wall time.
  const before = zoneOffsetAt(asUtc - 24 * HOUR, timeZone);
  const after = zoneOffsetAt(asUtc + 24 * HOUR, timeZone);
  const candidates = [...new Set([asUtc - before, asUtc - after])].sort((a, b) => a - b);
  const exact = candidates.filter((t) => utcOf(wallAt(t, timeZone)) === asUtc);
  if (exact.length) return new Date(exact[0]); // the earlier one when the wall time occurs twice
  // Skipped by a forward jump: read it with the offset in force before the jump, which lands after it.
  return new Date(asUtc - before);
}

/**
 * Parses a datetime-local value as wall time in `timeZone`. Empty → null; anything that is not a real
 * calendar date and time → undefined (the caller reports it as invalid).
 */
export function fromLocalInput(value: string | null | undefined, timeZone: string): Date | null | undefined {
  const text = (value ?? '').trim();
  if (!text) return null;
  const m = LOCAL_INPUT.exec(text);
  if (!m) return undefined;
  const wall: Wall = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 };
  if (wall.year < 1000 || wall.month < 1 || wall.month > 12 || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  const probe = new Date(utcOf(wall));
  if (probe.getUTCDate() !== wall.day || probe.getUTCMonth() !== wall.month - 1) return undefined; // 31 April, 29 Feb of a common year
  return instantOfWall(wall, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The value for `<input type="datetime-local">` showing `instant` on the clocks of `timeZone`. */
export function toLocalInput(instant: Date | string | null | undefined, timeZone: string): string {
  if (instant === null || instant === undefined || instant === '') return '';
  const t = new Date(instant).getTime();
  if (Number.isNaN(t)) return '';
  const w = wallAt(t, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
