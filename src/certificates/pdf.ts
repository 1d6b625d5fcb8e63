import type { EntityManager } from 'typeorm';
import type { CertificateRow } from './queries';
import { templateVersion } from './queries';
import type { PrintedTemplate, TemplateAssets } from './render';
import { renderCertificate } from './render';

/** Rendering stored certificates: the record and the template version it was issued with, nothing else. */

export interface LoadedTemplate {
  template: PrintedTemplate;
  assets: TemplateAssets;
}

/** Template versions by id, loaded once per request: a bulk download of thousands uses a handful. */
export function templateLoader(m: EntityManager): (id: number) => Promise<LoadedTemplate> {
  const cache = new Map<number, Promise<LoadedTemplate>>();
  return (id) => {
    let hit = cache.get(id);
    if (!hit) {
      hit = templateVersion(m, id).then((t) => {
        if (!t) throw new Error(`certificate template ${id} is missing`);
        return { template: { title: t.title, body: t.body, signatories: t.signatories, accentColor: t.accentColor }, assets: { emblem: t.emblem, background: t.background } };
      });
      cache.set(id, hit);
    }
    return hit;
  };
}

export async function storedCertificatePdf(row: CertificateRow, loaded: LoadedTemplate, baseUrl: string): Promise<Buffer> {
  return (await renderCertificate({ record: row, ...loaded, baseUrl })).pdf;
}

/** «Иванова М.П.»: the surname and initials, for file names. */
export function shortName(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  return [surname, rest.map((p) => `${[...p][0]}.`).join('')].filter(Boolean).join(' ');
}

/** «PED-2026-0007 Иванова М.П..pdf», without characters that file systems refuse. */
export function certificateFileName(row: Pick<CertificateRow, 'number' | 'holderName'>): string {
  const name = `${row.number} ${shortName(row.holderName)}`.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150);
  return `${name}.pdf`;
}
