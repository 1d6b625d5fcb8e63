import type request from 'supertest';
import { completeFields, postForm, PDF } from '../support/officer-forms';
import { municipalityId, userId } from '../support/fixtures';
import type { TestApp } from '../support/harness';
import { toLocalInput } from '../../src/web/zoned-time';
import { readable, visitorAs, type Visitor } from './support';

/** Markup that would run if any page printed it raw, and a formula a spreadsheet would run. */
export const MARKUP = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;
export const FORMULA = `=HYPERLINK("http://evil","x")`;
/** What goes into every free-text field: the formula first (spreadsheets look at a cell's start), then the markup. */
export const HOSTILE = `${FORMULA}${MARKUP}`;
const SHORT_MARKUP = '<img src=x onerror=alert(1)>';
/** A long-text field must reach its minimum length to be submitted. */
const LONG = `${HOSTILE} — двадцать лет ведёт участок, наставник молодых врачей района.`;

export interface HostileScene {
  admin: Visitor;
  officer: Visitor;
  juror: Visitor;
  juror2: Visitor;
  /** the cycle taken through judging to published results and certificates */
  published: number;
  /** the cycle left in screening, with a nomination returned and one rejected (their reasons shown) */
  screening: number;
}

/** Fails loudly with the page's own words, so a broken step of the scene says what went wrong. */
async function step(what: string, req: request.Test | Promise<request.Response>, status: number): Promise<request.Response> {
  const res = await req;
  if (res.status !== status) throw new Error(`${what}: ${res.status}, expected ${status}\n${readable(res.text ?? '').slice(0, 1500)}`);
  return res;
}

