import type { Agent } from './harness';

/** Small real files: the app decides their type by these first bytes. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
export const PDF_WITH_SCRIPT = Buffer.from('%PDF-1.4\n1 0 obj<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>endobj\n%%EOF\n');

export type Fields = Record<string, string | number | string[] | undefined>;
export interface Upload {
  slot?: number;
  name: string;
  data: Buffer;
}

/** Every field of a nomination that can be submitted (texts long enough, contacts given). */
export function completeFields(categoryId: number, over: Fields = {}): Fields {
  return {
    categoryId,
    'nominee.lastName': 'Иванова', 'nominee.firstName': 'Мария', 'nominee.patronymic': 'Петровна',
    'nominee.position': 'участковый врач-педиатр', 'nominee.institution': 'Красногорская городская больница № 1',
    'nominee.specialty': 'педиатрия', 'nominee.yearsOfPractice': 12, 'nominee.phone': '+7 900 000-00-00', 'nominee.email': 'ivanova@example.org',
    achievements: 'Двадцать лет ведёт участок, снизила младенческую смертность, наставник молодых врачей.',
    motivation: 'Её знают и любят семьи всего района; она первой внедрила патронаж недоношенных детей.',
    ...over,
  };
}

/** The upload rows of the signed consents (the form's last two rows, their kinds fixed). */
export const CONSENT_SLOTS = { processing: 3, publication: 4 } as const;
/** A scan of the nominee's signed consent to processing, which every submission needs (issue 14). */
export const SIGNED_CONSENT: Upload = { slot: CONSENT_SLOTS.processing, name: 'Согласие на обработку.pdf', data: PDF };

/**
 * Posts the nomination form as a browser does: multipart, the fields first, then the files. A submission
 * carries the nominee's signed consent to processing, as every real one must, unless the uploads give one
 * in its row already or `signedConsent: false` leaves it out (to see the refusal).
 */
export function postForm(agent: Agent, url: string, csrf: string, fields: Fields, uploads: Upload[] = [], o: { signedConsent?: boolean } = {}) {
  let req = agent.post(url).field('_csrf', csrf);
  // a browser sends every upload row's kind select (and the consent rows' fixed kinds), with the kinds the form starts with
  for (const [name, value] of Object.entries({ kind0: 'recommendation', kind1: 'cv', kind2: 'diploma', kind3: 'consent_processing', kind4: 'consent_publication', ...fields })) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) req = req.field(name, String(v));
  }
  const consent = fields.action === 'submit' && o.signedConsent !== false && !uploads.some((u) => u.slot === CONSENT_SLOTS.processing);
  for (const u of consent ? [...uploads, SIGNED_CONSENT] : uploads) req = req.attach(`files${u.slot ?? 0}`, u.data, u.name);
  return req;
}

/** The value of a form control in a page (hidden or text input). */
export function inputValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<input[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*value="([^"]*)"`).exec(html);
  return m?.[1];
}

/** The text of the field error shown next to a control (partials/field-error.hbs). */
export function fieldError(html: string, id: string): string | undefined {
  const m = new RegExp(`<small class="field-error" id="${id.replace(/\./g, '\\.')}-error">([^<]*)</small>`).exec(html);
  return m?.[1];
}

/** Text of a page with tags removed and whitespace collapsed, for reading sentences. */
export function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
}
