import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { CertificateTemplate, type CertificateKind, type Signatory } from './certificate.entity';
import { DEFAULT_TEMPLATES } from './defaults';
import { lockCounter } from './numbering';
import { unknownPlaceholders } from './placeholders';
import { unfitSignatoryNames, type TemplateAssets } from './render';

/**
 * Certificate templates are versioned data: saving inserts a new version, the current template of a
 * cycle and kind is its highest version, and a certificate keeps the version it was issued with.
 */

export const MAX_SIGNATORIES = 3;
export const ACCENT_COLOR = /^#[0-9a-fA-F]{6}$/;

export type ImageChange = { action: 'keep' } | { action: 'remove' } | { action: 'replace'; data: Buffer; mime: 'image/png' | 'image/jpeg' };

export interface TemplateInput {
  title: string;
  body: string;
  signatories: Signatory[];
  accentColor: string;
  emblem: ImageChange;
  background: ImageChange;
}

export type TemplateProblems = Partial<Record<'title' | 'body' | 'signatories' | 'accentColor', { key: string; params?: Record<string, unknown> }>>;

/** Problems of a template as data: unknown placeholders (named), too many signatories, a bad colour. */
export function templateProblems(input: Pick<TemplateInput, 'title' | 'body' | 'signatories' | 'accentColor'>, kind: CertificateKind): TemplateProblems {
  const problems: TemplateProblems = {};
  for (const field of ['title', 'body'] as const) {
    const unknown = unknownPlaceholders(input[field], kind);
    if (unknown.length) problems[field] = { key: 'certificates.problem.unknownPlaceholder', params: { names: unknown.join(', '), count: unknown.length } };
  }
  if (input.signatories.length > MAX_SIGNATORIES) problems.signatories = { key: 'certificates.problem.tooManySignatories', params: { max: MAX_SIGNATORIES } };
  // A name prints on one line under its signature. The editor's form says so next to each name
  // (template-form.ts); this refuses it for every other caller.
  const unfit = unfitSignatoryNames(input.signatories);
  if (unfit.length) problems.signatories ??= { key: 'certificates.problem.signatoryNamesTooLong', params: { names: unfit.map((i) => input.signatories[i].name).join(', ') } };
  if (!ACCENT_COLOR.test(input.accentColor)) problems.accentColor = { key: 'certificates.problem.badColor' };
  return problems;
}

/** The current version of a cycle's template of one kind, without its image bytes; null before the first use. */
export function currentTemplate(m: EntityManager, cycleId: number, kind: CertificateKind): Promise<CertificateTemplate | null> {
  return m.findOne(CertificateTemplate, { where: { cycleId, kind }, order: { version: 'DESC' } });
}

/** The current template, creating version 1 from the default texts on first use. Call with the counter locked. */
export async function ensureTemplate(m: EntityManager, cycleId: number, kind: CertificateKind, actorId: number | null): Promise<CertificateTemplate> {
  const current = await currentTemplate(m, cycleId, kind);
  if (current) return current;
  const d = DEFAULT_TEMPLATES[kind];
  const created = m.create(CertificateTemplate, { cycleId, kind, version: 1, title: d.title, body: d.body, signatories: d.signatories, accentColor: d.accentColor, emblem: null, emblemMime: null, background: null, backgroundMime: null, createdById: actorId });
  await m.insert(CertificateTemplate, created);
  return (await currentTemplate(m, cycleId, kind))!;
}

/** Saves a new version of the template; images not replaced or removed are carried over from the last version. */
export async function saveTemplate(m: EntityManager, cycleId: number, kind: CertificateKind, input: TemplateInput, actorId: number): Promise<{ ok: true; version: number } | { ok: false; problems: TemplateProblems }> {
  const problems = templateProblems(input, kind);
  if (Object.keys(problems).length) return { ok: false, problems };
  await lockCounter(m, cycleId); // one writer of the cycle's certificates at a time
  const previous = await currentTemplate(m, cycleId, kind);
  const old = previous ? await templateAssets(m, previous.id) : { emblem: null, background: null };
  const image = (change: ImageChange, oldData: Buffer | null, oldMime: string | null) =>
    change.action === 'replace' ? { data: change.data, mime: change.mime } : change.action === 'remove' ? { data: null, mime: null } : { data: oldData, mime: oldData ? oldMime : null };
  const emblem = image(input.emblem, old.emblem, previous?.emblemMime ?? null);
  const background = image(input.background, old.background, previous?.backgroundMime ?? null);
  const version = (previous?.version ?? 0) + 1;
  await m.insert(CertificateTemplate, {
    cycleId, kind, version, title: input.title, body: input.body, signatories: input.signatories, accentColor: input.accentColor.toLowerCase(),
    emblem: emblem.data, emblemMime: emblem.mime, background: background.data, backgroundMime: background.mime, createdById: actorId,
  });
  await recordAudit(m, { actorId, entity: 'certificate_template', entityId: `${cycleId}/${kind}`, cycleId, action: 'certificate_template.saved', data: { kind, version } });
  return { ok: true, version };
}

/** The emblem and background bytes of one template version (not loaded with the row). */
export async function templateAssets(m: EntityManager, templateId: number): Promise<TemplateAssets> {
  const rows: Array<{ emblem: Buffer | null; background: Buffer | null }> = await m.query(`SELECT emblem, background FROM certificate_template WHERE id = $1`, [templateId]);
  return { emblem: rows[0]?.emblem ?? null, background: rows[0]?.background ?? null };
}

/** What the editor shows: the current version, or the defaults (not yet saved) before the first use. */
export async function templateForEditing(m: EntityManager, cycleId: number, kind: CertificateKind) {
  const current = await currentTemplate(m, cycleId, kind);
  if (current) return { ...current, saved: true };
  return { ...DEFAULT_TEMPLATES[kind], id: null, version: 0, emblemMime: null, backgroundMime: null, saved: false };
}
