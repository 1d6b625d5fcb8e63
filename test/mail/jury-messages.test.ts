import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { userId } from '../support/fixtures';
import { queuedMail, type QueuedMail } from '../support/mail';
import { runAssignment } from '../../src/jury/assignments';
import { confirmNoConflict, recuse } from '../../src/jury/recusal';
import { saveScorecard } from '../../src/jury/scorecards';
import { publish, subscribeInTransaction, type DomainEvents } from '../../src/domain-events';
import { formatDateTime } from '../../src/web/format';

type Scene = Awaited<ReturnType<typeof createJudgingScene>>;
const MUNICIPALITIES = ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'];

/** The nominee's full name as the fixture writes it (jury-fixtures.ts: Номинант<i> Мария Петровна). */
const nomineeName = (i: number) => `Номинант${i} Мария Петровна`;
const recipients = (mails: QueuedMail[]) => mails.map((m) => m.recipientUserId).sort((a, b) => a! - b!);

describe('jurors get one letter for an assignment run, in their language, with the judging window and the link', () => {
  const t = useTestApp();
  let scene: Scene;
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds, { municipalities: MUNICIPALITIES });
    await t.ds.query(`UPDATE app_user SET language = 'en' WHERE email = 'juror2@example.org'`);
    admin = await signIn(t.app, 'admin@example.org');
  });
  const run = () => admin.agent.post(`/admin/categories/${scene.category.id}/assign`).type('form').send({ _csrf: admin.csrf });
  const window = (language: 'ru' | 'en') => [formatDateTime(scene.cycle.judgingStart, language, t.config.regionTz), formatDateTime(scene.cycle.judgingEnd, language, t.config.regionTz)];

  it('writes each of the three jurors one letter for the four nominations the run gave them', async () => {
    expect((await run()).status).toBe(200);
    const mails = await queuedMail(t.ds, { kind: 'juror_assigned' });
    expect(recipients(mails)).toEqual([...scene.jurors].sort((a, b) => a - b));
    for (const mail of mails) expect(mail.cycleId).toBe(scene.cycle.id);
  });

  it('says in Russian how many, the judging window in Moscow time, and links to /jury — without naming a nominee', async () => {
    const [mail] = await queuedMail(t.ds, { kind: 'juror_assigned', recipientUserId: scene.jurors[0] });
    const [start, end] = window('ru');
    expect(mail.language).toBe('ru');
    expect(mail.toEmail).toBe('juror@example.org');
    expect(mail.subject).toBe(`Вам назначены заявки для оценки — «${scene.cycle.name}»`);
    expect(mail.text).toContain('Здравствуйте, Соколова Марина Андреевна!');
    expect(mail.text).toContain(`Оргкомитет конкурса «${scene.cycle.name}» назначил вам 4 заявки для оценки в номинации «${scene.category.name}».`);
    expect(mail.text).toContain(`Срок оценки — с ${start} до ${end} (московское время).`);
    expect(mail.text).toContain(`${t.config.baseUrl}/jury\n`);
    expect(mail.html).toContain(`href="${t.config.baseUrl}/jury"`);
    expect(mail.text).not.toContain('Всего у вас'); // the run gave all there is
    for (const [i, place] of MUNICIPALITIES.entries()) {
      expect(mail.text).not.toContain(`Номинант${i}`);
      expect(mail.text).not.toContain(place);
    }
  });

  it('writes to the juror who chose English in English', async () => {
    const [mail] = await queuedMail(t.ds, { kind: 'juror_assigned', recipientUserId: scene.jurors[1] });
    const [start, end] = window('en');
    expect(mail.language).toBe('en');
    expect(mail.subject).toBe(`Nominations for you to score — “${scene.cycle.name}”`);
    expect(mail.text).toContain(`has assigned you 4 nominations to score in the category “${scene.category.name}”.`);
    expect(mail.text).toContain(`Scoring runs from ${start} to ${end} (Moscow time).`);
  });

  it('writes nothing more when the run finds nothing new, nor when the same assignment is announced again', async () => {
    const before = await queuedMail(t.ds);
    expect((await run()).status).toBe(200);
    const pairs: Array<{ jurorId: number; nominationId: number }> = await t.ds.query(
      `SELECT a.juror_id AS "jurorId", a.nomination_id AS "nominationId" FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = $1`,
      [scene.category.id],
    );
    const adminId = await userId(t.ds, 'admin@example.org');
    await t.ds.transaction((m) => publish(m, 'jury.assigned', { cycleId: scene.cycle.id, categoryId: scene.category.id, actorId: adminId, assignments: pairs, at: new Date() }));
    expect(await queuedMail(t.ds)).toEqual(before);
  });
});

