import type { EntityManager } from 'typeorm';
import { statusIn } from '../nominations/statuses';
import type { ErasureReason } from './person-data-erasure.entity';

/**
 * The one routine that erases a nomination's personal data, shared by the retention sweep, a withdrawal of the
 * consent to processing and the erasure a person asks for. What stays is what the award needs without the
 * person: the nomination's cycle, category, municipality, status and place, the jurors' scores (so the
 * results still add up) and the audit trail of what happened. Winners are never erased: their records are the
 * ministry's archive (152-FZ art. 6 §1 p. 2–3), kept and shown publicly only under a publication consent.
 */

/** What an erased nominee's name reads as, on every page and certificate that still shows the nomination. */
export const ERASED_NAME: Record<ErasureReason, string> = {
  retention: 'Удалено по сроку хранения',
  withdrawal: 'Удалено по отзыву согласия',
  request: 'Удалено по заявлению',
};

/** The certificate values that name or place the person (the municipality and category stay): the name lines read the marker. */
const PRINTED_NAMES = ['holder.fullName', 'nominee.fullName', 'nominee.lastName', 'participant.lastName'] as const;
const PRINTED_CLEARED = ['nominee.firstName', 'nominee.patronymic', 'nominee.position', 'nominee.institution', 'participant.firstName', 'participant.patronymic', 'participant.position', 'participant.institution'] as const;

/** The audit entries' data that named the person or their files, written before erasure (drafts.ts, draft-delete.ts). */
const AUDIT_PERSONAL_KEYS = ['added', 'nominee'] as const;

export interface ErasureCounts {
  /** the nominations erased now, by id */
  ids: number[];
  nominations: number;
  documents: number;
}

export interface ErasureInput {
  reason: ErasureReason;
  actorId: number | null;
  at: Date;
  /** keep the person's written withdrawal requests (the evidence why processing stopped); the retention sweep keeps nothing */
  keepRequests: boolean;
}

/**
 * Erases the personal data of the given nominations in the caller's transaction; winners and nominations
 * already erased are skipped. Nominee rows are shared copy-on-write (src/nominations/drafts.ts): each erased
 * nomination gets a fresh anonymous nominee row, and the old row is deleted once no nomination names it, so
 * another nomination of the same person (say, a winner) keeps its data untouched.
 */
export async function anonymiseNominations(m: EntityManager, ids: readonly number[], input: ErasureInput): Promise<ErasureCounts> {
  if (!ids.length) return { ids: [], nominations: 0, documents: 0 };
  const rows: Array<{ id: number; nominee_id: number; full_name: string }> = await m.query(
    `SELECT n.id, n.nominee_id, concat_ws(' ', nullif(ne.last_name, ''), nullif(ne.first_name, ''), nullif(ne.patronymic, '')) AS full_name
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id
      WHERE n.id = ANY($1::int[]) AND NOT ${statusIn('awarded')}
        AND NOT EXISTS (SELECT 1 FROM person_data_erasure e WHERE e.nomination_id = n.id)
      ORDER BY n.id FOR UPDATE OF n`,
    [[...ids]],
  );
  if (!rows.length) return { ids: [], nominations: 0, documents: 0 };
  const erased = rows.map((r) => r.id);
  const marker = ERASED_NAME[input.reason];

  for (const r of rows) {
    const [fresh]: Array<{ id: number }> = await m.query(
      `INSERT INTO nominee (municipality_id, last_name, specialty) SELECT municipality_id, $2, specialty FROM nominee WHERE id = $1 RETURNING id`,
      [r.nominee_id, marker],
    );
    await m.query(`UPDATE nomination SET nominee_id = $2, achievements = '', motivation = '', status_reason = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [r.id, fresh.id]);
    // the messages about this nomination named the person: the name goes from them too
    if (r.full_name) {
      await m.query(
        `UPDATE mail_message SET subject = replace(subject, $2, $3), text = replace(text, $2, $3), html = replace(html, $2, $3) WHERE idempotency_key LIKE $1`,
        [`%:nomination:${r.id}:%`, r.full_name, marker],
      );
    }
  }
  // a nominee row no nomination names any more is the person's data and nothing else
  const oldNominees = [...new Set(rows.map((r) => r.nominee_id))];
  await m.query(`DELETE FROM nominee ne WHERE ne.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM nomination n WHERE n.nominee_id = ne.id)`, [oldNominees]);

  const [{ documents }]: Array<{ documents: number }> = await m.query(
    `WITH gone AS (DELETE FROM attachment WHERE nomination_id = ANY($1::int[])${input.keepRequests ? ` AND kind <> 'consent_withdrawal'` : ''} RETURNING id)
     SELECT count(*)::int AS documents FROM gone`,
    [erased],
  );
  // scores stay (the results are recomputable); the jurors' words about the person do not
  await m.query(`UPDATE scorecard SET comment = '' WHERE nomination_id = ANY($1::int[]) AND comment <> ''`, [erased]);
  await m.query(`UPDATE score_history SET previous_comment = '' WHERE scorecard_id IN (SELECT id FROM scorecard WHERE nomination_id = ANY($1::int[])) AND previous_comment <> ''`, [erased]);
  // a participation certificate still verifies by its number, without the person
  const printed = [...PRINTED_NAMES.flatMap((key) => [key, marker]), ...PRINTED_CLEARED.flatMap((key) => [key, ''])];
  await m.query(
    `UPDATE certificate SET holder_name = $2, printed = printed || jsonb_build_object(${printed.map((_, i) => `$${i + 3}::text`).join(', ')}) WHERE nomination_id = ANY($1::int[])`,
    [erased, marker, ...printed],
  );
  await m.query(
    `UPDATE audit_event SET data = data ${AUDIT_PERSONAL_KEYS.map((k) => `- '${k}'`).join(' ')}
      WHERE entity = 'nomination' AND entity_id = ANY($1::text[]) AND data IS NOT NULL`,
    [erased.map(String)],
  );
  await m.query(
    `INSERT INTO person_data_erasure (nomination_id, reason, erased_at, actor_id) SELECT unnest($1::int[]), $2, $3, $4`,
    [erased, input.reason, input.at, input.actorId],
  );
  return { ids: erased, nominations: erased.length, documents };
}
