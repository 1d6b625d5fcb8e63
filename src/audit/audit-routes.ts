import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { fields, type FieldErrors } from '../web/forms';
import { PAGE_SIZE, queryString } from '../web/paging';
import { fromLocalInput } from '../web/zoned-time';
import { AUDIT_COUNT_CAP, AUDIT_ENTITIES, auditCycleChoices, findPeople, PEOPLE_SHOWN, type AuditCursor, type AuditFilter } from './audit-queries';
import { auditLogPage, resolvePeople, type AuditLogPage, type PersonFilter } from './audit-log';
import { auditRowView } from './audit-view';

const querySchema = z.object({
  cycleId: fields.optionalId().catch(undefined),
  entity: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  actorId: fields.optionalId().catch(undefined),
  /** a name or an address, or the start of one: the people it finds */
  person: z.string().trim().max(200).optional().catch(undefined),
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

/** A cursor in a link: `<microseconds since 1970>-<event id>`, as the page wrote it; anything else is refused. */
const cursorSchema = z
  .string()
  .regex(/^[0-9]{1,16}-[0-9]{1,18}$/)
  .transform((v): AuditCursor => {
    const [atMicros, id] = v.split('-');
    return { atMicros, id };
  });
const positionSchema = z
  .object({ before: cursorSchema.optional(), after: cursorSchema.optional() })
  .refine((p) => !(p.before && p.after));

const cursorText = (c: AuditCursor) => `${c.atMicros}-${c.id}`;

/** The audit log for the admin: newest first, filtered by cycle, kind of thing, person and dates, a page at a time from a cursor. */
export function registerAuditLog(app: Express, dataSource: DataSource, timeZone: string): void {
  const m = dataSource.manager;
  registerAuditPeople(app, dataSource);

  route(app, { method: 'get', path: '/admin/audit', policy: 'admin' }, async (req, res) => {
    const q = querySchema.parse(req.query);
    const { range, errors } = readRange(q, timeZone, req);
    const position = positionSchema.safeParse({ before: req.query.before, after: req.query.after });
    const person: PersonFilter = q.person ? { typed: q.person } : q.actorId ? { actorId: q.actorId } : null;
    const people = await resolvePeople(m, person);
    if (people.problem === 'tooMany') errors.person = req.t('audit.filter.tooMany', { typed: people.shown, max: PEOPLE_SHOWN });
    if (people.problem === 'nobody') errors.person = req.t('audit.filter.nobody', { typed: people.shown });
    // the filters every link of the page keeps: the typed name, or the person pinned from the list of matches
    const kept = { cycleId: q.cycleId, entity: q.entity, person: q.person, actorId: q.person ? undefined : q.actorId, from: q.from, to: q.to };
    const hrefOf = (at: { before?: string; after?: string } = {}) => `/admin/audit${queryString({ ...kept, ...at })}`;
    const entities = [...new Set([...AUDIT_ENTITIES, ...(q.entity ? [q.entity] : [])])];
    const base = {
      title: req.t('audit.title'),
      values: { ...q, person: people.shown },
      errors,
      cycles: await auditCycleChoices(m),
      matches: people.matches.map((p) => ({ ...p, roleKey: `roles.${p.role}`, href: `/admin/audit${queryString({ ...kept, person: undefined, actorId: p.id })}` })),
      // a kind the list does not know yet (typed into the address) is shown by its code
      entities: entities.map((e) => ({ value: e, label: (AUDIT_ENTITIES as readonly string[]).includes(e) ? req.t(`audit.entities.${e}`) : e })),
      newestHref: hrefOf(),
    };
    if (!position.success) return res.status(400).render('admin/audit/list', { ...base, rows: [], invalid: true, badCursor: true });
    if (people.problem === 'tooMany' || errors.from || errors.to) return res.status(400).render('admin/audit/list', { ...base, rows: [], invalid: true });

    const filter: AuditFilter = { cycleId: q.cycleId, entity: q.entity, actorIds: people.actorIds, ...range };
    const page = await auditLogPage(m, filter, position.data, PAGE_SIZE);
    res.render('admin/audit/list', {
      ...base,
      rows: page.rows.map((r) => auditRowView(r, req.locale)),
      summary: summaryOf(page, req),
      // not `nav`: that name is the header's menu (web/locals.ts)
      pages: {
        newest: position.data.before || position.data.after ? hrefOf() : null,
        newer: page.newer ? hrefOf({ after: cursorText(page.newer) }) : null,
        older: page.older ? hrefOf({ before: cursorText(page.older) }) : null,
      },
    });
  });
}

/** Names for the person field's suggestions while typing (public/audit-people.js): at most PEOPLE_SHOWN, by the same search. */
function registerAuditPeople(app: Express, dataSource: DataSource): void {
  const typedSchema = z.object({ q: z.string().trim().min(1).max(200) });
  route(app, { method: 'get', path: '/admin/audit/people.json', policy: 'admin' }, async (req, res) => {
    const typed = typedSchema.safeParse(req.query);
    const found = typed.success ? (await findPeople(dataSource.manager, typed.data.q)).slice(0, PEOPLE_SHOWN) : [];
    res.json(found.map((p) => ({ id: p.id, fullName: p.fullName, label: `${p.fullName} (${req.t(`roles.${p.role}`)})` })));
  });
}

/** «entries 51–100 of 121», or «of more than 10,000», or just how many are shown when the page lies past the count. */
function summaryOf(page: AuditLogPage, req: Request): string | null {
  if (!page.rows.length) return null;
  const cap = AUDIT_COUNT_CAP.toLocaleString(req.locale === 'ru' ? 'ru-RU' : 'en-GB');
  if (page.first === null) return req.t('audit.shownDeep', { count: page.rows.length, cap });
  if (page.total === null) return req.t('audit.shownMany', { first: page.first, last: page.last, cap });
  return req.t('audit.shown', { first: page.first, last: page.last, total: page.total });
}