describe('jurors hear of the hand changes in the matrix (k mode: two jurors per nomination)', () => {
  const t = useTestApp();
  let scene: Scene;
  let admin: { agent: Agent; csrf: string };
  let url: string;
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds, { municipalities: MUNICIPALITIES, mode: 'k', k: 2 });
    const adminId = await userId(t.ds, 'admin@example.org');
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    admin = await signIn(t.app, 'admin@example.org');
    url = `/admin/categories/${scene.category.id}/matrix`;
  });
  const post = (path: string, body: Record<string, unknown>) => admin.agent.post(`${url}/${path}`).type('form').send({ _csrf: admin.csrf, ...body });
  const held = async (): Promise<Array<{ j: number; n: number }>> =>
    t.ds.query(`SELECT a.juror_id AS j, a.nomination_id AS n FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = $1`, [scene.category.id]);
  const loadOf = (rows: Array<{ j: number }>, j: number) => rows.filter((r) => r.j === j).length;
  const index = (nominationId: number) => scene.nominations.findIndex((x) => x.id === nominationId);
  const newMail = async (since: QueuedMail[]) => (await queuedMail(t.ds)).filter((m) => !since.some((s) => s.id === m.id));
  let removed: { j: number; n: number };

  it('tells the juror whose assignment was removed which nomination left their list and how many remain — and nobody else', async () => {
    const before = await queuedMail(t.ds);
    const rows = await held();
    const heavy = scene.jurors.find((j) => loadOf(rows, j) === 3)!;
    removed = rows.find((r) => r.j === heavy)!;
    expect((await post('unassign', { jurorId: heavy, nominationId: removed.n })).status).toBe(303);
    const mails = await newMail(before);
    expect(mails.map((m) => [m.kind, m.recipientUserId])).toEqual([['juror_assignment_changed', heavy]]);
    const i = index(removed.n);
    expect(mails[0].subject).toBe(`Изменение в ваших назначениях — «${scene.cycle.name}»`);
    expect(mails[0].text).toContain(`Оргкомитет конкурса «${scene.cycle.name}» снял с вас заявку в номинации «${scene.category.name}»: оценивать её больше не нужно.`);
    expect(mails[0].text).toContain(`Номинант: ${nomineeName(i)} (${MUNICIPALITIES[i]}).`);
    expect(mails[0].text).toContain('Теперь у вас в этой номинации 2 заявки.');
    expect(mails[0].text).toContain(`${t.config.baseUrl}/jury`);
  });

  it('sends a new letter of assignment when the same pair is assigned again (a new assignment, not a repeat)', async () => {
    const before = await queuedMail(t.ds);
    expect((await post('assign', { jurorId: removed.j, nominationId: removed.n })).status).toBe(303);
    expect(await held()).toContainEqual(removed);
    const mails = await newMail(before);
    expect(mails.map((m) => [m.kind, m.recipientUserId])).toEqual([['juror_assigned', removed.j]]);
    expect(mails[0].text).toContain('назначил вам 1 заявку для оценки');
    expect(mails[0].text).toContain('Всего у вас в этой номинации 3 заявки.');
  });

  it('on a move, tells the juror who lost it that it went to another juror (unnamed), and gives the other a letter of assignment', async () => {
    const before = await queuedMail(t.ds);
    const rows = await held();
    const light = scene.jurors.find((j) => loadOf(rows, j) === 2)!;
    const from = rows.find((r) => loadOf(rows, r.j) === 3 && !rows.some((x) => x.j === light && x.n === r.n))!;
    expect((await post('move', { nominationId: from.n, fromJurorId: from.j, toJurorId: light })).status).toBe(303);
    const mails = await newMail(before);
    expect(mails.map((m) => [m.kind, m.recipientUserId]).sort()).toEqual([['juror_assigned', light], ['juror_assignment_changed', from.j]].sort());
    const lost = mails.find((m) => m.kind === 'juror_assignment_changed')!;
    expect(lost.text).toContain(`передал заявку в номинации «${scene.category.name}» другому члену жюри`);
    expect(lost.text).toContain(`Номинант: ${nomineeName(index(from.n))}`);
    const [receiver] = await t.ds.query(`SELECT full_name FROM app_user WHERE id = $1`, [light]);
    expect(lost.text).not.toContain(receiver.full_name);
    const gained = mails.find((m) => m.kind === 'juror_assigned')!;
    expect(gained.text).toContain('назначил вам 1 заявку для оценки');
  });

  it('in blind judging names the nominee as the juror pages do, never the municipality', async () => {
    await admin.agent.post(`/admin/cycles/${scene.cycle.id}/blind`).type('form').send({ _csrf: admin.csrf, blind: 'on' }).expect(303);
    const before = await queuedMail(t.ds);
    const rows = await held();
    const heavy = scene.jurors.find((j) => loadOf(rows, j) === 3)!;
    const taken = rows.find((r) => r.j === heavy)!;
    expect((await post('unassign', { jurorId: heavy, nominationId: taken.n })).status).toBe(303);
    const [mail] = await newMail(before);
    expect(mail.kind).toBe('juror_assignment_changed');
    expect(mail.text).toContain(`Номинант: ${nomineeName(index(taken.n))}.`);
    for (const place of MUNICIPALITIES) {
      expect(mail.text).not.toContain(place);
      expect(mail.html).not.toContain(place);
    }
  });
});

