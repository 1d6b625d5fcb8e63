import type { CycleStatus } from '../cycles/cycle.entity';

/**
 * When offers are answered and the reserve moves (issue 12). Offers go out when the allocation is approved (phase
 * «распределение мест») and are answered during «подтверждение участия»; a place freed in those two phases goes
 * to the reserve. Once training starts the lists are what they are: a link is refused, nobody is withdrawn (a
 * participant who stops during training is marked «не завершил» at completion), and no new offers go out. Pure.
 */
const OFFER_PHASES: readonly CycleStatus[] = ['allocation', 'confirmation'];

export const offersOpen = (status: CycleStatus): boolean => OFFER_PHASES.includes(status);

/** The phases the expiry task looks at (offers_open as SQL over the cycle's status; constants, never input). */
export const OFFER_PHASES_SQL = OFFER_PHASES.map((s) => `'${s}'`).join(',');

/**
 * How long someone offered a place from the reserve has to answer: the approval's deadline, but never less than
 * this. Those offered at approval all had the same time to answer; someone moved up from the reserve the day
 * before that deadline must still get days, not hours, to arrange weeks away from their clinic.
 */
export const RESERVE_ANSWER_DAYS = 3;

export function reserveDeadline(approvalDeadline: Date | null, now: Date): Date {
  const least = new Date(now.getTime() + RESERVE_ANSWER_DAYS * 24 * 3600_000);
  return approvalDeadline && approvalDeadline > least ? approvalDeadline : least;
}
