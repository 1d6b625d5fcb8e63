import type { Express, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseForm, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { formatDateTime } from '../web/format';
import { officerEditWindow } from './rules';
import { withdrawNomination } from './submission';
import { officerOf } from '../auth/policies';
import { officerNomination, officerNominee } from './scope';
import { cycleForOfficer, searchNominees } from './officer-queries';
import { inputFromForm, nominationFormSchema, problemErrors, slotKinds, valuesFromBody, valuesFromRecord, type FormValues } from './nomination-form';
import { checkedUploads, multipartForm } from './upload-parser';
import { saveAndSubmit, type SaveOutcome } from './officer-save';
import { closedPage, newFormPage, nominationPage, readPage, show, type FormState } from './officer-pages';
import { publicFieldsOf } from '../consent/public-fields';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
type Again = (status: number, state: FormState) => Promise<void>;

async function loadCycle(m: EntityManager, req: Request) {
  const id = parseId(req.params.cycleId);
  const cycle = id ? await cycleForOfficer(m, officerOf(req.user).municipalityId, id) : null;
  if (!cycle) throw notFound();
  return cycle;
}

async function loadOwn(m: EntityManager, req: Request, id = parseId(req.params.id)) {
  const own = id ? await officerNomination(m, officerOf(req.user), id) : null;
  if (!own) throw notFound();
  return own;
}

/** `?nomineeId=` picked from the search: the person's record prefills the form (another municipality's: 404). */
async function pickedNominee(m: EntityManager, req: Request) {
  if (req.query.nomineeId === undefined) return null;
  const id = parseId(req.query.nomineeId);
  const nominee = id ? await officerNominee(m, officerOf(req.user), id) : null;
  if (!nominee) throw notFound();
  return nominee;
}

/** The officer's nominations: create, edit, save and submit in one form, withdraw, find a nominee. */
export function registerOfficerNominationRoutes(app: Express, dataSource: DataSource): void {
  const newFormAgain = (req: Request, res: Response): Again => async (status, state) =>
    show(res, await readPage(dataSource, async (m) => newFormPage(req, m, await loadCycle(m, req), state, status)));
  const pageAgain = (req: Request, res: Response): Again => async (status, state) =>
    show(res, await readPage(dataSource, async (m) => nominationPage(req, m, await loadOwn(m, req), state, status)));
  const uploadRefused = (again: (req: Request, res: Response) => Again) =>
    multipartForm((req, res, refusal) => again(req, res)(refusal.status, { values: valuesFromBody(req.body), uploadErrors: [refusal.message], formErrors: [req.t('officer.form.notSaved')] }));

  route(app, { method: 'get', path: '/officer/cycles/:cycleId/nominations/new', policy: 'officer' }, async (req, res) => {
    const page = await readPage(dataSource, async (m) => {
      const cycle = await loadCycle(m, req);
      const window = officerEditWindow(cycle, null, new Date());
      if (!window.open) return closedPage(req, cycle, window.deadline);
      const nominee = await pickedNominee(m, req);
      const categoryId = parseId(req.query.categoryId);
      const values = nominee
        ? valuesFromRecord({ categoryId, nomineeId: nominee.id, version: null, achievements: '', motivation: '', nominee })
        : valuesFromBody({}, { categoryId: categoryId ? String(categoryId) : '' });
      return newFormPage(req, m, cycle, { values, picked: !!nominee });
    });
    show(res, page);
  });

  route(app, { method: 'post', path: '/officer/cycles/:cycleId/nominations', policy: 'officer', before: [uploadRefused(newFormAgain)] }, async (req, res) => {
    const cycle = await dataSource.transaction((m) => loadCycle(m, req));
    await saveFromForm(req, res, { cycleId: cycle.id, nominationId: null }, newFormAgain(req, res));
  });

  route(app, { method: 'get', path: '/officer/nominations/:id', policy: 'officer' }, async (req, res) => {
    const page = await readPage(dataSource, async (m) => {
      const own = await loadOwn(m, req);
      const nominee = await pickedNominee(m, req);
      // a picked person replaces the nominee's data, not the nomination's consent to publication
      const publication = nominee ? (await publicFieldsOf(m, [own.id])).get(own.id)! : [];
      const state = nominee ? { values: { ...valuesFromRecord({ ...own, nominee }, publication), nomineeId: String(nominee.id) }, picked: true } : null;
      return nominationPage(req, m, own, state);
    });
    show(res, page);
  });

  route(app, { method: 'post', path: '/officer/nominations/:id', policy: 'officer', before: [uploadRefused(pageAgain)] }, async (req, res) => {
    const own = await dataSource.transaction((m) => loadOwn(m, req));
    const version = parseId(text(req.body?.version));
    if (!version) return pageAgain(req, res)(409, { values: valuesFromBody(req.body), conflict: true });
    await saveFromForm(req, res, { nominationId: own.id, version }, pageAgain(req, res));
  });

  route(app, { method: 'post', path: '/officer/nominations/:id/withdraw', policy: 'officer' }, async (req, res) => {
    const id = parseId(req.params.id);
    const result = id ? await dataSource.transaction((m) => withdrawNomination(m, officerOf(req.user), id, parseId(text(req.body?.version)) ?? 0)) : null;
    if (!result || (!result.ok && result.problem === 'notFound')) throw notFound();
    if (result.ok) flash(req, 'success', 'officer.flash.withdrawn');
    else if (result.problem === 'conflict') flash(req, 'error', 'officer.flash.changedMeanwhile');
    else if (result.problem === 'closed') flash(req, 'error', 'officer.flash.withdrawClosed', { deadline: formatDateTime(result.deadline, req.locale, res.locals.timeZone) });
    res.redirect(303, `/officer/nominations/${id}`);
  });

  route(app, { method: 'get', path: '/officer/nominees', policy: 'officer' }, async (req, res) => {
    const q = text(req.query.q).slice(0, 100);
    const cycleId = parseId(req.query.cycleId);
    const nominationId = parseId(req.query.nominationId);
    const hits = await dataSource.transaction((m) => searchNominees(m, officerOf(req.user).municipalityId, q));
    const backUrl = nominationId ? `/officer/nominations/${nominationId}` : cycleId ? `/officer/cycles/${cycleId}/nominations/new` : '/officer';
    res.render('officer/nominees', { title: req.t('officer.nominees.title'), q, hits, cycleId, nominationId, backUrl });
  });

  /**
   * The one path of «Сохранить черновик» and «Подать заявку»: validate the form and the files, then
   * save (and submit) in one transaction, then either go to the nomination's page or show the form again.
   */
  async function saveFromForm(req: Request, res: Response, target: { cycleId: number; nominationId: null } | { nominationId: number; version: number }, again: Again): Promise<void> {
    const values = valuesFromBody(req.body);
    const notSaved = req.t('officer.form.notSaved');
    const form = parseForm(nominationFormSchema, req.body, req.t);
    if (!form.ok) return again(400, { values, errors: form.errors, formErrors: [notSaved] });
    const uploads = await checkedUploads(req, slotKinds(form.data));
    if (!uploads.ok) return again(uploads.status, { values, uploadErrors: uploads.messages, formErrors: [notSaved] });
    const outcome = await saveAndSubmit(dataSource, officerOf(req.user), target, inputFromForm(form.data), { add: uploads.files, removeIds: form.data.removeIds }, form.data.action === 'submit');
    if (outcome.kind === 'saved' || outcome.kind === 'submitted') {
      flash(req, 'success', outcome.kind === 'saved' ? 'officer.flash.saved' : 'officer.flash.submitted');
      return res.redirect(303, `/officer/nominations/${outcome.id}`);
    }
    if (outcome.kind === 'unmetNew') {
      const formErrors = [req.t('officer.form.notSubmittedNew'), ...(uploads.files.length ? [req.t('officer.form.filesNotKept')] : [])];
      return again(422, { values, errors: problemErrors(outcome.problems, req.t), formErrors });
    }
    if (outcome.kind === 'unmet') {
      // Saved as a draft: its page, with each rule next to its field and the new version in the form.
      const kept: FormValues = { ...values, version: String(outcome.version), removeIds: [] };
      const state = { values: kept, errors: problemErrors(outcome.problems, req.t), formErrors: [req.t('officer.form.savedNotSubmitted')] };
      return show(res, await readPage(dataSource, async (m) => nominationPage(req, m, await loadOwn(m, req, outcome.id), state, 422)));
    }
    return refused(req, outcome, values, again);
  }
}

/** A save that changed nothing: the form again, with what was typed and why. */
async function refused(req: Request, outcome: Exclude<SaveOutcome, { kind: 'saved' | 'submitted' | 'unmet' | 'unmetNew' }>, values: FormValues, again: Again): Promise<void> {
  const notSaved = req.t('officer.form.notSaved');
  if (outcome.kind === 'duplicate') return again(409, { values, errors: { categoryId: req.t('nominations.rules.duplicate') }, formErrors: [notSaved] });
  const r = outcome.refusal;
  switch (r.problem) {
    case 'notFound':
      throw notFound();
    case 'closed':
      return again(409, { values, closed: { deadline: r.deadline } });
    case 'conflict':
      return again(409, { values, conflict: true });
    case 'notEditable':
    case 'notSubmittable':
      return again(409, { values, formErrors: [req.t('officer.form.notEditable')] });
    case 'tooManyFiles':
      return again(400, { values, uploadErrors: [req.t('nominations.uploads.tooMany', { max: r.max })], formErrors: [notSaved] });
    case 'field':
      // a nominee id of another municipality is never offered by the page: treat it as any foreign id
      if (r.field === 'nomineeId') throw notFound();
      return again(400, { values, errors: { [r.field]: req.t(r.key) }, formErrors: [notSaved] });
  }
}