describe('a juror hears that the admin cancelled their recusal', () => {
  const t = useTestApp();
  let scene: Scene;
  let admin: { agent: Agent; csrf: string };
  let url: string;
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds, { municipalities: MUNICIPALITIES });
    const adminId = await userId(t.ds, 'admin@example.org');
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    const [j1] = scene.jurors;
    const all = (v: string) => Object.fromEntries(scene.criteria.map((c) => [c.id, v]));
    // juror@ scored the first nomination and then recused from it; recused from the second before opening it
    await t.ds.transaction((m) => confirmNoConflict(m, j1, n(0)));
    expect((await t.ds.transaction((m) => saveScorecard(m, j1, n(0), { scores: all('7'), comment: '' }, 'submit'))).ok).toBe(true);
    await t.ds.transaction((m) => recuse(m, j1, n(0), 'Вспомнила: работали вместе'));
    await t.ds.transaction((m) => recuse(m, j1, n(1), 'Бывшая ординатор'));
    admin = await signIn(t.app, 'admin@example.org');
    url = `/admin/categories/${scene.category.id}/conflicts/cancel-recusal`;
  });
  const heard: Array<DomainEvents['jury.recusalCancelled']> = [];
  const stopListening = subscribeInTransaction('jury.recusalCancelled', (e) => void heard.push(e));
  afterAll(() => stopListening());
  const n = (i: number) => scene.nominations[i].id;
  const cancel = (nominationId: number, reason: string) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, jurorId: scene.jurors[0], nominationId, reason });

  it('sends the juror the reason, the nomination back on their list and the link to it', async () => {
    expect((await cancel(n(1), 'Совместная работа была <15 лет> назад')).status).toBe(303);
    const mails = await queuedMail(t.ds, { kind: 'recusal_cancelled' });
    expect(mails.map((m) => m.recipientUserId)).toEqual([scene.jurors[0]]);
    const [mail] = mails;
    expect(mail.subject).toBe(`Ваш самоотвод отменён — «${scene.cycle.name}»`);
    expect(mail.text).toContain(`отменил ваш самоотвод по заявке в номинации «${scene.category.name}».`);
    expect(mail.text).toContain(`Номинант: ${nomineeName(1)} (Щёлково).`);
    expect(mail.text).toContain('Причина: Совместная работа была <15 лет> назад');
    expect(mail.html).toContain('Причина: Совместная работа была &lt;15 лет&gt; назад');
    expect(mail.text).toContain('подтвердите, что конфликта интересов нет');
    expect(mail.text).not.toContain('возвращена в черновик');
    expect(mail.text).toContain(`${t.config.baseUrl}/jury/nominations/${n(1)}`);
    expect(mail.text).toContain('(московское время)');
  });

  it('says that a scorecard submitted before the recusal is back in draft and must be submitted again', async () => {
    expect((await cancel(n(0), 'Оргкомитет проверил: конфликта нет')).status).toBe(303);
    const mails = await queuedMail(t.ds, { kind: 'recusal_cancelled' });
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain('Оценка, которую вы отправили до самоотвода, возвращена в черновик с вашими баллами');
  });

  it('sends nothing for a second click on a cancelled recusal, nor for the same event heard again', async () => {
    const before = await queuedMail(t.ds);
    expect((await cancel(n(0), 'Ещё раз')).status).toBe(303); // no recusal any more: nothing happens
    expect(heard).toHaveLength(2);
    for (const event of heard.splice(0)) await t.ds.transaction((m) => publish(m, 'jury.recusalCancelled', event));
    expect(await queuedMail(t.ds)).toEqual(before);
  });
});
