import { createHash } from 'node:crypto';
import { byCodeUnits } from '../../results/engine/canonical';
import type { ApplicantInput, TieDraw } from './types';

/**
 * The turn order: by the results engine's rank. Its tie rules (the higher normalised score on the heaviest
 * criterion, then the higher raw mean) are already in that rank, so they are reused as they are, not rewritten;
 * applicants sharing a rank are a tie those rules could not break.
 *
 * For awards such a tie goes to the admin (winners.ts). Allocation cannot stop there: 150 places of several
 * tracks behind one tie would wait on a person's choice, and a choice made after seeing the preferences could
 * favour a municipality. So a true tie is ordered by lottery, the usual rule of school-choice systems ("single
 * tie-breaking": one draw for the whole programme), with each applicant's ticket = sha256(seed, NUL, id), lowest
 * first. The ticket depends on the seed (the programme's id) and the applicant's own id only: not on the
 * preferences (so the draw cannot be played, and serial dictatorship stays strategy-proof), not on input order,
 * not on who else is tied or withdrawn (removing someone never reorders the others). Anyone can recompute a
 * ticket; every draw is recorded in the state with its tickets.
 */
export function turnOrder(seed: string, applicants: readonly ApplicantInput[]): { order: ApplicantInput[]; ties: TieDraw[] } {
  const ticketed = applicants.map((a) => ({ a, ticket: ticketOf(seed, a.id) }));
  // Equal tickets would need a sha256 collision; the id keeps the order total anyway.
  ticketed.sort((x, y) => x.a.rank - y.a.rank || byCodeUnits(x.ticket, y.ticket) || byCodeUnits(x.a.id, y.a.id));
  const ties: TieDraw[] = [];
  for (let from = 0; from < ticketed.length; ) {
    let to = from + 1;
    while (to < ticketed.length && ticketed[to].a.rank === ticketed[from].a.rank) to++;
    if (to - from > 1) ties.push({ rank: ticketed[from].a.rank, draw: ticketed.slice(from, to).map(({ a, ticket }) => ({ applicant: a.id, ticket })) });
    from = to;
  }
  return { order: ticketed.map(({ a }) => a), ties };
}

export function ticketOf(seed: string, applicantId: string): string {
  return createHash('sha256').update(seed).update('\u0000').update(applicantId).digest('hex');
}