const versionOf = async (t: TestApp, table: 'cycle' | 'nomination', id: number) => (await t.ds.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version as number;

/**
 * Puts HOSTILE into every free-text field a person can fill, through the app's own forms, and takes one
 * cycle all the way to published results and issued, revoked and re-issued certificates: people (names,
 * institutions), cycles, categories, nominees and their texts, screening reasons, criteria and rubrics,
 * recusals, scorecard comments, deliberation and approval reasons, certificate templates and reasons.
 * A nominee's patronymic is `{cycle.name}`: printed literally, never expanded.
 */
export async function createHostileScene(t: TestApp): Promise<HostileScene> {
  const admin = await visitorAs(t, 'admin');
  const form = (what: string, v: Visitor, url: string, body: Record<string, unknown>, status = 303) => step(what, v.agent.post(url).type('form').send({ _csrf: v.csrf, ...body }), status);
  const tz = t.config.regionTz;
  const ids = { krasnogorsk: await municipalityId(t.ds, 'Красногорск'), khimki: await municipalityId(t.ds, 'Химки'), kolomna: await municipalityId(t.ds, 'Коломна') };

  // people: names and institutions typed by the admin
  await form('officer renamed', admin, `/admin/users/${await userId(t.ds, 'officer@example.org')}`, { fullName: HOSTILE, role: 'officer', municipalityId: ids.krasnogorsk, institution: '' });
  await form('juror2 renamed', admin, `/admin/users/${await userId(t.ds, 'juror2@example.org')}`, { fullName: HOSTILE, role: 'juror', municipalityId: ids.khimki, institution: `${HOSTILE} (жюри)` });
  await form('juror invited', admin, '/admin/users', { email: 'hostile@example.org', fullName: HOSTILE, role: 'juror', municipalityId: ids.kolomna, institution: HOSTILE }, 200);

  // two cycles, each with a category, open for nominations
  const cycles: number[] = [];
  // code and year differ: they make the certificate numbers, unique across cycles
  for (const [slug, code] of [['hostile-published', 'HOSP'], ['hostile-screening', 'HOSS']]) {
    const created = await form(`cycle ${slug}`, admin, '/admin/cycles', {
      name: HOSTILE, slug, code, year: '2026', description: HOSTILE,
      nominationsStart: toLocalInput(new Date(Date.now() - 86_400_000), tz), nominationsEnd: toLocalInput(new Date(Date.now() + 2 * 86_400_000), tz),
    });
    const id = Number(/(\d+)$/.exec(created.headers.location)![1]);
    await form('category', admin, `/admin/cycles/${id}/categories`, { name: HOSTILE, description: HOSTILE, maxWinners: '1', minYearsPractice: '0', pastWinnersExcludedYears: '0' });
    await form('nominations opened', admin, `/admin/cycles/${id}/phase`, { to: 'nominations_open', version: await versionOf(t, 'cycle', id) });
    cycles.push(id);
  }
  const [published, screening] = cycles;
  const categoryOf = async (cycleId: number) => (await t.ds.query(`SELECT id FROM category WHERE cycle_id = $1`, [cycleId]))[0].id as number;

  // nominations, every nominee field and text hostile, two in each cycle, submitted with a document
  const officer = await visitorAs(t, 'officer');
  const nominations: number[] = [];
  for (const cycleId of cycles) {
    for (const n of [1, 2]) {
      const fields = completeFields(await categoryOf(cycleId), {
        'nominee.lastName': HOSTILE, 'nominee.firstName': `${HOSTILE}${n}`, 'nominee.patronymic': '{cycle.name}', 'nominee.position': HOSTILE, 'nominee.institution': HOSTILE,
        'nominee.specialty': HOSTILE, 'nominee.phone': FORMULA, 'nominee.email': 'hostile@example.org', achievements: LONG, motivation: LONG,
      });
      const res = await step('nomination submitted', postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...fields, action: 'submit' }, [{ name: `${MARKUP}.pdf`, data: PDF }]), 303);
      nominations.push(Number(/(\d+)$/.exec(res.headers.location)![1]));
    }
  }
  for (const id of cycles) await form('screening', admin, `/admin/cycles/${id}/phase`, { to: 'screening', version: await versionOf(t, 'cycle', id) });
  const decide = async (id: number, decision: string) => form(`${decision} ${id}`, admin, `/admin/nominations/${id}/decision`, { decision, reason: HOSTILE, version: await versionOf(t, 'nomination', id) });
  const [a, b, c, d] = nominations;
  await decide(a, 'accept');
  await decide(b, 'accept');
  await decide(c, 'return');
  await decide(d, 'reject');

  // the jury of the published cycle: a criterion with its rubric, a panel of juror@ and juror2@, assignments
  const category = await categoryOf(published);
  await form('criterion', admin, `/admin/categories/${category}/criteria`, { name: HOSTILE, description: HOSTILE, weight: '1', scaleMin: '1', scaleMax: '10', rubric: `1–5: ${HOSTILE}\n6–10: ${HOSTILE}` });
  const jurors = [await userId(t.ds, 'juror@example.org'), await userId(t.ds, 'juror2@example.org')];
  await form('panel', admin, `/admin/categories/${category}/panel`, { jurorIds: jurors.map(String), chairId: String(jurors[0]), mode: 'all' });
  await form('assignment', admin, `/admin/categories/${category}/assign`, {}, 200);
  await form('judging', admin, `/admin/cycles/${published}/phase`, { to: 'judging', version: await versionOf(t, 'cycle', published) });

  const [criterion] = await t.ds.query(`SELECT id FROM criterion WHERE category_id = $1`, [category]);
  const juror = await visitorAs(t, 'juror');
  const juror2 = await visitorAs(t, 'juror', 'juror2@example.org');
  const score = (v: Visitor, id: number, value: string) => form('scorecard', v, `/jury/nominations/${id}/scorecard`, { action: 'submit', comment: HOSTILE, [`score_${criterion.id}`]: value });
  for (const id of [a, b]) await form('confirm', juror, `/jury/nominations/${id}/confirm`, {});
  await score(juror, a, '9');
  await score(juror, b, '5');
  await form('confirm', juror2, `/jury/nominations/${a}/confirm`, {});
  await score(juror2, a, '7');
  await form('recusal', juror2, `/jury/nominations/${b}/recuse`, { reason: HOSTILE });

  // deliberation: method, open scores, an override and a reset with reasons; approval, reopening, publication
  await form('deliberation', admin, `/admin/cycles/${published}/phase`, { to: 'deliberation', version: await versionOf(t, 'cycle', published) });
  await form('method', admin, `/admin/cycles/${published}/results/method`, { method: 'raw' });
  await form('public scores', admin, `/admin/cycles/${published}/results/public-scores`, { publicScores: 'on' });
  await form('override', admin, `/admin/categories/${category}/results/override`, { place1: String(b), reason: HOSTILE });
  await form('reset', admin, `/admin/categories/${category}/results/reset`, { resetReason: HOSTILE });
  await form('override again', admin, `/admin/categories/${category}/results/override`, { place1: String(b), reason: HOSTILE });
  // the hostile nominees gave no publication consent: the admin approves knowingly
  const move = async (action: string) => form(action, admin, `/admin/cycles/${published}/results/${action}`, { version: await versionOf(t, 'cycle', published), reason: HOSTILE, confirmConsent: 'on' });
  for (const action of ['approve', 'reopen', 'approve', 'publish']) await move(action);

  // certificates: every template's texts, then issuing, revoking and re-issuing with reasons
  for (const kind of ['winner', 'nominee', 'juror']) {
    await step(`template ${kind}`, admin.agent.post(`/admin/cycles/${published}/certificates/templates/${kind}`).field('_csrf', admin.csrf)
      .field('title', HOSTILE).field('body', `${HOSTILE}\n{cycle.name}`).field('accentColor', '#1d4f91')
      // a signatory's name must fit on one line under the signature (longer is refused): shorter markup there
      .field('signatory1Name', SHORT_MARKUP).field('signatory1Title', HOSTILE), 303);
    await form(`issue ${kind}`, admin, `/admin/cycles/${published}/certificates/issue`, { kind });
  }
  const [first] = await t.ds.query(`SELECT id FROM certificate WHERE cycle_id = $1 ORDER BY id LIMIT 1`, [published]);
  await form('revoke', admin, `/admin/certificates/${first.id}/revoke`, { reason: HOSTILE });
  await form('reissue', admin, `/admin/certificates/${first.id}/reissue`, { reason: HOSTILE });
  for (const action of ['unpublish', 'publish']) await move(action);

  return { admin, officer, juror, juror2, published, screening };
}
