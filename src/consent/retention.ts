import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/record';
import { statusNotIn } from '../nominations/statuses';
import { anonymiseNominations } from './person-data-erase';

/**
 * Retention of personal data (152-FZ art. 5 §7: kept no longer than its purposes need). A cycle's purpose is over
 * once its results are published; `retentionYears` after that, the nominations of the cycle that won nothing are
 * anonymised by the periodic task `consent.retention` (src/jobs/periodic.ts). Winners stay as the ministry's
 * archive. The sweep works in batches, one transaction each, so a first run on years of history neither holds
 * locks for long nor loses its work to one failure.
 */

/**
 * The cycle phases after publication of the results (src/cycles/cycle.entity.ts): the cycle is over, its date
 * of publication starts the clock. The retention rule's own list, so a later phase names itself here.
 */
const CLOSED_CYCLE_PHASES = ['published', 'archived'] as const;

export const RETENTION_BATCH = 200;
/** batches per run at most: a run stays short, and the next one goes on where it stopped */
export const RETENTION_MAX_BATCHES = 50;

/** The moment before which a cycle's publication puts its nominations past retention. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

export interface SweepResult {
  nominations: number;
  documents: number;
  batches: number;
}

/** Anonymises what is past retention at `now`; each batch is audited with its counts (never the data). */
export async function sweepRetention(ds: DataSource, now: Date, years: number, batch = RETENTION_BATCH): Promise<SweepResult> {
  const cutoff = retentionCutoff(now, years);
  const total: SweepResult = { nominations: 0, documents: 0, batches: 0 };
  for (let i = 0; i < RETENTION_MAX_BATCHES; i++) {
    const found = await ds.transaction(async (m) => {
      const rows: Array<{ id: number }> = await m.query(
        `SELECT n.id FROM nomination n JOIN cycle c ON c.id = n.cycle_id
          WHERE c.status = ANY($1::text[]) AND c.published_at <= $2 AND ${statusNotIn('awarded')}
            AND NOT EXISTS (SELECT 1 FROM person_data_erasure e WHERE e.nomination_id = n.id)
          ORDER BY n.id LIMIT $3 FOR UPDATE OF n SKIP LOCKED`,
        [CLOSED_CYCLE_PHASES, cutoff, batch],
      );
      if (!rows.length) return 0;
      const done = await anonymiseNominations(m, rows.map((r) => r.id), { reason: 'retention', actorId: null, at: now, keepRequests: false });
      await recordAudit(m, {
        actorId: null, entity: 'personalData', entityId: 'retention', action: 'personalData.retention',
        data: { nominations: done.nominations, documents: done.documents, years, cutoff: cutoff.toISOString() },
      });
      total.nominations += done.nominations;
      total.documents += done.documents;
      total.batches += 1;
      return rows.length;
    });
    if (found < batch) break;
  }
  total.documents += await deleteKeptRequests(ds, cutoff, years);
  return total;
}

/**
 * A nomination erased earlier on the person's word kept their written request, the reason processing stopped;
 * the period over, it goes too. Winners' documents stay with the archive.
 */
async function deleteKeptRequests(ds: DataSource, cutoff: Date, years: number): Promise<number> {
  return ds.transaction(async (m) => {
    const [{ documents }]: Array<{ documents: number }> = await m.query(
      `WITH gone AS (
         DELETE FROM attachment a USING nomination n, cycle c
          WHERE a.nomination_id = n.id AND c.id = n.cycle_id AND c.status = ANY($1::text[]) AND c.published_at <= $2 AND ${statusNotIn('awarded')}
            AND EXISTS (SELECT 1 FROM person_data_erasure e WHERE e.nomination_id = n.id)
          RETURNING a.id)
       SELECT count(*)::int AS documents FROM gone`,
      [CLOSED_CYCLE_PHASES, cutoff],
    );
    if (documents) {
      await recordAudit(m, {
        actorId: null, entity: 'personalData', entityId: 'retention', action: 'personalData.retention',
        data: { nominations: 0, documents, years, cutoff: cutoff.toISOString() },
      });
    }
    return documents;
  });
}
