import type { EntityManager } from 'typeorm';
import type { CertificateKind } from './certificate.entity';
import { roman } from './placeholders';
import { statusIn } from '../nominations/statuses';
import { participantsToCertify } from './completion-holders';

/**
 * Who gets a certificate of each kind in a cycle, with the values to print, leaving out whoever already
 * holds a valid one of that kind (a revoked one does not count, so the holder can be issued again).
 *
 * - winner: nominations with status `winner` and a place (a diploma whose place a correction of the
 *   results changed is revoked when the cycle is published again, before this runs: settleWinnerDiplomas);
 * - nominee (certificate of participation): nominations admitted to judging that did not win
 *   (`accepted`, `not_awarded`) — winners get their diploma instead;
 * - juror (letter of thanks): jurors who submitted at least one scorecard in the cycle. Panel
 *   membership alone is not enough: a juror who never judged has nothing to be thanked for.
 * - completion (a programme's certificate of completion): participants marked completed (completion-holders.ts).
 */
export interface Holder {
  nominationId: number | null;
  jurorId: number | null;
  participantId: number | null;
  categoryId: number | null;
  place: number | null;
  holderName: string;
  /** placeholder values of the holder (the cycle's, the number and the date are added at issue) */
  values: Record<string, string>;
}

interface NomineeRow {
  nomination_id: number;
  category_id: number;
  place: number | null;
  last_name: string;
  first_name: string;
  patronymic: string;
  position: string;
  institution: string;
  municipality: string;
  category: string;
}

const STATUSES: Record<Exclude<CertificateKind, 'juror' | 'completion'>, string> = {
  winner: `${statusIn('awarded')} AND n.place IS NOT NULL`,
  nominee: statusIn('participants'),
};

/** Narrows the search to one holder; `replacing` is a certificate about to be replaced, which does not count. */
export interface HolderFilter {
  nominationId?: number;
  jurorId?: number;
  participantIds?: number[];
  replacing?: number;
}

export async function holdersToIssue(m: EntityManager, cycleId: number, kind: CertificateKind, only: HolderFilter = {}): Promise<Holder[]> {
  if (kind === 'juror') return jurorsToIssue(m, cycleId, only);
  if (kind === 'completion') return participantsToCertify(m, cycleId, only);
  const rows: NomineeRow[] = await m.query(
    `SELECT n.id AS nomination_id, n.category_id, n.place, p.last_name, p.first_name, p.patronymic, p.position, p.institution,
            mu.name AS municipality, c.name AS category
       FROM nomination n
       JOIN nominee p ON p.id = n.nominee_id
       JOIN category c ON c.id = n.category_id
       JOIN municipality mu ON mu.id = n.municipality_id
      WHERE n.cycle_id = $1 AND ${STATUSES[kind]} AND ($3::int IS NULL OR n.id = $3)
        AND NOT EXISTS (SELECT 1 FROM certificate x WHERE x.nomination_id = n.id AND x.kind = $2 AND x.revoked_at IS NULL AND x.id <> $4)
      ORDER BY c.sort_order, c.id, n.place NULLS LAST, p.last_name, p.first_name, n.id`,
    [cycleId, kind, only.nominationId ?? null, only.replacing ?? 0],
  );
  return rows.map((r) => {
    const fullName = [r.last_name, r.first_name, r.patronymic].map((s) => s.trim()).filter(Boolean).join(' ');
    const values: Record<string, string> = {
      'holder.fullName': fullName,
      'nominee.fullName': fullName,
      'nominee.lastName': r.last_name,
      'nominee.firstName': r.first_name,
      'nominee.patronymic': r.patronymic,
      'nominee.position': r.position,
      'nominee.institution': r.institution,
      'nominee.municipality': r.municipality,
      'category.name': r.category,
    };
    if (kind === 'winner' && r.place) Object.assign(values, { place: String(r.place), 'place.roman': roman(r.place) });
    return { nominationId: r.nomination_id, jurorId: null, participantId: null, categoryId: r.category_id, place: kind === 'winner' ? r.place : null, holderName: fullName, values };
  });
}

async function jurorsToIssue(m: EntityManager, cycleId: number, only: HolderFilter): Promise<Holder[]> {
  const rows: Array<{ id: number; full_name: string; institution: string | null }> = await m.query(
    `SELECT u.id, u.full_name, u.institution
       FROM app_user u
      WHERE u.role = 'juror' AND ($2::int IS NULL OR u.id = $2)
        AND EXISTS (SELECT 1 FROM scorecard s JOIN nomination n ON n.id = s.nomination_id
                     WHERE s.juror_id = u.id AND s.status = 'submitted' AND n.cycle_id = $1)
        AND NOT EXISTS (SELECT 1 FROM certificate x WHERE x.cycle_id = $1 AND x.juror_id = u.id AND x.kind = 'juror' AND x.revoked_at IS NULL AND x.id <> $3)
      ORDER BY u.full_name, u.id`,
    [cycleId, only.jurorId ?? null, only.replacing ?? 0],
  );
  return rows.map((r) => ({
    nominationId: null,
    jurorId: r.id,
    participantId: null,
    categoryId: null,
    place: null,
    holderName: r.full_name.trim(),
    values: { 'holder.fullName': r.full_name.trim(), 'juror.fullName': r.full_name.trim(), 'juror.institution': r.institution ?? '' },
  }));
}
