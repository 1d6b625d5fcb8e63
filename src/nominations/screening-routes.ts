import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { lastPage, PAGE_SIZE, pageNumber, pager, queryString } from '../web/paging';
import { acceptMany, SCREENING_PHASES } from './screening';
import { isIn } from './statuses';
import {
  categoryCounts, cycleCategories, findCycle, nominationIdsOfCycle, regionMunicipalities, screeningList, statusCounts, SCREENED_STATUSES, type CycleHead, type ScreeningFilter,
} from './screening-queries';

const filterSchema = z.object({
  categoryId: fields.optionalId().catch(undefined),
  municipalityId: fields.optionalId().catch(undefined),
  status: z.enum(SCREENED_STATUSES).optional().catch(undefined),
});

/** Bulk forms send `ids` once per ticked row; more than a page's worth is not a real form. */
const MAX_BULK = 500;

export const inScreeningPhase = (status: string) => (SCREENING_PHASES as readonly string[]).includes(status);
const listPath = (cycleId: number, filter: ScreeningFilter, page?: number) =>
  `/admin/cycles/${cycleId}/nominations${queryString({ categoryId: filter.categoryId, municipalityId: filter.municipalityId, status: filter.status, page: page && page > 1 ? page : undefined })}`;

/** The admin's screening list of a cycle: filters, counts, pages, and accepting many nominations at once. */
export function registerScreeningRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const cycleOf = async (req: Request) => {
    const id = parseId(req.params.id);
    const cycle = id ? await findCycle(m, id) : null;
    if (!cycle) throw notFound();
    return cycle;
  };

  /** The list as filtered by `input` (the query, or a bulk form's hidden fields), with a refusal above the table if any. */
  const renderList = async (req: Request, res: Response, cycle: CycleHead, input: Record<string, unknown>, status = 200, formError?: string) => {
    const [categories, municipalities] = await Promise.all([cycleCategories(m, cycle.id), regionMunicipalities(m, cycle.regionId)]);
    const filter: ScreeningFilter = filterSchema.parse(input);
    // A tampered or stale choice (another cycle's category) is dropped, so the selects show what is applied.
    if (!categories.some((c) => c.id === filter.categoryId)) delete filter.categoryId;
    if (!municipalities.some((x) => x.id === filter.municipalityId)) delete filter.municipalityId;

    const [byStatus, byCategory] = await Promise.all([statusCounts(m, cycle.id, filter), categoryCounts(m, cycle.id, filter)]);
    const allStatuses = [...byStatus.values()].reduce((a, b) => a + b, 0);
    const total = filter.status ? (byStatus.get(filter.status) ?? 0) : allStatuses;
    const page = Math.min(pageNumber(input.page), lastPage(total));
    const rows = await screeningList(m, cycle.id, filter, page, PAGE_SIZE);
    const canDecide = inScreeningPhase(cycle.status);

    res.status(status).render('admin/screening/list', {
      title: req.t('screening.list.title'),
      formError,
      cycle,
      filter,
      categories,
      municipalities,
      statuses: SCREENED_STATUSES,
      statusCounts: [
        { label: req.t('screening.list.allStatuses'), count: allStatuses, href: listPath(cycle.id, { ...filter, status: undefined }), current: !filter.status },
        ...SCREENED_STATUSES.map((s) => ({ label: req.t(`nominations.status.${s}`), count: byStatus.get(s) ?? 0, href: listPath(cycle.id, { ...filter, status: s }), current: filter.status === s })),
      ].filter((c, i) => i === 0 || c.count > 0 || c.current), // statuses nobody has yet (winners while screening) are noise
      categoryCounts: categories.map((c) => ({ name: c.name, count: byCategory.get(c.id) ?? 0, href: listPath(cycle.id, { ...filter, categoryId: c.id }), current: filter.categoryId === c.id })),
      rows: rows.map((r) => ({ ...r, selectable: canDecide && isIn('awaitingDecision', r.status) })),
      canDecide,
      anySelectable: canDecide && rows.some((r) => isIn('awaitingDecision', r.status)),
      page,
      pager: pager(total, page, (p) => listPath(cycle.id, filter, p)),
      exportBase: `/admin/cycles/${cycle.id}/nominations`,
    });
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/nominations', policy: 'admin' }, async (req, res) => {
    await renderList(req, res, await cycleOf(req), req.query);
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/nominations/accept', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOf(req);
    const filter: ScreeningFilter = filterSchema.parse(req.body ?? {});
    const back = listPath(cycle.id, filter, pageNumber(req.body?.page));
    const raw: unknown = req.body?.ids;
    const sent = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).slice(0, MAX_BULK);
    const ids = [...new Set(sent.map(parseId).filter((id): id is number => id !== null))];
    // Nothing ticked is a mistake on the form: the same list again (same filters and page) with the message, as every form does.
    if (!ids.length) return renderList(req, res, cycle, req.body ?? {}, 422, req.t('screening.bulk.noneChosen'));
    if (!inScreeningPhase(cycle.status)) {
      flash(req, 'error', 'screening.decision.problem.phase');
      return res.redirect(303, back);
    }
    const result = await dataSource.transaction(async (tx) => acceptMany(tx, req.user!.id, await nominationIdsOfCycle(tx, cycle.id, ids)));
    flash(req, result.accepted.length ? 'success' : 'info', 'screening.bulk.done', { accepted: result.accepted.length, skipped: new Set(sent.map(String)).size - result.accepted.length });
    res.redirect(303, back);
  });
}
