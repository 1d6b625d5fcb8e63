import type { EntityManager } from 'typeorm';

/**
 * The data of a nominee a publication consent (152-FZ art. 10.1) may allow to be public, in the order the
 * consent form and the nomination form list them. Everything else (phone, email, documents, years of practice,
 * achievements) is never public.
 */
export const PUBLIC_FIELDS = ['fullName', 'position', 'institution', 'municipality'] as const;
export type PublicField = (typeof PUBLIC_FIELDS)[number];

/** The publication_consent column of each field. */
export const PUBLIC_FIELD_COLUMNS: Record<PublicField, string> = {
  fullName: 'full_name',
  position: 'position',
  institution: 'institution',
  municipality: 'municipality',
};

export const isPublicField = (s: string): s is PublicField => (PUBLIC_FIELDS as readonly string[]).includes(s);

/**
 * What of each nomination's nominee may be public NOW: the fields of its publication consent unless withdrawn
 * (withdrawing the consent to processing withdraws this one too); a nomination without a consent gets an empty
 * set. Every id asked for is in the map. One query for all ids.
 */
export async function publicFieldsOf(m: EntityManager, nominationIds: number[]): Promise<Map<number, Set<PublicField>>> {
  const result = new Map<number, Set<PublicField>>(nominationIds.map((id) => [id, new Set<PublicField>()]));
  if (!nominationIds.length) return result;
  const rows: Array<{ id: number } & Record<PublicField, boolean>> = await m.query(
    `SELECT nomination_id AS id, ${PUBLIC_FIELDS.map((f) => `${PUBLIC_FIELD_COLUMNS[f]} AS "${f}"`).join(', ')}
       FROM publication_consent WHERE nomination_id = ANY($1::int[]) AND withdrawn_at IS NULL`,
    [[...new Set(nominationIds)]],
  );
  for (const row of rows) {
    const fields = result.get(row.id)!;
    for (const f of PUBLIC_FIELDS) if (row[f]) fields.add(f);
  }
  return result;
}

/**
 * SQL boolean expression "this field of the nomination's nominee may be public now", for the nomination alias
 * `n` (default) of a bulk query like the winners list: a correlated EXISTS, so the query needs no join and its
 * row count does not change. The field and alias are checked, never user input.
 */
export function publicFieldSql(field: PublicField, nominationAlias = 'n'): string {
  if (!isPublicField(field)) throw new Error(`not a public field: ${String(field)}`);
  if (!/^[a-z_][a-z0-9_]*$/i.test(nominationAlias)) throw new Error(`not an SQL alias: ${nominationAlias}`);
  return `EXISTS (SELECT 1 FROM publication_consent pc_${field} WHERE pc_${field}.nomination_id = ${nominationAlias}.id AND pc_${field}.withdrawn_at IS NULL AND pc_${field}.${PUBLIC_FIELD_COLUMNS[field]})`;
}
