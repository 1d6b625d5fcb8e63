import crypto from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseForm, type FieldErrors } from '../web/forms';
import { cycleOr404 } from '../cycles/cycles-query';
import type { Cycle } from '../cycles/cycle.entity';
import { broadcastGroups, groupValue, paragraphsOf, previewBroadcast, sendBroadcast, type BroadcastPreview } from './broadcast';
import { broadcastSchema, groupChoices, sendSchema } from './broadcast-form';

interface PageState {
  values: Record<string, unknown>;
  errors?: FieldErrors;
  preview?: BroadcastPreview & { group: string; subject: string; body: string; paragraphs: string[][]; sendKey: string };
}

/** What the broadcast page shows of a cycle: the cycle and the groups to choose from, the chosen one selected. */
async function broadcastPage(m: EntityManager, cycle: Cycle, selectedGroup: unknown) {
  return { cycle, groups: groupChoices(await broadcastGroups(m, cycle.id), selectedGroup) };
}

/** The admin's broadcast to a group of a cycle: write, preview (how many, and who), send. */
export function registerBroadcastRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const path = '/admin/cycles/:id/broadcast';

  const render = async (req: Request, res: Response, status: number, cycle: Cycle, state: PageState) => {
    res.status(status).render('admin/broadcast/form', { title: `${req.t('broadcast.title')} — ${cycle.name}`, ...(await broadcastPage(m, cycle, state.values.group)), ...state });
  };
  const problem = (req: Request, key: 'emptyGroup' | 'unknownGroup'): FieldErrors => ({ group: req.t(`broadcast.problem.${key}`) });

  route(app, { method: 'get', path, policy: 'admin' }, async (req, res) => {
    await render(req, res, 200, await cycleOr404(m, req.params.id), { values: {} });
  });

  route(app, { method: 'post', path: `${path}/preview`, policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(m, req.params.id);
    const values = req.body ?? {};
    const form = parseForm(broadcastSchema, values, req.t);
    if (!form.ok) return render(req, res, 400, cycle, { values, errors: form.errors });
    const result = await previewBroadcast(m, cycle, form.data.group);
    if (!result.ok) return render(req, res, 400, cycle, { values, errors: problem(req, result.problem) });
    const { subject, body } = form.data;
    await render(req, res, 200, cycle, {
      values,
      preview: { ...result.preview, group: groupValue(form.data.group), subject, body, paragraphs: paragraphsOf(body), sendKey: crypto.randomUUID() },
    });
  });

  route(app, { method: 'post', path, policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(m, req.params.id);
    const values = req.body ?? {};
    const form = parseForm(sendSchema, values, req.t);
    if (!form.ok) return render(req, res, 400, cycle, { values, errors: form.errors });
    const result = await dataSource.transaction((tx) => sendBroadcast(tx, cycle, form.data, req.user!.id));
    if (!result.ok) return render(req, res, 400, cycle, { values, errors: problem(req, result.problem) });
    if (result.alreadySent) flash(req, 'info', 'broadcast.alreadySent');
    else flash(req, 'success', 'broadcast.sent', { count: result.sent });
    res.redirect(303, `/admin/cycles/${cycle.id}/broadcast`);
  });
}
