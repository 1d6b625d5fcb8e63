import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseForm, parseId, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { isUniqueViolation } from '../db/unique-violation';
import type { Cycle } from '../cycles/cycle.entity';
import { getCycle } from '../cycles/cycles-query';
import { phaseKeys } from '../cycles/phases';
import type { Track } from './track.entity';
import { getTrack } from './tracks-query';
import { createTrack, deleteTrack, updateTrack, type SaveTrackResult } from './tracks';
import { newTrackValues, trackChoices, trackFormValues, trackSchema } from './track-forms';
import { mayChangeTracks } from './track-rules';

type FormState = { cycle: Cycle; track?: Track; values: Record<string, unknown>; errors?: FieldErrors; formError?: string };

/** The tracks of a programme (issue 12): add, edit, delete one no application ranks. The programme's page is the cycle's. */
export function registerTrackAdminRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const formPage = (req: Request, res: Response, status: number, state: FormState) => {
    const phase = req.t(phaseKeys('programme', state.cycle.status).label);
    const closed = !mayChangeTracks(state.cycle.status);
    res.status(status).render('admin/programmes/track-form', {
      title: state.track ? state.track.name : req.t('programmes.tracks.new'),
      ...state,
      ...trackChoices(state.values),
      action: state.track ? `/admin/tracks/${state.track.id}` : `/admin/cycles/${state.cycle.id}/tracks`,
      closedNote: closed ? req.t('programmes.tracks.closed', { phase }) : null,
      formError: state.formError,
    });
  };

  const programmeOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const cycle = id ? await getCycle(m, id) : null;
    // an award has categories, not tracks
    if (!cycle || cycle.kind !== 'programme') throw notFound();
    return cycle;
  };

  const trackOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const track = id ? await getTrack(m, id) : null;
    if (!track) throw notFound();
    return { track, cycle: (await getCycle(m, track.cycleId))! };
  };

  // A name taken by a request that passed the same check a moment earlier: the unique index refuses it.
  const nameRace = (err: unknown): SaveTrackResult => {
    if (!isUniqueViolation(err)) throw err;
    return { ok: false, problems: { name: 'nameTaken' } };
  };

  /** The form again after a refused save: the problem said in the admin's language, the input kept. */
  const refused = (req: Request, res: Response, state: FormState, result: Exclude<SaveTrackResult, { ok: true }>) => {
    if ('notFound' in result) throw notFound();
    if ('phase' in result) {
      const formError = req.t('programmes.tracks.closed', { phase: req.t(phaseKeys('programme', result.phase).label) });
      return formPage(req, res, 409, { ...state, cycle: { ...state.cycle, status: result.phase }, formError });
    }
    return formPage(req, res, 400, { ...state, errors: { name: req.t('programmes.tracks.nameTaken') } });
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/tracks/new', policy: 'admin' }, async (req, res) => {
    formPage(req, res, 200, { cycle: await programmeOr404(req.params.id), values: newTrackValues() });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/tracks', policy: 'admin' }, async (req, res) => {
    const cycle = await programmeOr404(req.params.id);
    const values = req.body ?? {};
    const form = parseForm(trackSchema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, { cycle, values, errors: form.errors });
    const result = await dataSource.transaction((tx) => createTrack(tx, cycle.id, form.data, req.user!.id)).catch(nameRace);
    if (!result.ok) return refused(req, res, { cycle, values }, result);
    flash(req, 'success', 'programmes.tracks.created');
    res.redirect(303, `/admin/cycles/${cycle.id}#track-${result.id}`);
  });

  route(app, { method: 'get', path: '/admin/tracks/:id/edit', policy: 'admin' }, async (req, res) => {
    const { track, cycle } = await trackOr404(req.params.id);
    formPage(req, res, 200, { cycle, track, values: trackFormValues(track) });
  });

  route(app, { method: 'post', path: '/admin/tracks/:id', policy: 'admin' }, async (req, res) => {
    const { track, cycle } = await trackOr404(req.params.id);
    const values = req.body ?? {};
    const form = parseForm(trackSchema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, { cycle, track, values, errors: form.errors });
    const result = await dataSource.transaction((tx) => updateTrack(tx, track.id, form.data, req.user!.id)).catch(nameRace);
    if (!result.ok) return refused(req, res, { cycle, track, values }, result);
    flash(req, 'success', 'programmes.tracks.saved');
    res.redirect(303, `/admin/cycles/${cycle.id}#track-${track.id}`);
  });

  route(app, { method: 'post', path: '/admin/tracks/:id/delete', policy: 'admin' }, async (req, res) => {
    const { track, cycle } = await trackOr404(req.params.id);
    const result = await dataSource.transaction((tx) => deleteTrack(tx, track.id, req.user!.id));
    if ('notFound' in result) throw notFound();
    if (!result.ok) {
      if ('phase' in result) flash(req, 'error', 'programmes.tracks.closed', { phase: req.t(phaseKeys('programme', result.phase).label) });
      else if ('participants' in result) flash(req, 'error', 'programmes.tracks.cannotDeleteParticipants', { count: String(result.participants) });
      else flash(req, 'error', 'programmes.tracks.cannotDelete', { applications: req.t('programmes.plural.applications', { count: result.applications }) });
      return res.redirect(303, `/admin/cycles/${cycle.id}#track-${track.id}`);
    }
    flash(req, 'success', 'programmes.tracks.deleted', { name: result.name });
    res.redirect(303, `/admin/cycles/${cycle.id}`);
  });
}
