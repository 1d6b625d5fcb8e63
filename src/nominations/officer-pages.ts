import type { Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { OFFICER_DOCUMENT_KINDS } from '../cycles/category.entity';
import type { FieldErrors } from '../web/forms';
import { canWithdraw, officerEditWindow, opensLater, TEXT_LIMITS, MIN_TEXT } from './rules';
import { MAX_FILES_PER_NOMINATION } from './uploads';
import { deletable } from './draft-delete';
import { officerOf } from '../auth/policies';
import { isIn } from './statuses';
import { categoryCards, type OwnNomination } from './officer-queries';
import { nominationDocuments, nominationHistory } from './nomination-records';
import { CONSENT_SLOTS, DOCUMENT_SLOTS, FIELD_LIMITS, fileField, kindField, nest, valuesFromRecord, type FormValues } from './nomination-form';
import { PUBLIC_FIELDS, publicFieldsOf } from '../consent/public-fields';
import { consentFormLinks, consentSummary } from '../consent/consent-summary';
import { fullName } from '../text/normalise';
import { applicationFields, chosenTrackNames, storedApplication } from '../programmes/application-view';

/** What a nomination form shows besides the values: errors next to fields and refusals above them. */
export interface FormState {
  values: FormValues;
  errors?: FieldErrors;
  /** refused uploads, each naming its file */
  uploadErrors?: string[];
  /** sentences shown above the form */
  formErrors?: string[];
  /** the save was refused because someone else saved first */
  conflict?: boolean;
  /** the save was refused because the window is closed: its deadline */
  closed?: { deadline: Date | null };
  /** the nominee was just picked from the search (the page says the person's details were filled in) */
  picked?: boolean;
}

/** A page to show: built from the database inside a transaction, rendered after it. */
export interface Page {
  view: string;
  status: number;
  locals: Record<string, unknown>;
}

export const show = (res: Response, page: Page) => res.status(page.status).render(page.view, page.locals);

/** Reads a page's data in one transaction, so its parts (nomination, documents, history) agree. */
export const readPage = (dataSource: DataSource, build: (m: EntityManager) => Promise<Page>) => dataSource.transaction(build);

export const documentUrl = (nominationId: number) => (documentId: number) => `/officer/nominations/${nominationId}/documents/${documentId}`;

const slotOf = (state: FormState, slot: number) => ({ number: slot + 1, fileField: fileField(slot), kindField: kindField(slot), kind: state.values.kinds[slot] });

function formLocals(state: FormState, action: string, nominationId: number | null) {
  return {
    action,
    values: state.values,
    errors: nest(state.errors ?? {}),
    uploadErrors: state.uploadErrors ?? [],
    formErrors: state.formErrors ?? [],
    conflict: !!state.conflict,
    closed: state.closed ?? null,
    picked: !!state.picked,
    uploadSlots: DOCUMENT_SLOTS.map((slot) => slotOf(state, slot)),
    documentKinds: OFFICER_DOCUMENT_KINDS,
    // the consents: their own upload rows, the publication boxes (none ticked unless the officer ticks them), the blank forms
    consent: {
      processingSlot: slotOf(state, CONSENT_SLOTS.processing),
      publicationSlot: slotOf(state, CONSENT_SLOTS.publication),
      publication: PUBLIC_FIELDS.map((field) => ({ field, labelKey: `consent.fields.${field}`, checked: state.values.publication.includes(field) })),
      forms: nominationId ? consentFormLinks(nominationId) : null,
    },
    limits: { ...FIELD_LIMITS, achievements: TEXT_LIMITS.achievements, motivation: TEXT_LIMITS.motivation, minAchievements: MIN_TEXT.achievements, minMotivation: MIN_TEXT.motivation, files: MAX_FILES_PER_NOMINATION },
  };
}

/** The form for a new nomination in a cycle. */
export async function newFormPage(req: Request, m: EntityManager, cycle: Cycle, state: FormState, status = 200): Promise<Page> {
  const categories = await categoryCards(m, officerOf(req.user).municipalityId, [cycle.id]);
  return {
    view: 'officer/nomination-new',
    status,
    locals: {
      title: req.t('officer.form.newTitle'),
      cycle,
      categories,
      search: { cycleId: cycle.id },
      form: { ...formLocals(state, `/officer/cycles/${cycle.id}/nominations`, null), programme: await applicationFields(m, cycle, state.values, state.errors ?? {}) },
    },
  };
}

/**
 * A nomination's page: its status, history and documents, and the form while the officer may still
 * change it. After a refused save the form is shown again with what was typed, even when the refusal
 * was that the window has closed — so the text can be copied.
 */
export async function nominationPage(req: Request, m: EntityManager, n: OwnNomination, state: FormState | null, status = 200): Promise<Page> {
  const now = new Date();
  const window = officerEditWindow(n.cycle, n.status, now);
  const editable = isIn('editable', n.status) && window.open;
  const showForm = editable || (state !== null && refusedSave(state));
  const documents = await nominationDocuments(m, n.id, documentUrl(n.id));
  const history = await nominationHistory(m, n.id);
  const categories = showForm ? await categoryCards(m, n.municipalityId, [n.cycleId], n.id) : [];
  const nomineeName = fullName(n.nominee);
  const publication = (await publicFieldsOf(m, [n.id])).get(n.id)!;
  const locals = {
    title: nomineeName || req.t('officer.nomination.untitled'),
    nomination: {
      id: n.id, version: n.version, status: n.status, statusReason: isIn('withReason', n.status) ? n.statusReason : null,
      // a programme ranked as a whole names its ranking after itself: the name once is enough
      cycleName: n.cycle.name, categoryName: n.category && n.category.name !== n.cycle.name ? n.category.name : null, nomineeName, nominee: n.nominee,
      achievements: n.achievements, motivation: n.motivation, submittedAt: n.submittedAt, updatedAt: n.updatedAt, place: n.place,
    },
    editable: showForm,
    // why a draft or a returned nomination cannot be changed now: the window's deadline
    closedDeadline: !editable && isIn('editable', n.status) && !window.open ? window.deadline : null,
    closedWithoutDeadline: !editable && isIn('editable', n.status) && !window.open && !window.deadline,
    // a draft never submitted is deleted rather than withdrawn: withdrawing would keep a record nobody needs
    canDelete: deletable(n) && window.open,
    canWithdraw: !deletable(n) && canWithdraw(n.cycle, n.status, now),
    documents,
    history,
    categories,
    search: { nominationId: n.id },
    form: showForm ? await applicationForm(m, n, state ?? { values: valuesFromRecord({ ...n, ...(await storedApplication(m, n)) }, publication) }) : null,
    // a programme's application speaks of the applicant and their motivation, not a nominee and an award
    isApplication: n.cycle.kind === 'programme',
    // a programme's application: the tracks it ranks, most wanted first
    trackChoices: n.cycle.kind === 'programme' ? await chosenTrackNames(m, n.id) : null,
    consents: showForm ? null : await consentSummary(m, n.id),
  };
  return { view: 'officer/nomination', status, locals };
}

/** The form of an existing nomination, with a programme's application fields when it is one. */
const applicationForm = async (m: EntityManager, n: OwnNomination, state: FormState) => ({
  ...formLocals(state, `/officer/nominations/${n.id}`, n.id),
  programme: await applicationFields(m, n.cycle, state.values, state.errors ?? {}),
});

const refusedSave = (s: FormState) => !!(s.conflict || s.closed || s.formErrors?.length || s.uploadErrors?.length || Object.keys(s.errors ?? {}).length);

/** New nominations cannot be made now: say so, with the start or the deadline in the region's time zone. */
export function closedPage(req: Request, cycle: Cycle, deadline: Date | null, now = new Date()): Page {
  const opensAt = opensLater(cycle, now);
  return {
    view: 'officer/closed',
    status: 409,
    locals: { title: req.t(opensAt ? 'officer.closed.notYetTitle' : 'officer.closed.title'), cycle, deadline, opensAt, ended: !opensAt && !!deadline && deadline <= now },
  };
}
