import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { Nomination } from './nomination.entity';
import { Nominee } from './nominee.entity';
import { Attachment } from './attachment.entity';
import { insertDocument } from './document-store';
import { officerEditWindow } from './rules';
import { MAX_FILES_PER_NOMINATION, type CheckedFile } from './uploads';
import { lockOfficerNomination, lockOfficerNominee, officerNominee, type Officer } from './scope';
import { recordAudit } from '../audit/record';
import { isIn, theStatus } from './statuses';
import { setPublicationConsent } from '../consent/lifecycle';
import type { PublicField } from '../consent/public-fields';
import { chooseTracks, saveApplicationChoices, type ApplicationInput } from '../programmes/applications';

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
  /** what the nominee allows to be published (their consent to publication); belongs to this nomination */
  publication: PublicField[];
  /** a programme's application: its ranked tracks stand for the category (src/programmes/applications.ts) */
  programme?: ApplicationInput;
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
    const own = await lockOfficerNomination(m, officer, target.nominationId);
    if (!own) return { ok: false, problem: 'notFound' };
    ({ nomination, cycle } = own);
    if (!isIn('editable', nomination.status)) return { ok: false, problem: 'notEditable' };
    if (nomination.version !== target.version) return { ok: false, problem: 'conflict' };
  } else {
    cycle = await m.findOne(Cycle, { where: { id: target.cycleId } });
    if (!cycle) return { ok: false, problem: 'notFound' };
  }
  const window = officerEditWindow(cycle, nomination?.status ?? null, now);
  if (!window.open) return { ok: false, problem: 'closed', deadline: window.deadline };

  let categoryId = input.categoryId;
  let trackIds: number[] | null = null;
  if (cycle.kind === 'programme') {
    const choice = await chooseTracks(m, cycle, input.programme?.preferences ?? []);
    if (!choice.ok) return { ok: false, problem: 'field', field: choice.field, key: choice.key };
    ({ categoryId, trackIds } = choice);
  }
  if (categoryId !== null && !(await m.exists(Category, { where: { id: categoryId, cycleId: cycle.id } }))) {
    return { ok: false, problem: 'field', field: 'categoryId', key: 'validation.invalid' };
  }
  // Every refusal happens before the first write, so a refused save leaves nothing half-saved.
  const kept = nomination ? await m.count(Attachment, { where: { nominationId: nomination.id } }) - (files.removeIds.length ? await countOwn(m, nomination.id, files.removeIds) : 0) : 0;
  if (kept + files.add.length > MAX_FILES_PER_NOMINATION) return { ok: false, problem: 'tooManyFiles', max: MAX_FILES_PER_NOMINATION };
  if (input.nomineeId !== null && !(await officerNominee(m, officer, input.nomineeId))) {
    return { ok: false, problem: 'field', field: 'nomineeId', key: 'validation.invalid' };
  }
  const nomineeId = await saveNominee(m, officer, input.nomineeId ?? nomination?.nomineeId ?? null, nomination?.id ?? null, input.nominee);

  const fields = { categoryId, nomineeId, achievements: input.achievements, motivation: input.motivation };
  let id: number;
  let version: number;
  if (nomination) {
    id = nomination.id;
    version = nomination.version + 1;
    await m.update(Nomination, { id, version: nomination.version }, { ...fields, version });
  } else {
    const inserted = await m.insert(Nomination, { ...fields, cycleId: cycle.id, municipalityId: officer.municipalityId, authorId: officer.id, status: theStatus('initial'), version: 1 });
    id = inserted.identifiers[0].id as number;
    version = 1;
  }

  if (trackIds) await saveApplicationChoices(m, id, trackIds, input.programme?.languages ?? {});
  if (files.removeIds.length) {
    await m.createQueryBuilder().delete().from(Attachment).where('nomination_id = :id AND id IN (:...ids)', { id, ids: files.removeIds }).execute();
  }
  // each file's bytes are read from its temporary file piece by piece, never whole
  for (const f of files.add) {
    await insertDocument(m, { nominationId: id, kind: f.kind, fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256, uploadedById: officer.id }, { path: f.path });
  }

  await recordAudit(m, {
    actorId: officer.id, entity: 'nomination', entityId: id, cycleId: cycle.id,
    action: nomination ? 'nomination.saved' : 'nomination.created',
    data: { added: files.add.map((f) => f.fileName), removed: files.removeIds.length },
  });
  await setPublicationConsent(m, id, input.publication, officer.id);
  return { ok: true, id, version };
}

const NOMINEE_FIELDS = ['lastName', 'firstName', 'patronymic', 'position', 'institution', 'specialty', 'yearsOfPractice', 'phone', 'email'] as const satisfies ReadonlyArray<keyof NomineeFields>;

/**
 * The nominee row this draft will name, copy-on-write. Nominee rows are shared: a person picked from the
 * search (`?nomineeId=`) may be the nominee of nominations already submitted, judged or published, whose
 * data must stay what they were judged and published with (the public list and the diploma agree). So a
 * row is changed in place only when no other nomination names it; a row named elsewhere is kept as it is
 * (its data was only the starting copy of this form), and a changed person gets a fresh row of their own.
 * The row is locked first, so a parallel save or deletion of another draft naming it waits.
 */
async function saveNominee(m: EntityManager, officer: Officer, baseId: number | null, nominationId: number | null, fields: NomineeFields): Promise<number> {
  const insert = async () => (await m.insert(Nominee, { ...fields, municipalityId: officer.municipalityId })).identifiers[0].id as number;
  if (baseId === null) return insert();
  const base = await lockOfficerNominee(m, officer, baseId);
  if (!base) return insert();
  const unchanged = NOMINEE_FIELDS.every((f) => base[f] === fields[f]);
  if (unchanged) return base.id;
  const sharedRows: Array<{ id: number }> = await m.query(`SELECT id FROM nomination WHERE nominee_id = $1 AND id IS DISTINCT FROM $2 LIMIT 1`, [base.id, nominationId]);
  if (sharedRows.length) return insert();
  await m.update(Nominee, { id: base.id }, { ...fields });
  return base.id;
}

async function countOwn(m: EntityManager, nominationId: number, ids: number[]): Promise<number> {
  return m.createQueryBuilder(Attachment, 'a').where('a.nomination_id = :nominationId AND a.id IN (:...ids)', { nominationId, ids }).getCount();
}
