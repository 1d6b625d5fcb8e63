import type { CycleStatus } from './cycle.entity';
import type { CategoryInput } from './categories';

/**
 * What may be changed in a cycle's categories in each phase. Pure: the cycle page and the category form
 * read it to offer only what is allowed, categories.ts reads it to refuse the rest.
 *
 * - text (name, description): wording only; a typo may be fixed until the results are approved. After
 *   that the name is printed on diplomas and published with the winners, and must stay as it was.
 * - winners (how many win): used only when the results are computed, so it may change until judging
 *   starts; from judging on, jurors and the committee work towards a known number of winners.
 * - rules (quota per municipality, years of practice, past winners, required documents): officers'
 *   nominations were submitted and screened against them, so they change only while nominations are
 *   open (a returned nomination, resubmitted during screening, must meet the rules it was returned under).
 * - add: a new category is useful only while officers can still nominate into it.
 * Reordering and deleting a category that holds no nominations change nothing anyone has relied on, and
 * stay allowed; judging criteria have their own page and rules (src/jury/criteria*).
 */
export type CategoryChange = 'add' | 'text' | 'winners' | 'rules';

const ALLOWED: Record<CycleStatus, readonly CategoryChange[]> = {
  draft: ['add', 'text', 'winners', 'rules'],
  nominations_open: ['add', 'text', 'winners', 'rules'],
  screening: ['text', 'winners'],
  judging: ['text'],
  deliberation: ['text'],
  approved: [],
  published: [],
  archived: [],
  // a programme has tracks (src/programmes), not categories
  allocation: [],
  confirmation: [],
  training: [],
  completion: [],
  closed: [],
};

/** The group each field of the category form belongs to. */
export const FIELD_CHANGE: Record<keyof CategoryInput, Exclude<CategoryChange, 'add'>> = {
  name: 'text',
  description: 'text',
  maxWinners: 'winners',
  quotaPerMunicipality: 'rules',
  minYearsPractice: 'rules',
  pastWinnersExcludedYears: 'rules',
  requiredDocuments: 'rules',
};

export function mayChangeCategory(status: CycleStatus, change: CategoryChange): boolean {
  return ALLOWED[status].includes(change);
}

/** Whether anything of an existing category may be edited in this phase. */
export const mayEditCategory = (status: CycleStatus) => ALLOWED[status].some((c) => c !== 'add');

/** The fields of the form the phase keeps as they are (shown, not editable). */
export function lockedFields(status: CycleStatus): Array<keyof CategoryInput> {
  return (Object.keys(FIELD_CHANGE) as Array<keyof CategoryInput>).filter((f) => !mayChangeCategory(status, FIELD_CHANGE[f]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields an edit would change that the phase does not allow to change. */
export function forbiddenChanges(status: CycleStatus, stored: CategoryInput, input: CategoryInput): Array<keyof CategoryInput> {
  return lockedFields(status).filter((f) => {
    if (f === 'requiredDocuments') return !same([...stored.requiredDocuments].sort(), [...input.requiredDocuments].sort());
    return !same(stored[f], input[f]);
  });
}
