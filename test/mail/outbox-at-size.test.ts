import { signIn, useTestApp, type Agent } from '../support/harness';
import { nodesOf, type PlanNode } from '../support/explain';
import { outboxPageQuery, type OutboxFilter } from '../../src/mail/outbox-queries';


describe('the outbox at the size of a few federal years: 200,000 messages', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let people: number[];
  const MESSAGES = 200_000;

  /** How PostgreSQL really read one page: every node of the executed plan, with the rows it produced. */
  const executedPlan = async (filter: OutboxFilter, before: number) => {
    const q = outboxPageQuery(filter, { before }, 51);
    const [row] = await t.ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, q.params);
    const plan = (typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'])[0].Plan as PlanNode;
    return nodesOf(plan);
  };

  beforeAll(async () => {
    // 3,000 people, each with a few dozen messages, and one with a quarter of them all (50,000: the address
    // a juror of every year has); most sent, some kept unsent, a few failed or queued.
    // Inserted in bulk by SQL: enqueueing 200,000 messages one by one would take the test's whole time.
    await t.ds.query(`INSERT INTO app_user (email, full_name, role) SELECT 'person' || g || '@region.example', 'Участник ' || g, 'juror' FROM generate_series(1, 3000) g`);
    people = (await t.ds.query(`SELECT id FROM app_user WHERE email LIKE 'person%@region.example' ORDER BY id`)).map((r: { id: number }) => r.id);
    await t.ds.query(
      `INSERT INTO mail_message (kind, recipient_user_id, to_email, to_name, language, subject, text, html, status, attempts, last_error, idempotency_key, sent_at)
       SELECT (ARRAY['juror_assigned', 'reminder_juror_scorecards', 'nomination_returned', 'results_published', 'broadcast'])[1 + g % 5],
              u.id, u.email, u.full_name, 'ru', 'Письмо № ' || g, 'Текст', '<p>Текст</p>',
              CASE WHEN g % 50 = 0 THEN 'failed' WHEN g % 50 = 1 THEN 'queued' WHEN g % 10 = 2 THEN 'not_sent' ELSE 'sent' END,
              CASE WHEN g % 50 = 0 THEN 5 ELSE 1 END,
              CASE WHEN g % 50 = 0 THEN '550 5.1.1 Mailbox unavailable' END,
              'size:' || g, now()
         FROM generate_series(1, ${MESSAGES}) g JOIN app_user u ON u.id = $1::int + CASE WHEN g % 4 = 0 THEN 0 ELSE g % 3000 END`,
      [people[0]],
    );
    await t.ds.query(`ANALYZE mail_message`);
    await t.ds.query(`ANALYZE app_user`);
    admin = await signIn(t.app, 'admin@example.org');
  }, 180_000);

  it.each<[string, OutboxFilter, string]>([
    ['the whole outbox', {}, ''],
    ['one status', { status: 'failed' }, `WHERE status = 'failed'`],
    ['one kind', { kind: 'broadcast' }, `WHERE kind = 'broadcast'`],
    ["one person's 50,000 messages", { recipientIds: [0] }, 'WHERE recipient_user_id = $P1'],
    ['the messages of the people a search found (one has 50,000)', { recipientIds: [0, 0] }, 'WHERE recipient_user_id IN ($P1, $P2)'],
    ['the messages to a whole address', { address: 'person7@region.example' }, `WHERE lower(to_email) = 'person7@region.example'`],
  ])('reads a page deep in %s as index ranges of the page\'s own rows', async (_name, shape, where) => {
    const who = shape.recipientIds ? people.slice(0, shape.recipientIds.length) : [];
    const filter: OutboxFilter = { ...shape, ...(shape.recipientIds ? { recipientIds: who } : {}) };
    const sql = where.replace('$P1', String(people[0])).replace('$P2', String(people[1]));
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM mail_message ${sql}`);
    expect(n).toBeGreaterThan(60);
    // a cursor near the end of the filter's list: an OFFSET would read and drop everything before it
    const [{ id: deep }] = await t.ds.query(`SELECT id FROM mail_message ${sql} ORDER BY id DESC OFFSET ${n - 55} LIMIT 1`);
    const nodes = await executedPlan(filter, deep);
    const reads = nodes.filter((x) => x['Relation Name'] === 'mail_message');
    // never the whole table: index ranges (a person with a few dozen messages may be read by a bitmap of them)
    expect(reads.map((x) => x['Node Type'])).toEqual(reads.map(() => expect.stringMatching(/^(Index (Only )?Scan( Backward)?|Bitmap Heap Scan)$/)));
    // each range gives at most the page and one row more; the columns are then looked up by key for those rows.
    // A filter matching only a few dozen messages may instead be read whole by a bitmap (the planner's choice
    // with fresh statistics): at most those few dozen, never the table or a big person's 50,000.
    const ranges = Math.max(1, who.length);
    const most = Math.max(51 * ranges, n <= 200 ? n : 0);
    for (const read of reads) expect(read['Actual Rows'] * read['Actual Loops']).toBeLessThanOrEqual(most);
    for (const sort of nodes.filter((x) => x['Node Type'] === 'Sort')) expect(sort['Actual Rows']).toBeLessThanOrEqual(most);
  });

  it('counts each status only up to 10,000, and says «more than» past it', async () => {
    const res = await admin.agent.get('/admin/outbox').expect(200);
    const counts = res.text.split('id="outbox-counts"')[1].split('</ul>')[0];
    expect(counts).toContain('отправлено</a>: более 10\u00a0000');
    expect(counts).toContain('ошибка</a>: 4000');
    expect(counts).toContain('в очереди</a>: 4000');
    expect(counts).toContain('не отправлено: почтовый сервер не настроен</a>: более 10\u00a0000');
    expect(res.text).toContain('Показаны письма 1–50 из более чем 10\u00a0000, сначала новые.');
    const failed = await admin.agent.get('/admin/outbox?status=failed').expect(200);
    expect(failed.text).toContain('Показаны письма 1–50 из 4000, сначала новые.');
  });

  it('serves a page 190,000 messages deep with the rows PostgreSQL would give by position, and its links on and back', async () => {
    const [{ id: deep }] = await t.ds.query(`SELECT id FROM mail_message ORDER BY id DESC OFFSET 190000 LIMIT 1`);
    const page = await admin.agent.get(`/admin/outbox?before=${deep}`).expect(200);
    const shown = [...page.text.matchAll(/<a href="\/admin\/outbox\/(\d+)">/g)].map((x) => Number(x[1]));
    const expected = (await t.ds.query(`SELECT id FROM mail_message ORDER BY id DESC OFFSET 190001 LIMIT 50`)).map((r: { id: number }) => r.id);
    expect(shown).toEqual(expected);
    expect(page.text).toContain('Показаны 50 писем; всего писем более 10\u00a0000, сначала новые.');
    expect(page.text).toMatch(/href="\/admin\/outbox\?before&#x3D;\d+" rel="next"/);
    expect(page.text).toMatch(/href="\/admin\/outbox\?after&#x3D;\d+" rel="prev"/);
    expect(Buffer.byteLength(page.text)).toBeLessThan(300 * 1024);
  });

  it('lists only the latest ten of a person\'s 50,000 messages on their page, with the way to the rest', async () => {
    const res = await admin.agent.get(`/admin/users/${people[0]}`).expect(200);
    const section = res.text.split('id="person-mail"')[1].split('</section>')[0];
    const shown = [...section.matchAll(/<a href="\/admin\/outbox\/(\d+)">/g)].map((x) => Number(x[1]));
    const latest = (await t.ds.query(`SELECT id FROM mail_message WHERE recipient_user_id = $1 ORDER BY id DESC LIMIT 10`, [people[0]])).map((r: { id: number }) => r.id);
    expect(shown).toEqual(latest);
    expect(section).toContain(`href="/admin/outbox?recipientId&#x3D;${people[0]}"`);
  });
});
