import { csrfOf, signIn, useTestApp, versionOf } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { createJudgingScene } from '../support/jury-fixtures';
import { queuedMail } from '../support/mail';
import { sendDueReminders } from '../../src/mail/reminders/sweep';
import { reminderDueAt } from '../../src/mail/reminders/schedule';
import { PERIODIC_TASKS } from '../../src/jobs/periodic';

/**
 * The reminder sweep against the database, with a fixed `now`. Moscow time: nominations close on
 * 1 March 2030 at 23:59 (20:59 UTC); the 3-day reminder is due on 26 February, the 1-day one on 28 February,
 * each at 09:00 Moscow time (06:00 UTC).
 */
const MSK = 'Europe/Moscow';
const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

describe('reminders before nominations close', () => {
  const t = useTestApp();
  const sweep = (now: string | Date) => sendDueReminders(t.ds, new Date(now), MSK);
  // each test's cycle shares the dates of the others: archived once its test is over, it owes nobody a reminder
  afterEach(() => t.ds.query(`UPDATE cycle SET status = 'archived'`));
  const window = { nominationsStart: at('2030-02-01T06:00:00Z'), nominationsEnd: at('2030-03-01T20:59:00Z'), screeningStart: at('2030-03-01T20:59:00Z'), screeningEnd: at('2030-03-10T20:59:00Z'), year: 2030 };

  /** A cycle taking nominations, with drafts from Красногорск (officer@example.org's municipality) and a submitted one from Щёлково. */
  async function nominationsWithDrafts(drafts = 2) {
    const { cycle, categories } = await createCycle(t.ds, window);
    const officer = await userId(t.ds, 'officer@example.org');
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    for (let i = 0; i < drafts; i++) await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officer });
    await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Щёлково'), authorId: await userId(t.ds, 'officer2@example.org'), status: 'submitted' });
    return { cycle, officer, krasnogorsk };
  }

  it('sends nothing before the first threshold', async () => {
    const { cycle } = await nominationsWithDrafts();
    expect(await sweep('2030-02-26T05:59:00Z')).toBe(0);
    expect(await queuedMail(t.ds, { cycleId: cycle.id })).toEqual([]);
  });

  it('reminds the officer with drafts once per threshold, saying how many drafts, the deadline and the link', async () => {
    const { cycle, officer } = await nominationsWithDrafts();
    expect(await sweep('2030-02-26T06:00:00Z')).toBe(1);
    const [mail] = await queuedMail(t.ds, { cycleId: cycle.id });
    expect(mail).toMatchObject({ kind: 'reminder_officer_drafts', recipientUserId: officer, toEmail: 'officer@example.org', language: 'ru' });
    expect(mail.subject).toBe(`Напоминание: неотправленные черновики заявок — «${cycle.name}»`);
    expect(mail.text).toContain('У вашего муниципалитета остались 2 неотправленных черновика заявок.');
    expect(mail.text).toContain('1 марта 2030 г. в 23:59');
    expect(mail.text).toContain(`${t.config.baseUrl}/officer`);
    expect(mail.text).toContain('за 3 дня до окончания срока');
    expect(mail.html).toContain(`href="${t.config.baseUrl}/officer"`);

    // later sweeps before the next threshold find it sent
    expect(await sweep('2030-02-26T06:05:00Z')).toBe(0);
    expect(await sweep('2030-02-27T18:00:00Z')).toBe(0);
    expect(await queuedMail(t.ds, { cycleId: cycle.id })).toHaveLength(1);

    // the 1-day reminder is another reminder, and goes once too
    expect(await sweep('2030-02-28T06:00:00Z')).toBe(1);
    expect(await sweep('2030-02-28T06:05:00Z')).toBe(0);
    const keys = (await queuedMail(t.ds, { cycleId: cycle.id })).map((m) => m.idempotencyKey);
    expect(keys).toEqual([
      `reminder_officer_drafts:cycle:${cycle.id}:deadline:2030-03-01T20:59:00.000Z:days:3:user:${officer}`,
      `reminder_officer_drafts:cycle:${cycle.id}:deadline:2030-03-01T20:59:00.000Z:days:1:user:${officer}`,
    ]);
  });

  it('sends nothing more to an officer who has since submitted every draft', async () => {
    const { cycle, krasnogorsk } = await nominationsWithDrafts();
    expect(await sweep('2030-02-26T06:00:00Z')).toBe(1);
    await t.ds.query(`UPDATE nomination SET status = 'submitted' WHERE cycle_id = $1 AND municipality_id = $2`, [cycle.id, krasnogorsk]);
    expect(await sweep('2030-02-28T06:00:00Z')).toBe(0);
    expect((await queuedMail(t.ds, { cycleId: cycle.id })).map((m) => m.idempotencyKey)).toEqual([expect.stringMatching(/:days:3:/)]);
  });

  it('sends only the nearest reminder when the sweep runs late', async () => {
    const { cycle } = await nominationsWithDrafts(1);
    expect(await sweep('2030-03-01T10:00:00Z')).toBe(1);
    const [mail] = await queuedMail(t.ds, { cycleId: cycle.id });
    expect(mail.idempotencyKey).toMatch(/:days:1:/);
    expect(mail.text).toContain('остался 1 неотправленный черновик заявки');
    expect(await sweep('2030-03-01T10:05:00Z')).toBe(0);
    expect(await queuedMail(t.ds, { cycleId: cycle.id })).toHaveLength(1);
  });

  it('never sends a reminder from the deadline on, though none went before it', async () => {
    const { cycle } = await nominationsWithDrafts();
    expect(await sweep('2030-03-01T20:59:00Z')).toBe(0);
    expect(await sweep(new Date(at('2030-03-01T20:59:00Z').getTime() + MINUTE))).toBe(0);
    expect(await queuedMail(t.ds, { cycleId: cycle.id })).toEqual([]);
  });

  it('sends nothing when nominations were closed early, or when the cycle switched the reminders off', async () => {
    const closed = await nominationsWithDrafts();
    await t.ds.query(`UPDATE cycle SET status = 'screening' WHERE id = $1`, [closed.cycle.id]);
    const off = await nominationsWithDrafts();
    await t.ds.query(`UPDATE cycle SET nominations_reminder_days = '[]' WHERE id = $1`, [off.cycle.id]);
    expect(await sweep('2030-02-28T06:00:00Z')).toBe(0);
    expect(await queuedMail(t.ds, { kind: 'reminder_officer_drafts', cycleId: closed.cycle.id })).toEqual([]);
    expect(await queuedMail(t.ds, { kind: 'reminder_officer_drafts', cycleId: off.cycle.id })).toEqual([]);
  });

  it('go by the days the admin sets on the cycle form, which refuses days it cannot use, keeping the input', async () => {
    const { cycle } = await nominationsWithDrafts();
    const admin = await signIn(t.app, 'admin@example.org');
    const form = await admin.agent.get(`/admin/cycles/${cycle.id}/edit`);
    expect(form.text).toContain('name="nominationsReminderDays" maxlength="40" value="3, 1"');
    const fields = Object.fromEntries([...form.text.matchAll(/<input id="(\w+)" name="\1"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const post = (changes: Record<string, string>) =>
      admin.agent.post(`/admin/cycles/${cycle.id}`).type('form').send({ ...fields, description: '', _csrf: csrfOf(form.text), version: versionOf(form.text), ...changes });

    const refused = await post({ nominationsReminderDays: '5, 0', judgingReminderDays: '1, 2, 3, 4' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('value="5, 0"');
    expect(refused.text).toMatch(/id="nominationsReminderDays-error">Укажите до трёх целых чисел/);
    expect(refused.text).toMatch(/id="judgingReminderDays-error">Укажите до трёх целых чисел/);

    expect((await post({ nominationsReminderDays: '2 5', judgingReminderDays: '' })).status).toBe(303);
    expect((await t.ds.query(`SELECT nominations_reminder_days AS n, judging_reminder_days AS j FROM cycle WHERE id = $1`, [cycle.id]))[0]).toEqual({ n: [5, 2], j: [] });
    // the database holds the same rule
    for (const bad of ['[0]', '[31]', '[2.5]', '["3"]', '[7, 5, 3, 1]', '3']) {
      await expect(t.ds.query(`UPDATE cycle SET judging_reminder_days = $2::jsonb WHERE id = $1`, [cycle.id, bad])).rejects.toThrow(/cycle_judging_reminder_days_check/);
    }
    const page = (await admin.agent.get(`/admin/cycles/${cycle.id}`)).text;
    expect(page).toContain('о черновиках заявок — за 5, 2 дн. до окончания приёма');
    expect(page).toContain('жюри — не напоминать');
    // 5 days before 1 March is 24 February: the default 3-day threshold of 26 February is gone
    expect(await sweep('2030-02-24T06:00:00Z')).toBe(1);
    expect(await sweep('2030-02-26T06:00:00Z')).toBe(0);
    expect((await queuedMail(t.ds, { cycleId: cycle.id }))[0].idempotencyKey).toMatch(/:days:5:/);
  });

  it('runs as the periodic task mail.reminders, every five minutes, in the region’s time zone', async () => {
    const { cycle, officer } = await nominationsWithDrafts();
    const task = PERIODIC_TASKS.find((p) => p.name === 'mail.reminders')!;
    expect(task.cron).toBe('*/5 * * * *');
    expect(t.config.regionTz).toBe(MSK);
    await task.run(t.ds, at('2030-02-28T06:00:00Z'));
    expect((await queuedMail(t.ds, { cycleId: cycle.id })).map((m) => m.recipientUserId)).toEqual([officer]);
  });

  it('sends nothing to a deactivated officer', async () => {
    const { cycle, officer } = await nominationsWithDrafts();
    await t.ds.query(`UPDATE app_user SET active = false WHERE id = $1`, [officer]);
    try {
      expect(await sweep('2030-02-28T06:00:00Z')).toBe(0);
      expect(await queuedMail(t.ds, { cycleId: cycle.id })).toEqual([]);
    } finally {
      await t.ds.query(`UPDATE app_user SET active = true WHERE id = $1`, [officer]);
    }
  });
});

describe('reminders before judging closes', () => {
  const t = useTestApp();
  afterEach(() => t.ds.query(`UPDATE cycle SET status = 'archived'`));

  /**
   * Judging open, four nominations, every juror assigned to each by hand (Коломна's nomination included, though
   * juror3 of Коломна is in an automatic conflict with it). juror@ has submitted all four scorecards; juror2
   * recused from one and holds a draft of another; juror3 has scored nothing.
   */
  async function judgingScene() {
    const scene = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Коломна'] });
    const [juror, juror2, juror3] = scene.jurors;
    for (const j of scene.jurors) for (const n of scene.nominations) await t.ds.query(`INSERT INTO assignment (juror_id, nomination_id) VALUES ($1, $2)`, [j, n.id]);
    for (const n of scene.nominations) await t.ds.query(`INSERT INTO scorecard (juror_id, nomination_id, status, submitted_at) VALUES ($1, $2, 'submitted', now())`, [juror, n.id]);
    await t.ds.query(`INSERT INTO conflict (juror_id, nomination_id, kind, reason) VALUES ($1, $2, 'declared', 'Работали вместе')`, [juror2, scene.nominations[0].id]);
    await t.ds.query(`INSERT INTO scorecard (juror_id, nomination_id, status) VALUES ($1, $2, 'draft')`, [juror2, scene.nominations[1].id]);
    return { ...scene, juror, juror2, juror3, threeDays: reminderDueAt(scene.cycle.judgingEnd!, 3, MSK) };
  }

  it('reminds each juror with unsubmitted scorecards once, counting only what they may score, in their language', async () => {
    const { cycle, juror, juror2, juror3, threeDays } = await judgingScene();
    await t.ds.query(`UPDATE app_user SET language = 'en' WHERE id = $1`, [juror2]);
    expect(await sendDueReminders(t.ds, new Date(threeDays.getTime() - MINUTE), MSK)).toBe(0);
    expect(await sendDueReminders(t.ds, threeDays, MSK)).toBe(2);
    expect(await sendDueReminders(t.ds, new Date(threeDays.getTime() + 5 * MINUTE), MSK)).toBe(0);

    const mails = await queuedMail(t.ds, { kind: 'reminder_juror_scorecards', cycleId: cycle.id });
    expect(mails.map((m) => m.recipientUserId).sort()).toEqual([juror2, juror3].sort());
    expect(await queuedMail(t.ds, { kind: 'reminder_juror_scorecards', recipientUserId: juror })).toEqual([]);
    const english = mails.find((m) => m.recipientUserId === juror2)!;
    expect(english.subject).toBe(`Reminder: your scores for “${cycle.name}” are due`);
    expect(english.text).toContain('You have not yet submitted your scores for 3 nominations.');
    expect(english.text).toContain(`${t.config.baseUrl}/jury`);
    // juror3 scored nothing, but cannot score the nomination from their own municipality
    expect(mails.find((m) => m.recipientUserId === juror3)!.text).toContain('Вы ещё не отправили оценки по 3 заявкам.');
  });

  it('sends nothing once judging is closed, though the deadline is ahead', async () => {
    const { cycle, threeDays } = await judgingScene();
    await t.ds.query(`UPDATE cycle SET status = 'deliberation' WHERE id = $1`, [cycle.id]);
    expect(await sendDueReminders(t.ds, threeDays, MSK)).toBe(0);
    expect(await queuedMail(t.ds, { cycleId: cycle.id })).toEqual([]);
  });
});
