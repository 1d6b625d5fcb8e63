import type { EntityManager } from 'typeorm';
import { NOMINATION_MOVES, type NominationMove } from './statuses';

/**
 * What every page about one nomination shows, whoever looks at it (the officer now, the screening
 * admin later): its history from the audit log and its documents. The caller has already checked
 * that the person may see the nomination; these only read by its id.
 */

export interface HistoryRow {
  at: Date;
  actorName: string | null;
  /** catalog key of the action («подана», «возвращена»…) */
  actionKey: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
}

// the history names the officer's saves and the screening moves; other moves (results) read as «other»
const NAMED_MOVES = ['submit', 'withdraw', 'accept', 'reject', 'return'] as const satisfies readonly NominationMove[];
const KNOWN_ACTIONS = new Set(['created', 'saved', ...NAMED_MOVES.map((mv) => NOMINATION_MOVES[mv].audit.replace(/^nomination\./, ''))]);

export async function nominationHistory(m: EntityManager, nominationId: number): Promise<HistoryRow[]> {
  const rows: Array<{ at: Date; actor_name: string | null; action: string; from_state: string | null; to_state: string | null; reason: string | null }> = await m.query(
    `SELECT e.at, u.full_name AS actor_name, e.action, e.from_state, e.to_state, e.reason
       FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
      WHERE e.entity = 'nomination' AND e.entity_id = $1
      ORDER BY e.at, e.id`,
    [String(nominationId)],
  );
  return rows.map((r) => {
    const action = r.action.replace(/^nomination\./, '');
    return {
      at: r.at,
      actorName: r.actor_name,
      actionKey: `nominations.history.actions.${KNOWN_ACTIONS.has(action) ? action : 'other'}`,
      fromState: r.from_state,
      toState: r.to_state,
      reason: r.reason,
    };
  });
}

export interface DocumentRow {
  id: number;
  fileName: string;
  kindKey: string;
  mime: string;
  size: { key: string; params: { n: string } };
  createdAt: Date;
  url: string;
}

/** «340 КБ», «2.5 МБ»: the catalog key and its number. */
export function sizeLabel(bytes: number): DocumentRow['size'] {
  if (bytes < 1024 * 1024) return { key: 'nominations.documents.sizeKb', params: { n: String(Math.max(1, Math.round(bytes / 1024))) } };
  return { key: 'nominations.documents.sizeMb', params: { n: (bytes / (1024 * 1024)).toFixed(1) } };
}

/** The documents of a nomination (never their bytes), each with the URL it downloads from. */
export async function nominationDocuments(m: EntityManager, nominationId: number, urlOf: (documentId: number) => string): Promise<DocumentRow[]> {
  const rows: Array<{ id: number; file_name: string; kind: string; mime: string; size: number; created_at: Date }> = await m.query(
    `SELECT id, file_name, kind, mime, size, created_at FROM attachment WHERE nomination_id = $1 ORDER BY created_at, id`,
    [nominationId],
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    kindKey: `nominations.documentKinds.${r.kind}`,
    mime: r.mime,
    size: sizeLabel(r.size),
    createdAt: r.created_at,
    url: urlOf(r.id),
  }));
}
