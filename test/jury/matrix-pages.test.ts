import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';
import { saveScorecard } from '../../src/jury/scorecards';
import { confirmNoConflict, recuse } from '../../src/jury/recusal';

/** The states of a juror's row, left to right (nominations in the matrix's column order). */
const rowStates = (html: string, jurorId: number) => {
  const row = new RegExp(`<tr id="juror-${jurorId}">[\\s\\S]*?</tr>`).exec(html);
  if (!row) return null;
  return [...row[0].matchAll(/class="cell-(\w+)"/g)].map((m) => m[1]);
};

describe('the admin watches the judging progress matrix', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let admin: { agent: Agent; csrf: string };
  let url: string;
  beforeAll(async () => {
    // juror@ Подольск, juror2@ Химки, juror3@ Коломна; columns are sorted by name: Номинант0..3
    scene = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Подольск', 'Химки', 'Мытищи'] });
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    const [j1] = scene.jurors;
    const all = (v: string) => Object.fromEntries(scene.criteria.map((c) => [c.id, v]));
    await t.ds.transaction((m) => confirmNoConflict(m, j1, scene.nominations[0].id));
    await t.ds.transaction((m) => saveScorecard(m, j1, scene.nominations[0].id, { scores: all('8'), comment: '' }, 'submit'));
    await t.ds.transaction((m) => confirmNoConflict(m, j1, scene.nominations[2].id));
    await t.ds.transaction((m) => saveScorecard(m, j1, scene.nominations[2].id, { scores: { [scene.criteria[0].id]: '5' }, comment: '' }, 'save'));
    await t.ds.transaction((m) => recuse(m, j1, scene.nominations[3].id, 'Работали в одном отделении'));
    // A quarter of the window has gone by: juror@ (half done) is on time, the others are behind.
    await t.ds.query(`UPDATE cycle SET judging_start = now() - interval '10 days', judging_end = now() + interval '30 days' WHERE id = $1`, [scene.cycle.id]);
    admin = await signIn(t.app, 'admin@example.org');
    url = `/admin/categories/${scene.category.id}/matrix`;
  });
  const post = (path: string, body: Record<string, unknown>) => admin.agent.post(path).type('form').send({ _csrf: admin.csrf, ...body });

  it('shows each juror × nomination as submitted, draft, recused, conflict or not started, with completion', async () => {
    const page = await admin.agent.get(url);
    expect(page.status).toBe(200);
    expect(rowStates(page.text, scene.jurors[0])).toEqual(['submitted', 'conflict', 'draft', 'recused']);
    expect(rowStates(page.text, scene.jurors[1])).toEqual(['notStarted', 'notStarted', 'conflict', 'notStarted']);
    expect(rowStates(page.text, scene.jurors[2])).toEqual(['notStarted', 'notStarted', 'notStarted', 'notStarted']);
    const row = new RegExp(`<tr id="juror-${scene.jurors[0]}">[\\s\\S]*?</tr>`).exec(page.text)![0];
    expect(row).toContain('1 / 2 <small class="muted">(50 %)</small>');
    expect(page.text).toMatch(/<tfoot>[\s\S]*1 \/ 3 <small class="muted">\(33 %\)<\/small>/);
  });

  it('links a scorecard to its history, and lists the jurors behind the share of the window gone by', async () => {
    const page = await admin.agent.get(url);
    const [card] = await t.ds.query(`SELECT id FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[0], scene.nominations[0].id]);
    expect(page.text).toContain(`href="/admin/scorecards/${card.id}/history"`);
    const behind = /<h2>Отстающие<\/h2>[\s\S]*?<\/section>/.exec(page.text)![0];
    expect(behind).toContain('прошедшего срока оценки (сейчас 25 %)');
    expect(behind).toContain('Белов Артём Сергеевич — 0 / 3');
    expect(behind).toContain('Зайцева Ольга Дмитриевна — 0 / 4');
    expect(behind).not.toContain('Соколова');
  });

  it('filters by juror and by state', async () => {
    const one = await admin.agent.get(`${url}?jurorId=${scene.jurors[1]}`);
    expect(rowStates(one.text, scene.jurors[1])).toHaveLength(4);
    expect(rowStates(one.text, scene.jurors[0])).toBeNull();
    const drafts = await admin.agent.get(`${url}?state=draft`);
    expect(rowStates(drafts.text, scene.jurors[0])).toEqual(['draft']);
    expect(rowStates(drafts.text, scene.jurors[1])).toBeNull();
    const junk = await admin.agent.get(`${url}?state=nonsense&jurorId=abc`);
    expect(junk.status).toBe(200);
    expect(rowStates(junk.text, scene.jurors[2])).toHaveLength(4);
  });

  it('exports the whole matrix as CSV that Excel opens, states in words and completion per nomination', async () => {
    const res = await admin.agent.get(`${url}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="jury-progress-\d+\.csv"/);
    const text = res.text.replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    const ids = scene.nominations.map((x) => x.id);
    expect(lines[0]).toBe(`Член жюри;Муниципалитет;Учреждение;${ids.map((id, i) => `№${id} Номинант${i} Мария Петровна`).join(';')};Отправлено;Назначено`);
    expect(lines).toContain('Соколова Марина Андреевна;Подольск;Подольская детская городская больница;отправлено;конфликт;черновик;самоотвод;1;2');
    expect(lines).toContain('Белов Артём Сергеевич;Химки;Химкинская областная больница;не начато;не начато;конфликт;не начато;0;3');
    expect(lines).toContain('Отправлено / назначено по заявке;;;1 / 3;0 / 2;0 / 2;0 / 2;;');
  });

  it('re-assigns by hand within the rules: never a conflict or a recusal, never a submitted scorecard', async () => {
    const [j1, j2] = scene.jurors;
    const [n0, n1, , n3] = scene.nominations.map((x) => x.id);
    const flashOf = async (res: { headers: Record<string, string> }) => (await admin.agent.get(res.headers.location)).text;
    expect(await flashOf(await post(`${url}/unassign`, { jurorId: j1, nominationId: n0 }))).toContain('Нельзя снять или перенести: оценочный лист уже отправлен.');
    expect(await flashOf(await post(`${url}/assign`, { jurorId: j1, nominationId: n1 }))).toContain('у члена жюри конфликт интересов');
    expect(await flashOf(await post(`${url}/assign`, { jurorId: j1, nominationId: n3 }))).toContain('у члена жюри конфликт интересов');
    const removed = await post(`${url}/unassign`, { jurorId: j2, nominationId: n0, filterJurorId: String(j2) });
    expect(removed.headers.location).toBe(`${url}?jurorId=${j2}#juror-${j2}`);
    const page = await flashOf(removed);
    expect(page).toContain('Назначение снято.');
    expect(rowStates(page, j2)).toEqual(['none', 'notStarted', 'conflict', 'notStarted']);
    await post(`${url}/assign`, { jurorId: j2, nominationId: n0 }).expect(303);
    expect(rowStates((await admin.agent.get(url)).text, j2)).toEqual(['notStarted', 'notStarted', 'conflict', 'notStarted']);
    const other = await createJudgingScene(t.ds);
    expect(await flashOf(await post(`${url}/assign`, { jurorId: j1, nominationId: other.nominations[0].id }))).toContain('заявка не допущена');
  });

  it('gives the cycle\'s jury overview with each category\'s setup and completion', async () => {
    const page = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/jury`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(scene.category.name);
    expect(page.text).toContain('председатель: Соколова Марина Андреевна');
    expect(page.text).toMatch(/1 \/ 9 <small class="muted">\(11 %\)<\/small>/);
    expect(page.text).toContain(`href="/admin/categories/${scene.category.id}/matrix"`);
  });
});
