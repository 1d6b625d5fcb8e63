import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { assignCategory, savePanel, type PanelResult } from './panels';
import type { Plan } from './assignment-plan';
import { jurorChoices, panelState } from './panel-queries';
import { matrixFacts, type CategoryHead } from './matrix-queries';
import { buildMatrix } from './matrix';
import { gapsView } from './matrix-view';
import { categoryOr404, tabsOf } from './admin-pages';

const K_MAX = 50;
const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const panelSchema = z.object({
  jurorIds: z.preprocess(list, z.array(fields.id()).max(200, 'validation.invalid')),
  chairId: fields.optionalId(),
  mode: z.enum(['all', 'k'], { error: 'validation.invalid' }),
  k: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : typeof v === 'string' && /^\s*\d{1,4}\s*$/.test(v) ? Number(v) : NaN),
    z.number({ error: 'juryAdmin.panel.kInvalid' }).int('juryAdmin.panel.kInvalid').min(1, 'juryAdmin.panel.kInvalid').max(K_MAX, 'juryAdmin.panel.kInvalid').optional(),
  ),
});

type RunView = { added: number; lacking: Array<{ name: string; have: number; need: number }> } | { problemKey: string };

interface PageState {
  values?: { jurorIds: string[]; chairId: string; mode: string; k: string };
  errors?: FieldErrors;
  run?: RunView;
}

/** The jury of a category: its members and chair, the assignment mode, and the run that assigns nominations. */
export function registerPanelRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const page = async (req: Request, res: Response, status: number, head: CategoryHead, state: PageState = {}) => {
    const panel = await panelState(m, head.id);
    const [choices, facts] = await Promise.all([jurorChoices(m, panel.memberIds), matrixFacts(m, head)]);
    const matrix = buildMatrix(facts, new Date());
    const loads = new Map(matrix.rows.map((r) => [r.juror.id, r.progress]));
    const values = state.values ?? { jurorIds: panel.memberIds.map(String), chairId: panel.chairId ? String(panel.chairId) : '', mode: panel.mode, k: panel.k ? String(panel.k) : '' };
    res.status(status).render('admin/jury/panel', {
      title: req.t('juryAdmin.panel.title', { category: head.name }),
      head,
      tabs: tabsOf(head, 'panel'),
      values,
      errors: state.errors ?? {},
      run: state.run,
      choices: choices.map((c) => ({ ...c, checked: values.jurorIds.includes(String(c.id)), chair: values.chairId === String(c.id) })),
      members: choices
        .filter((c) => panel.memberIds.includes(c.id))
        .map((c) => ({ ...c, chair: c.id === panel.chairId, assigned: loads.get(c.id)?.assigned ?? 0, submitted: loads.get(c.id)?.submitted ?? 0 })),
      accepted: facts.nominations.length,
      hasPanel: panel.memberIds.length > 0,
      gaps: gapsView(matrix),
    });
  };

  /** What a run did, with names instead of ids: shown once, on the page answering the POST. */
  const runView = async (head: CategoryHead, plan: Plan): Promise<RunView> => {
    const names = new Map((await matrixFacts(m, head)).nominations.map((n) => [n.id, n.fullName]));
    return { added: plan.add.length, lacking: plan.lacking.map((l) => ({ name: names.get(l.nominationId) ?? `№${l.nominationId}`, have: l.have, need: l.need })) };
  };

  const panelErrors = (req: Request, result: Exclude<PanelResult, { ok: true }>): FieldErrors => {
    switch (result.problem) {
      case 'notFound':
        throw notFound();
      case 'hasScores':
        return { jurorIds: req.t('juryAdmin.panel.problem.hasScores', { names: result.names.join(', ') }) };
      case 'notJuror':
        return { jurorIds: req.t('juryAdmin.panel.problem.notJuror') };
      case 'kRequired':
        return { k: req.t('juryAdmin.panel.kInvalid') };
      default:
        return { chairId: req.t(`juryAdmin.panel.problem.${result.problem}`) };
    }
  };

  route(app, { method: 'get', path: '/admin/categories/:id/panel', policy: 'admin' }, async (req, res) => {
    await page(req, res, 200, await categoryOr404(m, req.params.id));
  });

  route(app, { method: 'post', path: '/admin/categories/:id/panel', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const body = req.body ?? {};
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const values = { jurorIds: list(body.jurorIds).map(String), chairId: text(body.chairId), mode: text(body.mode) || 'all', k: text(body.k) };
    const form = parseForm(panelSchema, body, req.t);
    if (!form.ok) return page(req, res, 400, head, { values, errors: form.errors });
    const { jurorIds, chairId, mode, k } = form.data;
    const result = await dataSource.transaction((tx) => savePanel(tx, req.user!.id, head.id, { jurorIds, chairId: chairId ?? null, mode, k: k ?? null }));
    if (!result.ok) return page(req, res, 400, head, { values, errors: panelErrors(req, result) });
    flash(req, 'success', 'juryAdmin.panel.saved');
    res.redirect(303, `/admin/categories/${head.id}/panel`);
  });

  // The result is shown on the page that answers the POST and kept nowhere: the next run recomputes it.
  route(app, { method: 'post', path: '/admin/categories/:id/assign', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const result = await dataSource.transaction((tx) => assignCategory(tx, req.user!.id, head.id));
    if (!result.ok) {
      if (result.problem === 'notFound') throw notFound();
      return page(req, res, 409, head, { run: { problemKey: `juryAdmin.assign.problem.${result.problem}` } });
    }
    await page(req, res, 200, head, { run: await runView(head, result.plan) });
  });
}
