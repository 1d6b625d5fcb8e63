import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { fields, type FieldErrors } from '../web/forms';
import { lastPage, PAGE_SIZE, pageNumber, pager, queryString } from '../web/paging';
import { fromLocalInput } from '../web/zoned-time';
import { AUDIT_ENTITIES, auditFilterChoices, auditPage, type AuditFilter } from './audit-queries';
import { auditRowView } from './audit-view';

const querySchema = z.object({
  cycleId: fields.optionalId().catch(undefined),
  entity: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  actorId: fields.optionalId().catch(undefined),
  from: z.string().max(20).optional().catch(undefined),
  to: z.string().max(20).optional().catch(undefined),
});

const DAY_INPUT = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant of a calendar day of the region ("2026-03-01" → 2026-02-28T21:00Z in Moscow); undefined if not a date. */
function dayStart(day: string, timeZone: string): Date | undefined {
  return DAY_INPUT.test(day) ? (fromLocalInput(`${day}T00:00`, timeZone) ?? undefined) : undefined;
}

/** The next calendar day, as text ("2026-02-28" → "2026-03-01"). */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The date range as instants: from the start of "from" to the end of "to", both days of the region. */
function readRange(q: { from?: string; to?: string }, timeZone: string, req: Request): { range: Pick<AuditFilter, 'from' | 'to'>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const range: Pick<AuditFilter, 'from' | 'to'> = {};
  if (q.from) {
    range.from = dayStart(q.from, timeZone);
    if (!range.from) errors.from = req.t('audit.filter.badDate');
  }
  if (q.to) {
    range.to = dayStart(q.to, timeZone) && dayStart(nextDay(q.to), timeZone);
    if (!range.to) errors.to = req.t('audit.filter.badDate');
  }
  if (range.from && range.to && range.from >= range.to) errors.to = req.t('audit.filter.toBeforeFrom');
  return { range, errors };
}

/** The audit log for the admin: newest first, filtered by cycle, kind of thing, person and dates. */
export function registerAuditLog(app: Express, dataSource: DataSource, timeZone: string): void {
  const m = dataSource.manager;

  route(app, { method: 'get', path: '/admin/audit', policy: 'admin' }, async (req, res) => {
    const q = querySchema.parse(req.query);
    const { range, errors } = readRange(q, timeZone, req);
    const choices = await auditFilterChoices(m);
    const entities = [...new Set([...AUDIT_ENTITIES, ...(q.entity ? [q.entity] : [])])];
    const base = {
      title: req.t('audit.title'),
      values: q,
      errors,
      cycles: choices.cycles,
      people: choices.people.map((p) => ({ ...p, roleKey: `roles.${p.role}` })),
      // a kind the list does not know yet (typed into the address) is shown by its code
      entities: entities.map((e) => ({ value: e, label: (AUDIT_ENTITIES as readonly string[]).includes(e) ? req.t(`audit.entities.${e}`) : e })),
    };
    if (Object.keys(errors).length) return res.status(400).render('admin/audit/list', { ...base, rows: [], invalid: true });

    const filter: AuditFilter = { cycleId: q.cycleId, entity: q.entity, actorId: q.actorId, ...range };
    const wanted = pageNumber(req.query.page);
    let { rows, total } = await auditPage(m, filter, wanted, PAGE_SIZE);
    const page = Math.min(wanted, lastPage(total));
    if (page !== wanted) ({ rows } = await auditPage(m, filter, page, PAGE_SIZE));
    const hrefOf = (p: number) => `/admin/audit${queryString({ cycleId: q.cycleId, entity: q.entity, actorId: q.actorId, from: q.from, to: q.to, page: p > 1 ? p : undefined })}`;
    res.render('admin/audit/list', { ...base, rows: rows.map((r) => auditRowView(r, req.locale)), pager: pager(total, page, hrefOf) });
  });
}
