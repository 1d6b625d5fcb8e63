/**
 * How long until a deadline, in the largest two units that matter («3 дня 4 часа», «5 часов 10 минут»),
 * for the officer's start page. Pure, so the page and the tests agree on rounding: always down, so
 * «осталось 1 час» is never shown when 59 minutes are left.
 */
export interface TimeLeft {
  days: number;
  hours: number;
  minutes: number;
  /** less than a day left: the page shows hours and minutes instead of days and hours */
  underADay: boolean;
}

const MINUTE = 60_000;

export function timeLeft(now: Date, deadline: Date | null): TimeLeft | null {
  if (!deadline) return null;
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return null;
  const totalMinutes = Math.floor(ms / MINUTE);
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  return { days, hours, minutes, underADay: days === 0 };
}
