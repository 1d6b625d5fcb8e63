import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { phaseKeys } from '../cycles/phases';
import { withdrawalView } from './participant-withdrawal-view';
import { releasePlace } from './reserve';

const withdrawSchema = z.object({ reason: fields.requiredText(2000) });

/**
 * «Отказ от участия» (issue 12): the admin records that a confirmed participant gives their place back, with the
 * reason; the place goes to the track's reserve as for a decline (reserve.ts). Before training only.
 */
export function registerParticipantWithdrawalRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const page = async (req: Request, res: Response, status: number, outcome: { values?: { reason: string }; errors?: FieldErrors; formError?: string } = {}) => {
    const id = parseId(req.params.id);
    const p = id ? await withdrawalView(m, id) : null;
    if (!p) throw notFound();
    const unavailable = !p.confirmed
      ? req.t('programmeConfirmation.withdraw.notConfirmed')
      : !p.phaseOpen
        ? req.t('programmeConfirmation.withdraw.closed', { phase: req.t(phaseKeys('programme', p.phase).label) })
        : null;
    // a refusal found on sending is the page's error; on opening, a plain note
    const formError = outcome.formError ?? (status === 409 ? unavailable ?? undefined : undefined);
    res.status(status).render('admin/programmes/withdraw', {
      title: req.t('programmeConfirmation.withdraw.title', { name: p.fullName }),
      p,
      canWithdraw: unavailable === null,
      unavailable,
      values: outcome.values ?? { reason: '' },
      errors: outcome.errors,
      formError,
    });
  };

  route(app, { method: 'get', path: '/admin/participants/:id/withdraw', policy: 'admin' }, async (req, res) => {
    await page(req, res, 200);
  });

  route(app, { method: 'post', path: '/admin/participants/:id/withdraw', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw notFound();
    const values = { reason: typeof req.body?.reason === 'string' ? req.body.reason : '' };
    const form = parseForm(withdrawSchema, req.body, req.t);
    if (!form.ok) return page(req, res, 400, { values, errors: form.errors });
    const done = await dataSource.transaction((tx) => releasePlace(tx, id, 'withdraw', { actorId: req.user!.id, reason: form.data.reason }));
    if (!done.ok) {
      if (done.refused === 'notFound') throw notFound();
      return page(req, res, 409, { values });
    }
    flash(req, 'success', 'programmeConfirmation.withdraw.done');
    res.redirect(303, `/admin/tracks/${done.trackId}/participants`);
  });
}
