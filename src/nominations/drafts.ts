import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { Nomination } from './nomination.entity';
import { Nominee } from './nominee.entity';
import { Attachment } from './attachment.entity';
import { officerEditWindow } from './rules';
import { MAX_FILES_PER_NOMINATION, type CheckedFile } from './uploads';
import { lockOwnNomination, type Officer } from './officer-scope';
import { recordAudit } from '../audit/record';

export interface NomineeFields {
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  specialty: string;
  yearsOfPractice: number | null;
  phone: string;
  email: string;
}

export interface NominationInput {
  categoryId: number | null;
  /** an existing nominee of the municipality picked instead of typing the person again */
  nomineeId: number | null;
  nominee: NomineeFields;
  achievements: string;
  motivation: string;
}

export type SaveResult =
  | { ok: true; id: number; version: number }
  | { ok: false; problem: 'notFound' }
  | { ok: false; problem: 'closed'; deadline: Date | null }
  | { ok: false; problem: 'conflict' }
  | { ok: false; problem: 'notEditable' }
  | { ok: false; problem: 'tooManyFiles'; max: number }
  | { ok: false; problem: 'field'; field: string; key: string };

/**
 * Saves a nomination as it is — a draft may have any field missing — with new documents and removals,
 * all in the caller's transaction. An existing nomination is saved only if nobody saved it since the
 * version the officer loaded (optimistic locking); otherwise nothing changes.
 */
export async function saveNomination(
  m: EntityManager,
  officer: Officer,
  target: { cycleId: number; nominationId: null } | { nominationId: number; version: number },
  input: NominationInput,
  files: { add: CheckedFile[]; removeIds: number[] },
  now = new Date(),
): Promise<SaveResult> {
  let nomination: Nomination | null = null;
  let cycle: Cycle | null;
  if (target.nominationId !== null) {
    const own = await lockOwnNomination(m, officer, target.nominationId);
    if (!own) return { ok: false, problem: 'notFound' };
    ({ nomination, cycle } = own);
    if (!['draft', 'returned'].includes(nomination.status)) return { ok: false, problem: 'notEditable' };
    if (nomination.version !== target.version) return { ok: false, problem: 'conflict' };
  } else {
    cycle = await m.findOne(Cycle, { where: { id: target.cycleId } });
    if (!cycle) return { ok: false, problem: 'notFound' };
  }
  const window = officerEditWindow(cycle, nomination?.status ?? null, now);
  if (!window.open) return { ok: false, problem: 'closed', deadline: window.deadline };

  if (input.categoryId !== null && !(await m.exists(Category, { where: { id: input.categoryId, cycleId: cycle.id } }))) {
    return { ok: false, problem: 'field', field: 'categoryId', key: 'validation.invalid' };
  }
  // Every refusal happens before the first write, so a refused save leaves nothing half-saved.
  const kept = nomination ? await m.count(Attachment, { where: { nominationId: nomination.id } }) - (files.removeIds.length ? await countOwn(m, nomination.id, files.removeIds) : 0) : 0;
  if (kept + files.add.length > MAX_FILES_PER_NOMINATION) return { ok: false, problem: 'tooManyFiles', max: MAX_FILES_PER_NOMINATION };
  let nomineeId = input.nomineeId ?? nomination?.nomineeId ?? null;
  if (input.nomineeId !== null && !(await m.exists(Nominee, { where: { id: input.nomineeId, municipalityId: officer.municipalityId } }))) {
    return { ok: false, problem: 'field', field: 'nomineeId', key: 'validation.invalid' };
  }
  if (nomineeId === null) {
    const created = await m.insert(Nominee, { ...input.nominee, municipalityId: officer.municipalityId });
    nomineeId = created.identifiers[0].id as number;
  } else {
    await m.update(Nominee, { id: nomineeId, municipalityId: officer.municipalityId }, { ...input.nominee });
  }

  const fields = { categoryId: input.categoryId, nomineeId, achievements: input.achievements, motivation: input.motivation };
  let id: number;
  let version: number;
  if (nomination) {
    id = nomination.id;
    version = nomination.version + 1;
    await m.update(Nomination, { id, version: nomination.version }, { ...fields, version });
  } else {
    const inserted = await m.insert(Nomination, { ...fields, cycleId: cycle.id, municipalityId: officer.municipalityId, authorId: officer.id, status: 'draft', version: 1 });
    id = inserted.identifiers[0].id as number;
    version = 1;
  }

  if (files.removeIds.length) {
    await m.createQueryBuilder().delete().from(Attachment).where('nomination_id = :id AND id IN (:...ids)', { id, ids: files.removeIds }).execute();
  }
  for (const f of files.add) await m.insert(Attachment, { ...f, nominationId: id, uploadedById: officer.id });

  await recordAudit(m, {
    actorId: officer.id, entity: 'nomination', entityId: id, cycleId: cycle.id,
    action: nomination ? 'nomination.saved' : 'nomination.created',
    data: { added: files.add.map((f) => f.fileName), removed: files.removeIds.length },
  });
  return { ok: true, id, version };
}

async function countOwn(m: EntityManager, nominationId: number, ids: number[]): Promise<number> {
  return m.createQueryBuilder(Attachment, 'a').where('a.nomination_id = :nominationId AND a.id IN (:...ids)', { nominationId, ids }).getCount();
}
