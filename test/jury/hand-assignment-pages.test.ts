import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';

type Pair = { j: number; n: number };

/** Two jurors per nomination, three jurors, four nominations and no conflicts: loads 3, 3 and 2 after the run. */
describe('the admin re-assigns by hand in k mode, within k jurors per nomination and loads within one', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let admin: { agent: Agent; csrf: string };
  let url: string;
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds, { mode: 'k', k: 2 });
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    admin = await signIn(t.app, 'admin@example.org');
    url = `/admin/categories/${scene.category.id}/matrix`;
  });
  const post = (path: string, body: Record<string, unknown>) => admin.agent.post(`${url}/${path}`).type('form').send({ _csrf: admin.csrf, ...body });
  const flashOf = async (res: { headers: Record<string, string> }) => (await admin.agent.get(res.headers.location)).text;
  const pairs = (): Promise<Pair[]> =>
    t.ds.query(`SELECT a.juror_id AS j, a.nomination_id AS n FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = $1 ORDER BY 1, 2`, [scene.category.id]);
  const loadOf = (rows: Pair[], j: number) => rows.filter((r) => r.j === j).length;
  const has = (rows: Pair[], j: number, n: number) => rows.some((r) => r.j === j && r.n === n);
  /** The invariants of k mode: no nomination above k jurors, loads within one. */
  const expectInvariants = async () => {
    const rows = await pairs();
    for (const x of scene.nominations) expect(rows.filter((r) => r.n === x.id).length).toBeLessThanOrEqual(2);
    const loads = scene.jurors.map((j) => loadOf(rows, j));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  };
  const assignButtons = (html: string) => (html.match(/<button name="assign"/g) ?? []).length;

  it('offers «назначить» on no nomination that already has its k jurors, and refuses one sent anyway', async () => {
    const page = await admin.agent.get(url);
    expect(assignButtons(page.text)).toBe(0);
    const rows = await pairs();
    const light = scene.jurors.find((j) => loadOf(rows, j) === 2)!;
    const full = scene.nominations.find((x) => !has(rows, light, x.id))!.id;
    const res = await post('assign', { jurorId: light, nominationId: full });
    expect(await flashOf(res)).toContain('Не назначено: у заявки уже 2 члена жюри — столько, сколько нужно. Чтобы передать её другому, перенесите назначение');
    expect(await pairs()).toEqual(rows);
  });

  it('refuses to pile a nomination on a busy juror when a lighter one could take it, and accepts the lighter one', async () => {
    const rows = await pairs();
    const light = scene.jurors.find((j) => loadOf(rows, j) === 2)!;
    const y = scene.nominations.find((x) => has(rows, light, x.id))!.id;
    await post('unassign', { jurorId: light, nominationId: y }).expect(303);
    // loads are now 3, 3, 1; of the two busy jurors one is still on y, the other could take it
    const busy = scene.jurors.find((j) => j !== light && !has(rows, j, y))!;
    const page = await admin.agent.get(url);
    expect(assignButtons(page.text)).toBe(1);
    expect(page.text).toContain(`<button name="assign" value="${light}:${y}">`);
    const refused = await post('assign', { jurorId: busy, nominationId: y });
    expect(await flashOf(refused)).toContain('нагрузка членов жюри стала бы различаться больше чем на одну заявку');
    expect(has(await pairs(), busy, y)).toBe(false);
    expect(await flashOf(await post('assign', { jurorId: light, nominationId: y }))).toContain('Назначение добавлено.');
    await expectInvariants();
  });

  it('moves an assignment from one juror to another when that keeps loads within one, and records it', async () => {
    const rows = await pairs();
    const light = scene.jurors.find((j) => loadOf(rows, j) === 2)!;
    const heavy = scene.jurors.find((j) => loadOf(rows, j) === 3)!;
    const z = scene.nominations.find((x) => has(rows, heavy, x.id) && !has(rows, light, x.id))!.id;
    const res = await post('move', { nominationId: z, fromJurorId: heavy, toJurorId: light });
    expect(res.headers.location).toBe(`${url}#move`);
    expect(await flashOf(res)).toContain('Назначение перенесено.');
    const after = await pairs();
    expect(has(after, heavy, z)).toBe(false);
    expect(has(after, light, z)).toBe(true);
    await expectInvariants();
    const [event] = await t.ds.query(`SELECT data FROM audit_event WHERE action = 'assignment.moved'`);
    expect(event.data).toEqual({ fromJurorId: heavy, toJurorId: light });
  });

  it('refuses a move that would make loads differ by two, a move to the same juror and one from a juror without it', async () => {
    const rows = await pairs();
    const light = scene.jurors.find((j) => loadOf(rows, j) === 2)!;
    const heavy = scene.jurors.find((j) => loadOf(rows, j) === 3)!;
    const z = scene.nominations.find((x) => has(rows, light, x.id) && !has(rows, heavy, x.id))!.id;
    expect(await flashOf(await post('move', { nominationId: z, fromJurorId: light, toJurorId: heavy }))).toContain('нагрузка членов жюри стала бы различаться');
    expect(await flashOf(await post('move', { nominationId: z, fromJurorId: light, toJurorId: light }))).toContain('выберите двух разных членов жюри');
    const outsider = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'officer@example.org'`))[0].id;
    expect(await flashOf(await post('move', { nominationId: z, fromJurorId: outsider, toJurorId: heavy }))).toContain('у выбранного члена жюри нет этого назначения');
    expect(await pairs()).toEqual(rows);
    await expectInvariants();
  });

  it('offers the move form with the nominations and jurors of the category', async () => {
    const page = await admin.agent.get(url);
    const form = /<section id="move"[\s\S]*?<\/section>/.exec(page.text)![0];
    for (const x of scene.nominations) expect(form).toContain(`<option value="${x.id}">`);
    expect(form).toContain('name="fromJurorId"');
    expect(form).toContain('name="toJurorId"');
  });

  it('preselects nobody in the move form (not the same juror twice), tells namesakes apart by email, and asks for what was left unchosen', async () => {
    const page = await admin.agent.get(url);
    const form = /<section id="move"[\s\S]*?<\/section>/.exec(page.text)![0];
    for (const name of ['nominationId', 'fromJurorId', 'toJurorId']) {
      expect(form).toMatch(new RegExp(`name="${name}" required><option value="">— выберите —</option>`));
    }
    expect(form).not.toContain('selected');
    expect(form).toContain('(juror@example.org)</option>');
    const res = await post('move', { nominationId: '', fromJurorId: '', toJurorId: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${url}#move`);
    expect(await flashOf(res)).toContain('Не перенесено: выберите заявку, от кого и кому её перенести.');
  });

  it('stops offering the move once every scorecard is in, since a submitted scorecard never moves', async () => {
    await t.ds.query(
      `INSERT INTO scorecard (juror_id, nomination_id, status, submitted_at)
       SELECT a.juror_id, a.nomination_id, 'submitted', now() FROM assignment a JOIN nomination n ON n.id = a.nomination_id
        WHERE n.category_id = $1 ON CONFLICT DO NOTHING`,
      [scene.category.id],
    );
    await t.ds.query(`UPDATE scorecard SET status = 'submitted', submitted_at = now() WHERE nomination_id = ANY($1)`, [scene.nominations.map((x) => x.id)]);
    const page = await admin.agent.get(url);
    expect(page.text).not.toContain('<section id="move"');
    expect(page.text).not.toContain('Перенести назначение');
  });
});
