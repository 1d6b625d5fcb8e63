import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { User } from '../auth/user.entity';
import { Nominee } from '../nominations/nominee.entity';
import { Nomination } from '../nominations/nomination.entity';
import { insertDocument } from '../nominations/document-store';
import { targetOf } from '../nominations/statuses';
import { Criterion } from '../jury/criterion.entity';
import { Panel, PanelMember } from '../jury/panel.entity';
import { runAssignment } from '../jury/assignments';
import { confirmNoConflict } from '../jury/recusal';
import { saveScorecard } from '../jury/scorecards';
import { createTrack } from '../programmes/tracks';
import { rankingsOf } from '../programmes/selection';
import { saveApplicationChoices } from '../programmes/applications';
import { importDelegation } from '../programmes/delegation-import';
import { markOutcomes } from '../programmes/completion';
import { Track } from '../programmes/track.entity';
import { demoLetterPdf } from './documents';
import { seedConsents } from './consents-demo';
import { demoPasswordHash } from './people-hash';
import {
  DELEGATION_ORGANISATION, DELEGATION_PEOPLE, DELEGATION_TRACK, INTERNSHIP_ACHIEVEMENTS, INTERNSHIP_APPLICANTS, INTERNSHIP_MOTIVATION, INTERNSHIP_TRACKS, SELECTION_CRITERIA,
  type DemoTrack,
} from './programme-data';

const DAY = 24 * 3600 * 1000;

/** The host's coordinator of the delegation's track (and of the Moscow gastroenterology track). */
export const DEMO_COORDINATOR = { email: 'coordinator@example.org', fullName: 'Рябова Татьяна Борисовна', institution: 'НМИЦ здоровья детей Минздрава России' } as const;

/**
 * The demo's programmes (issue 12): «Наш детский врач — стажировки 2027» in selection — four tracks, twelve
 * applications with ranked preferences, accepted, and the commission's scorecards nearly all in (juror@ has two
 * left to score) — and a delegation's training at a Moscow centre, finished, every participant's outcome marked
 * and certificates of completion issued; the host's coordinator (coordinator@example.org) sees both of its tracks.
 * Seeded through the domain functions, as the pages would do it.
 */
export async function seedProgrammeDemo(m: EntityManager, regionId: number, now = new Date()): Promise<void> {
  const adminId: number = (await m.query(`SELECT id FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1`))[0].id;
  await m.save(m.create(User, { ...DEMO_COORDINATOR, role: 'coordinator', passwordHash: await demoPasswordHash(m) }));
  await seedInternships(m, regionId, adminId, now);
  await seedDelegation(m, regionId, adminId, now);
}

const trackInput = (t: DemoTrack) => ({ ...t, requiredDocuments: [] as never[] });

async function seedInternships(m: EntityManager, regionId: number, adminId: number, now: Date): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const cycle = await m.save(m.create(Cycle, {
    regionId, kind: 'programme', name: 'Наш детский врач — стажировки 2027', slug: 'our-pediatrician-internships-2027', code: 'NDV', year: 2027,
    description: 'Региональный проект: стажировки педиатров в ведущих клиниках России и за рубежом.',
    status: 'draft', rankingScope: 'programme',
    nominationsStart: ago(50), nominationsEnd: ago(30), screeningStart: ago(30), screeningEnd: ago(14), judgingStart: ago(14), judgingEnd: ago(-20),
  }));
  const trackIds: number[] = [];
  for (const t of INTERNSHIP_TRACKS) {
    const saved = await createTrack(m, cycle.id, trackInput(t), adminId);
    if (!saved.ok) throw new Error(`demo track ${t.name}: ${JSON.stringify(saved)}`);
    trackIds.push(saved.id);
  }
  await m.update(Cycle, { id: cycle.id }, { status: 'judging' });
  const [ranking] = await rankingsOf(m, cycle.id);
  const jurorIds: number[] = (await m.query(`SELECT id FROM app_user WHERE email IN ('juror@example.org', 'juror2@example.org', 'juror3@example.org') ORDER BY email`)).map((r: { id: number }) => r.id);
  await m.insert(Criterion, SELECTION_CRITERIA.map((c, sortOrder) => ({ ...c, categoryId: ranking.categoryId, sortOrder })));
  const panel = await m.save(m.create(Panel, { categoryId: ranking.categoryId, chairId: jurorIds[1], assignmentMode: 'all', jurorsPerNomination: null }));
  await m.insert(PanelMember, jurorIds.map((jurorId) => ({ panelId: panel.id, jurorId })));

  const municipalities = new Map<string, number>((await m.query(`SELECT id, name FROM municipality`)).map((r: { id: number; name: string }) => [r.name, r.id]));
  const officers = new Map<number, number>((await m.query(`SELECT id, municipality_id FROM app_user WHERE role = 'officer'`)).map((r: { id: number; municipality_id: number }) => [r.municipality_id, r.id]));
  for (const [i, a] of INTERNSHIP_APPLICANTS.entries()) {
    const municipalityId = municipalities.get(a.municipality)!;
    const authorId = officers.get(municipalityId) ?? adminId;
    const nominee = await m.save(m.create(Nominee, { ...a.person, municipalityId, phone: '+7 495 000-00-00', email: `ndv-${i + 1}@example.org` }));
    const nomination = await m.save(m.create(Nomination, {
      cycleId: cycle.id, categoryId: ranking.categoryId, nomineeId: nominee.id, municipalityId, authorId,
      achievements: `${a.person.position}, стаж ${a.person.yearsOfPractice} лет. ${INTERNSHIP_ACHIEVEMENTS}`, motivation: INTERNSHIP_MOTIVATION, status: targetOf('accept'),
      submittedAt: ago(45 - i), decidedAt: ago(16),
    }));
    await saveApplicationChoices(m, nomination.id, a.preferences.map((k) => trackIds[k]), {});
    const pdf = await demoLetterPdf('Ходатайство о направлении на стажировку', [
      `Администрация городского округа ${a.municipality} направляет ${a.person.lastName} ${a.person.firstName} ${a.person.patronymic}, ${a.person.position} (${a.person.institution}), для участия в программе «${cycle.name}».`,
      INTERNSHIP_MOTIVATION,
    ]);
    await insertDocument(m, {
      nominationId: nomination.id, kind: 'recommendation', fileName: `Ходатайство ${a.person.lastName}.pdf`,
      mime: 'application/pdf', size: pdf.length, sha256: crypto.createHash('sha256').update(pdf).digest('hex'), uploadedById: authorId,
    }, pdf);
    await seedConsents(m, { nominationId: nomination.id, authorId, lastName: a.person.lastName });
  }
  await runAssignment(m, adminId, ranking.categoryId);
  await seedSelectionScores(m, ranking.categoryId, jurorIds, now);
}

