import type { DataSource, EntityManager } from 'typeorm';
import { transferSlots } from './document-store';
import { saveNomination, type NominationInput, type SaveResult } from './drafts';
import { submitNomination, type SubmitResult } from './submission';
import type { CheckedFile } from './uploads';
import type { Officer } from './scope';
import type { Problems } from './rules';
import { isUniqueViolation } from '../db/unique-violation';

export type SaveOutcome =
  | { kind: 'saved'; id: number; version: number }
  | { kind: 'submitted'; id: number; version: number }
  /** saved as a draft (nothing typed is lost) but not submitted: these rules are unmet */
  | { kind: 'unmet'; id: number; version: number; problems: Problems }
  /** nothing saved: the first submission of a new form failed these rules (the form shows them with the input kept) */
  | { kind: 'unmetNew'; problems: Problems }
  /** nothing saved */
  | { kind: 'refused'; refusal: Exclude<SaveResult, { ok: true }> | Exclude<SubmitResult, { ok: true } | { problem: 'rules' }> }
  /** nothing saved: the same person is already active in the category (caught by the unique index) */
  | { kind: 'duplicate' };

class Refused extends Error {
  constructor(readonly outcome: SaveOutcome) {
    super('refused');
  }
}

/**
 * «Сохранить черновик» and «Подать заявку» in one transaction. A save refused (stale version, window
 * closed, too many files) rolls everything back. Submission of an existing draft refused by the rules
 * keeps the save — the officer's typing is not lost — and reports the rules. A brand-new form whose
 * first submission fails creates nothing: the form comes back with the input and the rules, so an
 * empty or duplicate attempt (or pressing F5 on it) leaves no draft behind. Any other refusal rolls back.
 */
export async function saveAndSubmit(
  dataSource: DataSource,
  officer: Officer,
  target: { cycleId: number; nominationId: null } | { nominationId: number; version: number },
  input: NominationInput,
  files: { add: CheckedFile[]; removeIds: number[] },
  submit: boolean,
): Promise<SaveOutcome> {
  // a save carrying documents takes a transfer slot: few such transactions at once, so pages find connections
  const slot = files.add.length ? transferSlots(dataSource).saves : null;
  const transaction = <T>(work: (m: EntityManager) => Promise<T>) => (slot ? slot.run(() => dataSource.transaction(work)) : dataSource.transaction(work));
  try {
    return await transaction(async (m) => {
      const saved = await saveNomination(m, officer, target, input, files);
      if (!saved.ok) throw new Refused({ kind: 'refused', refusal: saved });
      if (!submit) return { kind: 'saved', id: saved.id, version: saved.version };
      const submitted = await submitNomination(m, officer, saved.id, saved.version);
      if (submitted.ok) return { kind: 'submitted', id: saved.id, version: submitted.version };
      if (submitted.problem === 'rules') {
        if (target.nominationId === null) throw new Refused({ kind: 'unmetNew', problems: submitted.problems });
        return { kind: 'unmet', id: saved.id, version: saved.version, problems: submitted.problems };
      }
      throw new Refused({ kind: 'refused', refusal: submitted });
    });
  } catch (err) {
    if (err instanceof Refused) return err.outcome;
    if (isUniqueViolation(err)) return { kind: 'duplicate' };
    throw err;
  }
}
