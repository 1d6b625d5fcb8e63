import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';

const NOMINATIONS = 500;
const JURORS = 100;

/** The nomination ids a matrix page shows as columns, left to right. */
const columnsOf = (html: string) => [...html.matchAll(/<th scope="col" title="[^"]*"><a href="\/admin\/nominations\/(\d+)">/g)].map((m) => Number(m[1]));

/**
 * A federal-size category: 500 nominations × 100 jurors, built in a few set-based statements. The first half of
 * the nominations is assigned to every juror (some scored), the second half to nobody: the page then offers
 * «снять» on most cells of the first half and «назначить» on every cell of the second, the heaviest page there is.
 */
describe('the progress matrix of a 500 × 100 category', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let url: string;
  let ids: number[];
  beforeAll(async () => {
    const scene = await createJudgingScene(t.ds, { mode: 'all' });
    const { category, cycle, panel } = scene;
    const [{ m0 }] = await t.ds.query(`SELECT min(id) AS m0 FROM municipality`);
    const [{ author }] = await t.ds.query(`SELECT id AS author FROM app_user WHERE email = 'admin@example.org'`);
    await t.ds.query(
      `INSERT INTO app_user (email, full_name, role, institution) SELECT 'bulk-juror' || g || '@example.org', 'Жюрина Вера № ' || g, 'juror', 'Клиника № ' || g FROM generate_series(1, $1) g`,
      [JURORS - scene.jurors.length],
    );
    await t.ds.query(`INSERT INTO panel_member (panel_id, juror_id) SELECT $1, id FROM app_user WHERE email LIKE 'bulk-juror%'`, [panel.id]);
    await t.ds.query(
      `INSERT INTO nominee (municipality_id, last_name, first_name, patronymic, position, institution, specialty, years_of_practice, phone)
       SELECT $1, 'Иванова-' || lpad(g::text, 3, '0'), 'Мария', 'Петровна', 'врач', 'Поликлиника № ' || g, 'педиатрия', 10, '+7 900 000-00-00' FROM generate_series(1, $2) g`,
      [m0, NOMINATIONS - scene.nominations.length],
    );
    await t.ds.query(
      `INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, achievements, motivation, status, submitted_at, decided_at)
       SELECT $1, $2, p.id, p.municipality_id, $3, 'Достижения', 'Мотивация', 'accepted', now(), now() FROM nominee p WHERE p.last_name LIKE 'Иванова-%'`,
      [cycle.id, category.id, author],
    );
    ids = (await t.ds.query(`SELECT id FROM nomination WHERE category_id = $1 ORDER BY id`, [category.id])).map((r: { id: number }) => r.id);
    const half = ids.slice(0, NOMINATIONS / 2);
    await t.ds.query(
      `INSERT INTO assignment (juror_id, nomination_id, confirmed_no_conflict_at, assigned_by_id)
       SELECT m.juror_id, n, now(), $2 FROM panel_member m, unnest($1::int[]) n WHERE m.panel_id = $3`,
      [half, author, panel.id],
    );
    await t.ds.query(
      `INSERT INTO scorecard (juror_id, nomination_id, status, submitted_at)
       SELECT juror_id, nomination_id, CASE WHEN (juror_id + nomination_id) % 2 = 0 THEN 'draft' ELSE 'submitted' END,
              CASE WHEN (juror_id + nomination_id) % 2 = 0 THEN NULL ELSE now() END
         FROM assignment WHERE nomination_id = ANY($1) AND (juror_id + nomination_id) % 5 < 2`,
      [half],
    );
    admin = await signIn(t.app, 'admin@example.org');
    url = `/admin/categories/${category.id}/matrix`;
  }, 120_000);

  it('answers every page in well under 300 KB of HTML, every juror on each', async () => {
    const first = await admin.agent.get(url).expect(200);
    expect(first.text.includes('Заявки 1–15 из 500.')).toBe(true);
    const last = await admin.agent.get(`${url}?page=34`).expect(200);
    expect(last.text.includes('Заявки 496–500 из 500.')).toBe(true);
    const unassigned = await admin.agent.get(`${url}?page=20`).expect(200);
    for (const page of [first, unassigned, last]) {
      if (process.env.SHOW_SIZES) console.log(Buffer.byteLength(page.text));
      expect(Buffer.byteLength(page.text)).toBeLessThan(300 * 1024);
      expect((page.text.match(/<li><a href="\/admin\/nominations\//g) ?? []).length).toBeLessThanOrEqual(40); // the gap lists name 20 each
      expect((page.text.match(/<tr id="juror-/g) ?? []).length).toBe(JURORS);
    }
    expect((first.text.match(/name="unassign"/g) ?? []).length).toBeGreaterThan(JURORS * 10);
    expect((unassigned.text.match(/name="assign"/g) ?? []).length).toBeGreaterThanOrEqual((JURORS - 3) * 15);
  });

  it('shows every nomination exactly once across its pages, and keeps the filter in the pager links', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 34; page++) seen.push(...columnsOf((await admin.agent.get(`${url}?page=${page}`)).text));
    expect(seen.length).toBe(NOMINATIONS);
    expect([...seen].sort((a, b) => a - b)).toEqual(ids);

    // only the nominations with gaps: the half nobody is assigned to, 17 pages of them, the filter kept by the pager
    const gapped: number[] = [];
    for (let page = 1; page <= 17; page++) {
      const html = (await admin.agent.get(`${url}?gaps=1&page=${page}`).expect(200)).text;
      gapped.push(...columnsOf(html));
      expect(html.includes(`Заявки ${(page - 1) * 15 + 1}–${Math.min(250, page * 15)} из 250.`)).toBe(true);
      const next = /href="([^"]*)" rel="next"/.exec(html)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
      if (page < 17) expect(next).toBe(`${url}?gaps=1&page=${page + 1}`);
    }
    expect(gapped).toEqual(ids.slice(NOMINATIONS / 2));
  }, 300_000);

  it('changes the cell whose button was pressed, and comes back to the same page with the same filter', async () => {
    const html = (await admin.agent.get(`${url}?gaps=1&page=3`).expect(200)).text;
    const cell = /<button name="assign" value="(\d+):(\d+)">/.exec(html)!;
    const [jurorId, nominationId] = [Number(cell[1]), Number(cell[2])];
    const send = (body: Record<string, string>) => admin.agent.post(`${url}/cell`).type('form').send({ _csrf: admin.csrf, filterGaps: '1', page: '3', ...body });
    const assigned = await send({ assign: `${jurorId}:${nominationId}` }).expect(303);
    expect(assigned.headers.location).toBe(`${url}?gaps=1&page=3#juror-${jurorId}`);
    expect(await t.ds.query(`SELECT 1 FROM assignment WHERE juror_id = $1 AND nomination_id = $2`, [jurorId, nominationId])).toHaveLength(1);
    await send({ unassign: `${jurorId}:${nominationId}` }).expect(303);
    expect(await t.ds.query(`SELECT 1 FROM assignment WHERE juror_id = $1 AND nomination_id = $2`, [jurorId, nominationId])).toHaveLength(0);
    await send({ assign: 'nobody' }).expect(400);
  });
});