/** Every juror scores every application, except that juror@ leaves the last two for a visitor to score. */
async function seedSelectionScores(m: EntityManager, categoryId: number, jurorIds: number[], now: Date): Promise<void> {
  const criteria = await m.find(Criterion, { where: { categoryId }, order: { sortOrder: 'ASC' } });
  const firstJuror: number = (await m.query(`SELECT id FROM app_user WHERE email = 'juror@example.org'`))[0].id;
  let minute = 0;
  for (const [ji, jurorId] of jurorIds.entries()) {
    const mine: number[] = (await m.query(
      `SELECT a.nomination_id AS id FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE a.juror_id = $1 AND n.category_id = $2 ORDER BY a.nomination_id`,
      [jurorId, categoryId],
    )).map((r: { id: number }) => r.id);
    const toScore = jurorId === firstJuror ? mine.slice(0, -2) : mine;
    for (const [k, nominationId] of toScore.entries()) {
      const at = new Date(now.getTime() - 5 * DAY + (minute++) * 60_000);
      await confirmNoConflict(m, jurorId, nominationId, at);
      const scores = Object.fromEntries(criteria.map((c) => {
        const span = c.scaleMax - c.scaleMin;
        return [String(c.id), String(c.scaleMax - ((nominationId * 7 + k * 3 + ji * 5 + c.sortOrder) % Math.ceil(span / 2 + 1)))];
      }));
      await saveScorecard(m, jurorId, nominationId, { scores, comment: 'Мотивация подтверждена планом главного врача.' }, 'submit', at);
    }
  }
}

/** A partner region's delegation, trained in October: five doctors, four completed, one not; certificates issued. */
async function seedDelegation(m: EntityManager, regionId: number, adminId: number, now: Date): Promise<void> {
  const cycle = await m.save(m.create(Cycle, {
    regionId, kind: 'programme', name: 'Школа детской пульмонологии — делегация 2026', slug: 'pulmonology-school-delegation-2026', code: 'SDP', year: 2026,
    description: 'Обучение делегации педиатров Республики Беларусь в федеральном центре.',
    status: 'draft', rankingScope: 'programme',
  }));
  const saved = await createTrack(m, cycle.id, trackInput(DELEGATION_TRACK), adminId);
  if (!saved.ok) throw new Error(`demo delegation track: ${JSON.stringify(saved)}`);
  await m.update(Cycle, { id: cycle.id }, { status: 'training' });
  const rows = [
    ['ФИО', 'Должность', 'Учреждение', 'Муниципалитет', 'Организация', 'Email'],
    ...DELEGATION_PEOPLE.map((p) => [`${p.lastName} ${p.firstName} ${p.patronymic}`, p.position, p.institution, '', DELEGATION_ORGANISATION, p.email]),
  ];
  const imported = await importDelegation(m, saved.id, rows, adminId);
  if (!imported.ok) throw new Error(`demo delegation import: ${JSON.stringify(imported)}`);
  await m.update(Cycle, { id: cycle.id }, { status: 'completion' });
  const track = await m.findOneByOrFail(Track, { id: saved.id });
  const participants: Array<{ id: number; email: string }> = await m.query(`SELECT id, email FROM participant WHERE track_id = $1 ORDER BY id`, [saved.id]);
  const hoursOf = new Map<string, number | null>(DELEGATION_PEOPLE.map((p) => [p.email, p.hours]));
  const marks = participants.map((p) => {
    const hours = hoursOf.get(p.email) ?? null;
    return hours === null
      ? { participantId: p.id, move: 'fail' as const, hours: null, reason: 'Пропустила вторую неделю по болезни; приглашена на следующий поток.' }
      : { participantId: p.id, move: 'complete' as const, hours, reason: null };
  });
  const marked = await markOutcomes(m, { track, marks, actorId: adminId, today: '2026-10-20', now: new Date(Math.min(now.getTime(), Date.parse('2026-10-20T12:00:00Z'))) });
  if (!marked.ok) throw new Error(`demo delegation outcomes: ${JSON.stringify(marked)}`);
  await m.update(Cycle, { id: cycle.id }, { status: 'closed' });
}
