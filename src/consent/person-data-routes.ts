import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { clientLeft, setDownloadHeaders } from '../web/download';
import { recordAudit } from '../audit/record';
import { MAX_NOMINATIONS_PER_PERSON, personalDataHome, personData, type PersonData } from './person-data-queries';
import { writePersonArchive } from './person-data-export';
import { eraseAudited } from './person-data-consents';

/**
 * A person's data on request, for the admin: find a nominee by name, see everything stored about them, download
 * it as one ZIP, and erase what no archive duty keeps (nominations that won nothing), after a confirmation.
 */

/** The nominations the admin picked as one person's (`?n=1&n=2`), as ids; anything malformed is dropped. */
function pickedIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(list.map(parseId).filter((id): id is number => id !== null))].slice(0, MAX_NOMINATIONS_PER_PERSON);
}

const query = (ids: number[]) => ids.map((id) => `n=${id}`).join('&');

const searchSchema = z.object({ q: fields.optionalText(200) });
const eraseSchema = z.object({ confirm: z.literal('yes', { error: 'personalData.erase.confirmRequired' }) });

/** What the erase page offers: the nominations that would be erased, and those kept as archive. */
function eraseView(data: PersonData) {
  const live = data.nominations.filter((n) => !n.erasure);
  return { erasable: live.filter((n) => !n.archive), kept: live.filter((n) => n.archive) };
}

export function registerPersonDataRoutes(app: Express, dataSource: DataSource, retentionYears: number): void {
  const m = dataSource.manager;

  const loadPerson = async (ids: number[]) => {
    const data = await personData(m, ids);
    if (!data.nominations.length) throw notFound();
    return data;
  };

  route(app, { method: 'get', path: '/admin/personal-data', policy: 'admin' }, async (req, res) => {
    const form = parseForm(searchSchema, req.query, req.t);
    const q = form.ok ? form.data.q : '';
    const { people, more, unconsented } = await personalDataHome(m, q);
    res.status(form.ok ? 200 : 400).render('admin/consent/search', {
      title: req.t('personalData.title'),
      q: form.ok ? q : '',
      error: form.ok ? null : form.errors.q,
      searched: !!q,
      people: people.map((p) => ({ ...p, nominations: p.nominations.map((n) => ({ ...n, statusKey: `nominations.status.${n.status}` })) })),
      more,
      unconsented: { ...unconsented, more: unconsented.total > unconsented.winners.length },
      retentionYears,
    });
  });

  route(app, { method: 'get', path: '/admin/personal-data/person', policy: 'admin' }, async (req, res) => {
    const ids = pickedIds(req.query.n);
    const data = await loadPerson(ids);
    const { erasable } = eraseView(data);
    res.render('admin/consent/person', {
      title: req.t('personalData.person.title'),
      nominations: data.nominations.map((n) => ({
        ...n,
        statusKey: `nominations.status.${n.status}`,
        erasureKey: n.erasure ? `personalData.erasure.${n.erasure.reason}` : null,
        publicFields: n.publicationConsent && !n.publicationConsent.withdrawnAt ? n.publicationConsent.fields.map((f) => req.t(`personalData.fields.${f}`)).join(', ') : null,
        documents: n.documents.map((d) => ({ ...d, kindKey: `nominations.documentKinds.${d.kind}`, href: `/admin/nominations/${n.id}/documents/${d.id}` })),
      })),
      messages: data.messages,
      ids: data.nominations.map((n) => n.id),
      query: query(data.nominations.map((n) => n.id)),
      canErase: erasable.length > 0,
    });
  });

  // a POST: the export is audited, and no GET may write (a link on another site could make the admin's browser send it)
  route(app, { method: 'post', path: '/admin/personal-data/export.zip', policy: 'admin' }, async (req, res) => {
    const data = await loadPerson(pickedIds(req.body?.n));
    const at = new Date();
    await recordAudit(m, { actorId: req.user!.id, entity: 'personalData', entityId: 'export', action: 'personalData.exported', data: { nominations: data.nominations.map((n) => n.id) } });
    setDownloadHeaders(res, { fileName: `${req.t('personalData.export.fileName')}-${at.toISOString().slice(0, 10)}.zip`, asciiFallback: `personal-data-${at.toISOString().slice(0, 10)}.zip`, contentType: 'application/zip' });
    await writePersonArchive(dataSource, res, data, at).catch((err) => {
      if (clientLeft(err, res)) return;
      // the headers are gone: a broken download is all that can be said now
      if (res.headersSent) return void res.destroy(err);
      throw err;
    });
  });

  const renderErase = async (req: Request, res: Response, status: number, ids: number[], error: string | null = null) => {
    const data = await loadPerson(ids);
    const { erasable, kept } = eraseView(data);
    res.status(status).render('admin/consent/erase', {
      title: req.t('personalData.erase.title'),
      erasable: erasable.map((n) => ({ ...n, statusKey: `nominations.status.${n.status}` })),
      kept: kept.map((n) => ({ ...n, statusKey: `nominations.status.${n.status}` })),
      ids: data.nominations.map((n) => n.id),
      query: query(data.nominations.map((n) => n.id)),
      error,
    });
  };

  route(app, { method: 'get', path: '/admin/personal-data/erase', policy: 'admin' }, async (req, res) => {
    await renderErase(req, res, 200, pickedIds(req.query.n));
  });

  route(app, { method: 'post', path: '/admin/personal-data/erase', policy: 'admin' }, async (req, res) => {
    const ids = pickedIds(req.body?.n);
    const form = parseForm(eraseSchema, req.body, req.t);
    if (!form.ok) return renderErase(req, res, 400, ids, form.errors.confirm ?? req.t('personalData.erase.confirmRequired'));
    const data = await loadPerson(ids);
    const { erasable } = eraseView(data);
    const erased = await dataSource.transaction((tx) => eraseAudited(tx, erasable.map((n) => n.id), 'request', req.user!.id));
    flash(req, 'success', 'personalData.erase.done', { count: erased });
    res.redirect(303, `/admin/personal-data/person?${query(ids)}`);
  });
}
