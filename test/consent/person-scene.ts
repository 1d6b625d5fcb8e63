import type { DataSource } from 'typeorm';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { insertDocument } from '../../src/nominations/document-store';
import type { NominationStatus } from '../../src/nominations/statuses';
import type { Nominee } from '../../src/nominations/nominee.entity';
import { PDF } from '../support/officer-forms';

/** Scenes for the personal-data tests: published cycles with nominations carrying everything the app stores about a person. */

const DAY = 24 * 3600 * 1000;

/** A cycle whose results were published at `publishedAt` (its phases all before), with one category. */
export async function publishedCycle(ds: DataSource, publishedAt: Date) {
  const at = publishedAt.getTime();
  const { cycle, categories } = await createCycle(ds, {
    status: 'published', publishedAt, approvedAt: new Date(at - DAY),
    nominationsStart: new Date(at - 90 * DAY), nominationsEnd: new Date(at - 80 * DAY),
    screeningStart: new Date(at - 80 * DAY), screeningEnd: new Date(at - 70 * DAY),
    judgingStart: new Date(at - 70 * DAY), judgingEnd: new Date(at - 60 * DAY),
    deliberationStart: new Date(at - 60 * DAY), deliberationEnd: new Date(at - 2 * DAY),
  });
  const [criterion] = await ds.query(`INSERT INTO criterion (category_id, name, weight, scale_min, scale_max) VALUES ($1, 'Достижения', 1, 1, 10) RETURNING id`, [categories[0].id]);
  return { cycle, category: categories[0], criterionId: criterion.id as number };
}

export interface PersonNominationOptions {
  cycleId: number;
  categoryId: number;
  criterionId: number;
  status: NominationStatus;
  nominee?: Partial<Nominee>;
  municipality?: string;
  place?: number | null;
}

/**
 * A nomination with a document, a juror's submitted scorecard (with a comment naming the person), a certificate
 * and a message to the officer about it, as a cycle's life leaves them.
 */
export async function personNomination(ds: DataSource, o: PersonNominationOptions) {
  const officer = await userId(ds, 'officer@example.org');
  const juror = await userId(ds, 'juror@example.org');
  const n = await createNomination(ds, {
    cycleId: o.cycleId, categoryId: o.categoryId, municipalityId: await municipalityId(ds, o.municipality ?? 'Красногорск'), authorId: officer,
    status: o.status, nominee: o.nominee, withPdf: true,
  });
  if (o.place) await ds.query(`UPDATE nomination SET place = $2 WHERE id = $1`, [n.id, o.place]);
  const [nominee] = await ds.query(`SELECT last_name, first_name, patronymic FROM nominee WHERE id = $1`, [n.nomineeId]);
  const fullName = `${nominee.last_name} ${nominee.first_name} ${nominee.patronymic}`;
  const [card] = await ds.query(
    `INSERT INTO scorecard (juror_id, nomination_id, status, comment, weighted_total, submitted_at) VALUES ($1, $2, 'submitted', $3, 7, now()) RETURNING id`,
    [juror, n.id, `${nominee.last_name} — сильная заявка`],
  );
  await ds.query(`INSERT INTO score (scorecard_id, criterion_id, value) VALUES ($1, $2, 7)`, [card.id, o.criterionId]);
  const [template] = await ds.query(
    `INSERT INTO certificate_template (cycle_id, kind, version, title, body) VALUES ($1, 'nominee', 1, 'Сертификат', '{holder.fullName}')
     ON CONFLICT (cycle_id, kind, version) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
    [o.cycleId],
  );
  const [seq] = await ds.query(`SELECT coalesce(max(seq), 0) + 1 AS next FROM certificate WHERE cycle_id = $1`, [o.cycleId]);
  await ds.query(
    `INSERT INTO certificate (cycle_id, kind, seq, number, code, template_id, holder_name, nomination_id, printed, issued_at)
     VALUES ($1, 'nominee', $2, $3, $4, $5, $6, $7, $8, now())`,
    [o.cycleId, seq.next, `CERT-${n.id}`, `code-${n.id}-${Math.random().toString(36).slice(2)}`, template.id, fullName, n.id,
      JSON.stringify({ 'holder.fullName': fullName, 'nominee.lastName': nominee.last_name, 'nominee.institution': 'Красногорская городская больница № 1', 'nominee.municipality': 'Красногорск' })],
  );
  await ds.query(
    `INSERT INTO mail_message (kind, recipient_user_id, to_email, language, subject, text, html, status, idempotency_key)
     VALUES ('nomination_accepted', $1, 'officer@example.org', 'ru', $2, $3, $4, 'sent', $5)`,
    [officer, `Заявка принята: ${fullName}`, `Заявка на ${fullName} принята.`, `<p>Заявка на ${fullName} принята.</p>`, `nomination_accepted:nomination:${n.id}:v2:officer:${officer}`],
  );
  // as the officer's save records it (src/nominations/drafts.ts): the file names, which may name the person
  await ds.query(
    `INSERT INTO audit_event (actor_id, entity, entity_id, action, cycle_id, data) VALUES ($1, 'nomination', $2, 'nomination.created', $3, $4)`,
    [officer, String(n.id), o.cycleId, JSON.stringify({ added: [`Ходатайство ${nominee.last_name}.pdf`], removed: 0 })],
  );
  return { id: n.id, nomineeId: n.nomineeId, fullName };
}

/** A document of `size` bytes (a PDF head and filler), stored in pieces as uploads are. */
export async function bigDocument(ds: DataSource, nominationId: number, size: number, fileName = 'Портфолио.pdf'): Promise<Buffer> {
  const data = Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]);
  await insertDocument(ds.manager, { nominationId, kind: 'other', fileName, mime: 'application/pdf', size, sha256: 'x'.repeat(64), uploadedById: null }, data);
  return data;
}

export async function nomineeOf(ds: DataSource, nominationId: number) {
  const [row] = await ds.query(
    `SELECT ne.id, ne.last_name, ne.first_name, ne.patronymic, ne.position, ne.institution, ne.phone, ne.email, n.achievements, n.motivation
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id WHERE n.id = $1`,
    [nominationId],
  );
  return row;
}

export const count = async (ds: DataSource, sql: string, params: unknown[] = []): Promise<number> => (await ds.query(sql, params))[0].n;
