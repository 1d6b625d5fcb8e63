import type { Express, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { officerOf } from '../auth/policies';
import { officerNomination } from '../nominations/scope';
import { sendPdf } from '../certificates/responses';
import { fullName } from '../text/normalise';
import { consentFormFileName, renderConsentForm, type ConsentFormData, type ConsentFormKind } from './consent-forms';

export interface ConsentFormSettings {
  baseUrl: string;
  retentionYears: number;
  operator: { name: string | null; address: string | null };
}

const FILES: Record<string, ConsentFormKind> = { 'processing.pdf': 'processing', 'publication.pdf': 'publication' };

/** Without a configured operator the forms name the region's ministry of health; the address is written by hand. */
export const defaultOperatorName = (regionName: string) => `Министерство здравоохранения (${regionName})`;

/** What a nomination's consent forms are prefilled with. */
async function formData(m: EntityManager, nominationId: number, settings: ConsentFormSettings): Promise<ConsentFormData | null> {
  const [row] = await m.query(
    `SELECT n.id, ne.last_name AS "lastName", ne.first_name AS "firstName", ne.patronymic, ne.phone, ne.email,
            cy.name AS "cycleName", c.name AS "categoryName", r.name AS "regionName"
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN cycle cy ON cy.id = n.cycle_id
       JOIN region r ON r.id = cy.region_id LEFT JOIN category c ON c.id = n.category_id
      WHERE n.id = $1`,
    [nominationId],
  );
  if (!row) return null;
  return {
    nominationId: row.id,
    nomineeName: fullName(row),
    nomineeContacts: [row.phone, row.email].map((s: string) => s.trim()).filter(Boolean).join(', '),
    cycleName: row.cycleName,
    categoryName: row.categoryName,
    operator: { name: settings.operator.name ?? defaultOperatorName(row.regionName), address: settings.operator.address },
    baseUrl: settings.baseUrl,
    retentionYears: settings.retentionYears,
    date: new Date(),
  };
}

/**
 * The consent forms to print, prefilled with the nomination's nominee, cycle and category: for the officer
 * of the nomination's municipality (another's is not found) and for the admin (a past winner's consent).
 */
export function registerConsentFormRoutes(app: Express, dataSource: DataSource, settings: ConsentFormSettings): void {
  const send = async (res: Response, id: number, kind: ConsentFormKind) => {
    const data = await dataSource.transaction((m) => formData(m, id, settings));
    if (!data) throw notFound();
    const name = consentFormFileName(kind, id);
    sendPdf(res, await renderConsentForm(kind, data), { fileName: name.fileName, asciiFallback: name.ascii, cache: 'private, no-store' });
  };
  const params = (req: Request) => {
    const id = parseId(req.params.id);
    const kind = FILES[String(req.params.file)];
    if (!id || !kind) throw notFound();
    return { id, kind };
  };

  route(app, { method: 'get', path: '/officer/nominations/:id/consent-forms/:file', policy: 'officer' }, async (req, res) => {
    const { id, kind } = params(req);
    const own = await dataSource.transaction((m) => officerNomination(m, officerOf(req.user), id));
    if (!own) throw notFound();
    await send(res, id, kind);
  });

  route(app, { method: 'get', path: '/admin/nominations/:id/consent-forms/:file', policy: 'admin' }, async (req, res) => {
    const { id, kind } = params(req);
    await send(res, id, kind);
  });
}
