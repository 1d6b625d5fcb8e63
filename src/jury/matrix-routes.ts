import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields } from '../web/forms';
import { HttpError } from '../web/http-error';
import { setDownloadHeaders } from '../web/download';
import { CSV_CONTENT_TYPE, toCsv } from '../web/spreadsheet';
import { isUniqueViolation } from '../db/unique-violation';
import { buildMatrix, CELL_STATES, type MatrixFilter } from './matrix';
import { matrixFacts, type CategoryHead } from './matrix-queries';
import { matrixPageView, matrixTable } from './matrix-view';
import { pageNumber, pager, queryString } from '../web/paging';
import { changeAssignmentByHand, moveAssignmentByHand } from './panels';
import type { ManualResult } from './hand-assignments';
import { categoryOr404, tabsOf } from './admin-pages';
import { registerConflictRoutes } from './conflict-routes';

const filterSchema = z.object({
  jurorId: fields.optionalId().catch(undefined),
  state: z.enum(CELL_STATES).optional().catch(undefined),
  gaps: z.preprocess((v) => v === '1' || v === 'on', z.boolean()).catch(false),
});
const cellSchema = z.object({ jurorId: fields.id(), nominationId: fields.id() });
/**
 * The matrix page's cells all belong to one form: the button pressed sends `assign=<juror>:<nomination>`
 * or `unassign=<juror>:<nomination>`, so a page of 2,000 cells carries no form (nor CSRF token) per cell.
 */
const cellButtonSchema = z.union([
  z.object({ assign: z.string().regex(/^\d{1,9}:\d{1,9}$/) }).transform((b) => ({ add: true, cell: b.assign })),
  z.object({ unassign: z.string().regex(/^\d{1,9}:\d{1,9}$/) }).transform((b) => ({ add: false, cell: b.unassign })),
]);
const moveSchema = z.object({ nominationId: fields.id(), fromJurorId: fields.id(), toJurorId: fields.id() });

/** The query string that brings the admin back to the matrix as they filtered and paged it. */
const filterQuery = (f: MatrixFilter, page = 1) =>
  queryString({ jurorId: f.jurorId, state: f.state, gaps: f.gaps ? '1' : undefined, page: page > 1 ? page : undefined });

/** The filter and page a form of the matrix page carries back in its hidden fields. */
const backOf = (body: Record<string, unknown> | undefined) =>
  filterQuery(filterSchema.parse({ jurorId: body?.filterJurorId, state: body?.filterState, gaps: body?.filterGaps }), pageNumber(body?.page));

/** Judging progress of a category: the matrix, its CSV, hand re-assignment from its cells and by moves, and the conflicts. */
export function registerMatrixRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const matrixOf = async (head: CategoryHead) => buildMatrix(await matrixFacts(m, head), new Date());

  route(app, { method: 'get', path: '/admin/categories/:id/matrix', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const filter: MatrixFilter = filterSchema.parse(req.query);
    const view = matrixPageView(await matrixOf(head), filter, pageNumber(req.query.page));
    res.render('admin/jury/matrix', {
      title: req.t('juryAdmin.matrix.title', { category: head.name }),
      head,
      tabs: tabsOf(head, 'matrix'),
      filter,
      states: CELL_STATES.map((s) => ({ value: s, labelKey: `juryAdmin.matrix.state.${s}` })),
      back: filterQuery(filter, view.page),
      gapsHref: `/admin/categories/${head.id}/matrix${filterQuery({ gaps: true })}`,
      pager: pager(view.total, view.page, (p) => `/admin/categories/${head.id}/matrix${filterQuery(filter, p)}`, view.pageSize),
      ...view,
    });
  });

  route(app, { method: 'get', path: '/admin/categories/:id/matrix.csv', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const table = matrixTable(await matrixOf(head), req.t);
    const body = Buffer.from(toCsv(table.header, table.rows), 'utf8');
    const fileName = `${req.t('juryAdmin.csv.fileName', { category: head.name })}`.replace(/[\\/:*?"<>|\x00-\x1f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150);
    setDownloadHeaders(res, { fileName: `${fileName}.csv`, asciiFallback: `jury-progress-${head.id}.csv`, contentType: CSV_CONTENT_TYPE, length: body.length });
    res.end(body);
  });

  /** One hand change from a cell, then back to the matrix as the admin filtered and paged it. */
  const changeCell = async (req: Request, res: Response, head: CategoryHead, jurorId: number, nominationId: number, add: boolean) => {
    const result = await dataSource
      .transaction((tx) => changeAssignmentByHand(tx, req.user!.id, head.id, jurorId, nominationId, add))
      .catch(sameCell);
    flashResult(req, result, add);
    res.redirect(303, `/admin/categories/${head.id}/matrix${backOf(req.body)}#juror-${jurorId}`);
  };

  route(app, { method: 'post', path: '/admin/categories/:id/matrix/cell', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const form = cellButtonSchema.safeParse(req.body ?? {});
    if (!form.success) throw new HttpError(400, 'errors.badRequest');
    const [jurorId, nominationId] = form.data.cell.split(':').map(Number);
    await changeCell(req, res, head, jurorId, nominationId, form.data.add);
  });

  for (const add of [true, false]) {
    route(app, { method: 'post', path: `/admin/categories/:id/matrix/${add ? 'assign' : 'unassign'}`, policy: 'admin' }, async (req, res) => {
      const head = await categoryOr404(m, req.params.id);
      const form = cellSchema.safeParse(req.body ?? {});
      if (!form.success) throw new HttpError(400, 'errors.badRequest');
      await changeCell(req, res, head, form.data.jurorId, form.data.nominationId, add);
    });
  }

  route(app, { method: 'post', path: '/admin/categories/:id/matrix/move', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const form = moveSchema.safeParse(req.body ?? {});
    const back = backOf(req.body);
    // a list left at «выберите»: said like the other refusals of this form, next to it
    if (!form.success) {
      flash(req, 'error', 'juryAdmin.move.incomplete');
      return res.redirect(303, `/admin/categories/${head.id}/matrix${back}#move`);
    }
    const { nominationId, fromJurorId, toJurorId } = form.data;
    const result = await dataSource.transaction((tx) => moveAssignmentByHand(tx, req.user!.id, head.id, nominationId, fromJurorId, toJurorId)).catch(sameCell);
    if (result.ok) flash(req, 'success', 'juryAdmin.matrix.moved');
    else flashRefusal(req, result);
    res.redirect(303, `/admin/categories/${head.id}/matrix${back}#move`);
  });

  registerConflictRoutes(app, dataSource);
}

// Two clicks on the same empty cell at once: the unique index keeps one assignment.
function sameCell(err: unknown): ManualResult {
  if (isUniqueViolation(err)) return { ok: false, problem: 'exists' };
  throw err;
}

function flashRefusal(req: Request, result: Exclude<ManualResult, { ok: true }>): void {
  flash(req, 'error', `juryAdmin.matrix.refused.${result.problem}`, result.problem === 'full' ? { count: result.k } : undefined);
}

function flashResult(req: Request, result: ManualResult, add: boolean): void {
  if (result.ok) flash(req, 'success', add ? 'juryAdmin.matrix.assigned' : 'juryAdmin.matrix.unassigned');
  else flashRefusal(req, result);
}
