import { signIn, useTestApp, type Agent } from '../support/harness';
import { nodesOf, type PlanNode } from '../support/explain';
import { createCycle, municipalityId, userId } from '../support/fixtures';
import { pageQuery, type AuditCursor, type AuditFilter } from '../../src/audit/audit-queries';


describe('the audit log at the size of a federal year: 200,000 events', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let officerId: number;
  let adminId: number;
  let cycleId: number;
  const EVENTS = 200_000;

  /** How PostgreSQL really read one page: every node of the executed plan, with the rows it produced. */
  const executedPlan = async (filter: AuditFilter, before: AuditCursor) => {
    const q = pageQuery(filter, { before }, 51);
    const [row] = await t.ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, q.params);
    const plan = (typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'])[0].Plan as PlanNode;
    return nodesOf(plan);
  };
  /** The place of the event at this depth of a filter's list (read with OFFSET here, once, to know the answer). */
  const cursorAt = async (where: string, depth: number): Promise<AuditCursor> => {
    const [c] = await t.ds.query(`SELECT (extract(epoch FROM at) * 1000000)::bigint::text AS "atMicros", id::text FROM audit_event ${where} ORDER BY at DESC, id DESC OFFSET ${depth} LIMIT 1`);
    return c;
  };

  beforeAll(async () => {
    officerId = await userId(t.ds, 'officer@example.org');
    adminId = await userId(t.ds, 'admin@example.org');
    const { cycle, categories } = await createCycle(t.ds, { name: 'Большой год' });
    cycleId = cycle.id;
    const place = await municipalityId(t.ds, 'Красногорск');
    // 5,000 nominations, so that the planner has a table worth an index to check «is this nomination gone»
    await t.ds.query(`INSERT INTO nominee (municipality_id, last_name) SELECT $1, 'Номинант ' || g FROM generate_series(1, 5000) g`, [place]);
    await t.ds.query(
      `INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id) SELECT $1, $2, ne.id, $3, $4 FROM nominee ne`,
      [cycleId, categories[0].id, place, officerId],
    );
    // a year of events, one every two minutes or so: every tenth by the officer, half of them in the cycle,
    // nominations, users and scorecards by turns; some events share an instant
    await t.ds.query(
      `INSERT INTO audit_event (at, actor_id, cycle_id, entity, entity_id, action, from_state, to_state)
       SELECT '2025-01-01T00:00:00Z'::timestamptz + (g / 2) * interval '5 minutes',
              CASE WHEN g % 10 = 0 THEN $1::int ELSE NULL END,
              CASE WHEN g % 2 = 0 THEN $2::int ELSE NULL END,
              (ARRAY['nomination', 'user', 'scorecard'])[1 + g % 3],
              (1 + g % 6000)::text, 'nomination.saved', 'draft', 'draft'
         FROM generate_series(1, ${EVENTS}) g`,
      [officerId, cycleId],
    );
    // and 3,000 people, whose names the page looks up
    await t.ds.query(`INSERT INTO app_user (email, full_name, role) SELECT 'person' || g || '@region.example', 'Участник ' || g, 'admin' FROM generate_series(1, 3000) g`);
    await t.ds.query(`ANALYZE app_user`);
    await t.ds.query(`ANALYZE audit_event`);
    await t.ds.query(`ANALYZE nomination`);
    admin = await signIn(t.app, 'admin@example.org');
  }, 120_000);

  it.each<[string, AuditFilter, string]>([
    ['the whole log', {}, ''],
    ['one person', { actorIds: [0] }, 'WHERE actor_id = $ACTOR'],
    ['the people a search found', { actorIds: [0, 0] }, 'WHERE actor_id IN ($ACTOR, $ADMIN)'],
    ['one cycle', { cycleId: 0 }, 'WHERE cycle_id = $CYCLE'],
    ['one kind of thing', { entity: 'scorecard' }, `WHERE entity = 'scorecard'`],
  ])('reads a page deep in %s as an index range of the page\'s own rows, looking names up by key', async (_name, shape, where) => {
    const people = [officerId, adminId].slice(0, shape.actorIds?.length);
    const filter: AuditFilter = { ...shape, ...(shape.actorIds ? { actorIds: people } : {}), ...(shape.cycleId !== undefined ? { cycleId } : {}) };
    const sql = where.replace('$ACTOR', String(officerId)).replace('$ADMIN', String(adminId)).replace('$CYCLE', String(cycleId));
    const deep = await cursorAt(sql, (await t.ds.query(`SELECT count(*)::int AS n FROM audit_event ${sql}`))[0].n - 500);
    const nodes = await executedPlan(filter, deep);
    // one index range (for several people, one per person), giving at most the page and one row more
    const log = nodes.filter((n) => n['Relation Name'] === 'audit_event');
    expect(log.length).toBe(1);
    expect(log[0]['Node Type']).toMatch(/^Index (Only )?Scan( Backward)?$/);
    expect(log[0]['Actual Rows'] * log[0]['Actual Loops']).toBeLessThanOrEqual(51 * people.length || 51);
    // nothing sorted but the rows read: one range comes in order, several people's are merged
    for (const sort of nodes.filter((n) => n['Node Type'] === 'Sort')) expect(sort['Actual Rows']).toBeLessThanOrEqual(51 * Math.max(1, people.length));
    // the names and «is the nomination gone» are looked up by key for the page's rows only, no table read whole
    for (const table of ['nomination', 'app_user']) {
      for (const n of nodes.filter((x) => x['Relation Name'] === table)) {
        expect({ table, node: n['Node Type'] }).toEqual({ table, node: expect.stringMatching(/^Index (Only )?Scan$/) });
        expect(n['Actual Loops']).toBeLessThanOrEqual(51);
      }
    }
  });

  it('serves the newest page and a page 190,000 events deep with the same rows PostgreSQL would give by position', async () => {
    const first = await admin.agent.get('/admin/audit').expect(200);
    expect(first.text).toContain('Показаны записи 1–50 из более чем 10\u00a0000, сначала новые.');
    const deep = await cursorAt('', 190_000);
    const page = await admin.agent.get(`/admin/audit?before=${deep.atMicros}-${deep.id}`).expect(200);
    const shownIds = [...page.text.matchAll(/№&nbsp;(\d+)/g)].map((m) => m[1]);
    const expected = (await t.ds.query(`SELECT entity_id FROM audit_event ORDER BY at DESC, id DESC OFFSET 190001 LIMIT 50`)).map((r: { entity_id: string }) => r.entity_id);
    expect(shownIds).toEqual(expected);
    expect(page.text).toContain('Показаны 50 записей; всего записей более 10\u00a0000, сначала новые.');
    // the page's links lead on to older events and back to newer ones
    expect(page.text).toMatch(/href="\/admin\/audit\?before&#x3D;\d+-\d+" rel="next"/);
    expect(page.text).toMatch(/href="\/admin\/audit\?after&#x3D;\d+-\d+" rel="prev"/);
  });

  it('keeps every page of the log well under 300 KB, with no list of every person in it', async () => {
    const page = await admin.agent.get(`/admin/audit?cycleId=${cycleId}`).expect(200);
    expect(Buffer.byteLength(page.text)).toBeLessThan(300 * 1024);
    expect(page.text).not.toContain('<select id="actorId"');
  });
});
