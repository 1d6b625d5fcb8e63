import { eventually, signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';

/** Reads a response's bytes whatever its type (a PDF is not text to supertest). */
const bytes = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const SUBMITTED_NOTE = 'ЗАМЕТКА-СОКОЛОВОЙ-4217';
const DRAFT_NOTE = 'ЧЕРНОВИК-СОКОЛОВОЙ-9031';

describe('what a juror can never read', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let other: Awaited<ReturnType<typeof createJudgingScene>>;
  let juror: { agent: Agent; csrf: string };
  let juror2: { agent: Agent; csrf: string };
  let admin: { agent: Agent; csrf: string };
  const n = (i: number) => scene.nominations[i].id;
  const docOf = async (nominationId: number) => (await t.ds.query(`SELECT id FROM attachment WHERE nomination_id = $1`, [nominationId]))[0].id as number;

  beforeAll(async () => {
    // juror2@ is from Химки: the third nomination is in conflict with them
    scene = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Балашиха', 'Химки', 'Мытищи'] });
    other = await createJudgingScene(t.ds, { municipalities: ['Люберцы'] });
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    juror = await signIn(t.app, 'juror@example.org');
    juror2 = await signIn(t.app, 'juror2@example.org');
    admin = await signIn(t.app, 'admin@example.org');
    const score = (i: number, action: string, comment: string, v: string) =>
      juror.agent.post(`/jury/nominations/${n(i)}/scorecard`).type('form').send({ _csrf: juror.csrf, action, comment, ...Object.fromEntries(scene.criteria.map((c) => [`score_${c.id}`, v])) });
    for (const i of [0, 1, 3]) await juror.agent.post(`/jury/nominations/${n(i)}/confirm`).type('form').send({ _csrf: juror.csrf }).expect(303);
    await score(0, 'submit', SUBMITTED_NOTE, '9').expect(303);
    await score(1, 'save', DRAFT_NOTE, '3').expect(303);
  });

  it('never shows another juror\'s scores or comments on any juror page or document, before or after confirming', async () => {
    const pages: string[] = [];
    pages.push((await juror2.agent.get('/jury')).text);
    for (const i of [0, 1, 3]) {
      pages.push((await juror2.agent.get(`/jury/nominations/${n(i)}`).expect(200)).text);
      await juror2.agent.post(`/jury/nominations/${n(i)}/confirm`).type('form').send({ _csrf: juror2.csrf }).expect(303);
      const page = await juror2.agent.get(`/jury/nominations/${n(i)}`).expect(200);
      // the scoring form is juror2's own: nothing is ticked and the comment is empty
      expect(page.text).not.toMatch(/type="radio"[^>]* checked/);
      expect(page.text).toMatch(/name="comment"[^>]*>\s*<\/textarea>/);
      pages.push(page.text);
      const doc = await juror2.agent.get(`/jury/nominations/${n(i)}/documents/${await docOf(n(i))}`).buffer(true).parse(bytes).expect(200);
      pages.push((doc.body as Buffer).toString('utf8'));
    }
    for (const text of pages) {
      expect(text).not.toContain(SUBMITTED_NOTE);
      expect(text).not.toContain(DRAFT_NOTE);
      expect(text).not.toContain('Соколова');
    }
    // the admin, who is not a juror, does see them
    const [card] = await t.ds.query(`SELECT id FROM scorecard WHERE nomination_id = $1`, [n(0)]);
    expect((await admin.agent.get(`/admin/scorecards/${card.id}/history`)).text).toContain(SUBMITTED_NOTE);
    await juror2.agent.get(`/admin/scorecards/${card.id}/history`).expect(403);
  });

  it('answers 404 for a conflicted, unassigned or made-up nomination and for a document through the wrong nomination', async () => {
    const conflicted = n(2);
    const foreign = other.nominations[0].id;
    for (const path of [`/jury/nominations/${conflicted}`, `/jury/nominations/${foreign}`, '/jury/nominations/999999', '/jury/nominations/abc', `/jury/nominations/${conflicted}/documents/${await docOf(conflicted)}`, `/jury/nominations/${foreign}/documents/${await docOf(foreign)}`, `/jury/nominations/${n(0)}/documents/${await docOf(foreign)}`, `/jury/nominations/${n(0)}/documents/999999`]) {
      expect({ path, status: (await juror2.agent.get(path)).status }).toEqual({ path, status: 404 });
    }
    for (const action of ['confirm', 'recuse', 'scorecard']) {
      const res = await juror2.agent.post(`/jury/nominations/${foreign}/${action}`).type('form').send({ _csrf: juror2.csrf, action: 'save', reason: 'x' });
      expect({ action, status: res.status }).toEqual({ action, status: 404 });
    }
    expect(await t.ds.query(`SELECT * FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[1], foreign])).toEqual([]);
  });

  it('treats an assignment that became a conflict (the juror moved) as not theirs', async () => {
    const [before] = await t.ds.query(`SELECT municipality_id FROM app_user WHERE id = $1`, [scene.jurors[1]]);
    await t.ds.query(`UPDATE app_user SET municipality_id = (SELECT id FROM municipality WHERE name = 'Красногорск') WHERE id = $1`, [scene.jurors[1]]);
    try {
      // a change made straight in the database reaches each process by a notice on commit
      expect(await eventually(async () => (await juror2.agent.get(`/jury/nominations/${n(0)}`)).status === 404)).toBe(true);
      expect((await juror2.agent.get('/jury')).text).not.toContain(`href="/jury/nominations/${n(0)}"`);
      const res = await juror2.agent.post(`/jury/nominations/${n(0)}/scorecard`).type('form').send({ _csrf: juror2.csrf, action: 'save' });
      expect(res.status).toBe(404);
    } finally {
      await t.ds.query(`UPDATE app_user SET municipality_id = $2 WHERE id = $1`, [scene.jurors[1], before.municipality_id]);
    }
  });

  it('serves a document inline, with its stored type, nosniff and a sandbox policy', async () => {
    const res = await juror.agent.get(`/jury/nominations/${n(0)}/documents/${await docOf(n(0))}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="document-${await docOf(n(0))}.pdf"; filename*=UTF-8''%D0%A5%D0%BE%D0%B4%D0%B0%D1%82%D0%B0%D0%B9%D1%81%D1%82%D0%B2%D0%BE.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('hides the municipality and the nominating officer when judging is blind', async () => {
    const visible = await juror.agent.get(`/jury/nominations/${n(0)}`);
    expect(visible.text).toContain('<dd>Красногорск</dd>');
    expect(visible.text).toContain('Гусева Алина Петровна');
    expect((await juror.agent.get('/jury')).text).toContain('· Красногорск</small>');

    await admin.agent.post(`/admin/cycles/${scene.cycle.id}/blind`).type('form').send({ _csrf: admin.csrf, blind: 'on' }).expect(303);
    expect((await t.ds.query(`SELECT blind_judging FROM cycle WHERE id = $1`, [scene.cycle.id]))[0].blind_judging).toBe(true);
    for (const path of ['/jury', `/jury/nominations/${n(0)}`, `/jury/nominations/${n(3)}`]) {
      const page = await juror.agent.get(path);
      expect(page.text).not.toContain('Гусева Алина Петровна');
      expect(page.text).not.toMatch(/<dd>(Красногорск|Мытищи)<\/dd>|· (Красногорск|Мытищи)<\/small>/);
    }
    expect((await juror.agent.get(`/jury/nominations/${n(0)}`)).text).toContain('скрыто: оценка проводится вслепую');

    await admin.agent.post(`/admin/cycles/${scene.cycle.id}/blind`).type('form').send({ _csrf: admin.csrf }).expect(303);
    expect((await juror.agent.get(`/jury/nominations/${n(0)}`)).text).toContain('Гусева Алина Петровна');
  });
});
