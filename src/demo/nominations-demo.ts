import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category, type DocumentKind } from '../cycles/category.entity';
import { Nominee } from '../nominations/nominee.entity';
import { Nomination, type NominationStatus } from '../nominations/nomination.entity';
import { insertDocument } from '../nominations/document-store';
import { recordAudit } from '../audit/record';
import { demoLetterPdf } from './documents';
import { DEMO_NOMINEES } from './nominees';
import { isIn } from '../nominations/statuses';
import { seedHistory } from './history';
import { seedConsents } from './consents-demo';

const DAY = 24 * 3600 * 1000;

export const DEMO_CATEGORIES: Array<{ name: string; description: string; maxWinners: number; quota: number | null; minYears: number; pastYears: number; docs: DocumentKind[] }> = [
  { name: 'Лучший участковый педиатр', description: 'Врач-педиатр участковый, обслуживающий детское население участка.', maxWinners: 3, quota: 2, minYears: 5, pastYears: 3, docs: ['recommendation'] },
  { name: 'Лучший неонатолог', description: 'Врач-неонатолог родильного дома или перинатального центра.', maxWinners: 1, quota: 1, minYears: 5, pastYears: 3, docs: ['recommendation'] },
  { name: 'Молодой специалист', description: 'Педиатр со стажем до 5 лет, проявивший себя в первые годы практики.', maxWinners: 2, quota: 2, minYears: 0, pastYears: 0, docs: ['recommendation', 'cv'] },
  { name: 'Наставник года', description: 'Врач, подготовивший новое поколение детских врачей региона.', maxWinners: 1, quota: 1, minYears: 20, pastYears: 5, docs: ['recommendation'] },
  { name: 'Телемедицина и цифровые сервисы', description: 'Врач или команда, внедрившие цифровые сервисы для детей и родителей.', maxWinners: 1, quota: null, minYears: 3, pastYears: 0, docs: [] },
];

/**
 * The 2026 cycle in its nominations phase: five categories and about twenty nominations from several
 * municipalities in every state an officer or the admin meets, each with a small real PDF.
 * Dates are relative to the first start, so the demo is always open for nominations.
 */
export async function seedNominationsDemo(m: EntityManager, regionId: number, now = new Date()): Promise<Cycle> {
  const cycle = await m.save(m.create(Cycle, {
    regionId, name: 'Лучший детский врач Подмосковья — 2026', slug: 'best-pediatrician-2026', code: 'PED', year: 2026,
    description: 'Ежегодный конкурс Министерства здравоохранения Московской области среди детских врачей.',
    status: 'nominations_open',
    nominationsStart: new Date(now.getTime() - 14 * DAY), nominationsEnd: new Date(now.getTime() + 30 * DAY),
    screeningStart: new Date(now.getTime() + 30 * DAY), screeningEnd: new Date(now.getTime() + 44 * DAY),
    judgingStart: new Date(now.getTime() + 44 * DAY), judgingEnd: new Date(now.getTime() + 74 * DAY),
    deliberationStart: new Date(now.getTime() + 74 * DAY), deliberationEnd: new Date(now.getTime() + 88 * DAY),
  }));
  const categories = await m.save(DEMO_CATEGORIES.map((c, i) => m.create(Category, {
    cycleId: cycle.id, name: c.name, description: c.description, maxWinners: c.maxWinners, quotaPerMunicipality: c.quota,
    minYearsPractice: c.minYears, pastWinnersExcludedYears: c.pastYears, requiredDocuments: c.docs, sortOrder: i,
  })));
  const municipalities = new Map<string, number>((await m.query(`SELECT id, name FROM municipality`)).map((r: { id: number; name: string }) => [r.name, r.id]));
  const officers = new Map<number, number>((await m.query(`SELECT id, municipality_id FROM app_user WHERE role = 'officer'`)).map((r: { id: number; municipality_id: number }) => [r.municipality_id, r.id]));
  const adminId: number = (await m.query(`SELECT id FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1`))[0].id;

  for (const [i, n] of DEMO_NOMINEES.entries()) {
    const municipalityId = municipalities.get(n.municipality)!;
    const authorId = officers.get(municipalityId) ?? adminId;
    const nominee = await m.save(m.create(Nominee, { ...n.person, municipalityId }));
    const category = categories[n.category];
    const status: NominationStatus = n.status;
    const nomination = await m.save(m.create(Nomination, {
      cycleId: cycle.id, categoryId: category.id, nomineeId: nominee.id, municipalityId, authorId,
      achievements: n.achievements, motivation: n.motivation, status,
      statusReason: n.reason ?? null,
      submittedAt: isIn('unsent', status) ? null : new Date(now.getTime() - (10 - (i % 7)) * DAY),
      decidedAt: isIn('screened', status) ? new Date(now.getTime() - 2 * DAY) : null,
    }));
    const pdf = await demoLetterPdf('Ходатайство о выдвижении', [
      `Администрация городского округа ${n.municipality} выдвигает ${n.person.lastName} ${n.person.firstName} ${n.person.patronymic}, ${n.person.position} (${n.person.institution}), на конкурс «${cycle.name}» в номинации «${category.name}».`,
      n.achievements,
    ]);
    for (const kind of category.requiredDocuments.length ? category.requiredDocuments : (['recommendation'] as DocumentKind[])) {
      await insertDocument(m, {
        nominationId: nomination.id, kind, fileName: kind === 'cv' ? `Резюме ${n.person.lastName}.pdf` : `Ходатайство ${n.person.lastName}.pdf`,
        mime: 'application/pdf', size: pdf.length, sha256: crypto.createHash('sha256').update(pdf).digest('hex'), uploadedById: authorId,
      }, pdf);
    }
    await recordAudit(m, { actorId: authorId, entity: 'nomination', entityId: nomination.id, cycleId: cycle.id, action: 'nomination.created' });
    // a submitted nomination came with its consents; a draft may not have them yet
    if (!isIn('unsent', status)) await seedConsents(m, { nominationId: nomination.id, authorId, lastName: n.person.lastName });
    await seedHistory(m, { id: nomination.id, cycleId: cycle.id, status }, { officerId: authorId, adminId, reason: n.reason ?? null });
  }
  return cycle;
}
