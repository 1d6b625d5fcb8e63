import request from 'supertest';
import { useTestApp } from '../support/harness';
import { queuedMail } from '../support/mail';
import { approvedProgramme, offerLinkOf, participantsOf, type OfferWorld } from '../support/offer-fixtures';

type Agent = ReturnType<typeof request.agent>;

/** The page's own CSRF token: the person has no account, the link's page gives their session one. */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

describe('the one-time link of an offered place', () => {
  const t = useTestApp();
  let w: OfferWorld;
  let visitor: Agent;
  let csrf: string;

  // Неонатология and Кардиология have one place each: 1 gets Неонатология, 2 (Неонатология first) gets
  // Кардиология, 3 waits for Кардиология, 4 for Неонатология
  beforeAll(async () => {
    w = await approvedProgramme(t.ds, {
      tracks: [{ name: 'Неонатология', places: 1 }, { name: 'Кардиология', places: 1 }],
      applicants: [{ prefs: [0] }, { prefs: [0, 1] }, { prefs: [1] }, { prefs: [0] }],
    });
    visitor = request.agent(t.app);
    const first = await visitor.get(await offerLinkOf(t.ds, w.emails[0]));
    csrf = csrfOf(first.text);
  });

  it('mails the offer to the doctor with the track, dates, hours, deadline and the link, and a copy without the link to the officer', async () => {
    const [offer] = await queuedMail(t.ds, { kind: 'programme_offer', toEmail: w.emails[0] });
    expect(offer.subject).toMatch(/^Вам предложено место: «Неонатология» — Стажировки \d+$/);
    expect(offer.language).toBe('ru');
    expect(offer.recipientUserId).toBeNull();
    expect(offer.text).toContain('вам предложено место на направлении «Неонатология»');
    expect(offer.text).toContain('НМИЦ здоровья детей, Москва, Россия; 1 марта 2027 г. — 26 марта 2027 г.; 144 ак. ч.; очно.');
    expect(offer.text).toMatch(/Подтвердите участие или откажитесь до .+ \(московское время\)/);
    expect(offer.text).toMatch(new RegExp(`^${t.config.baseUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/participation/[A-Za-z0-9_-]{40,}$`, 'm'));
    expect(offer.html).toContain('href="' + t.config.baseUrl + '/participation/');
    const copies = await queuedMail(t.ds, { kind: 'programme_offer_copy' });
    // one copy per offer to the officer who applied (also the municipality's only active officer)
    expect(copies).toHaveLength(2);
    expect(copies[0].toEmail).toBe('officer@example.org');
    expect(copies[0].subject).toMatch(/^Врачова-1 Анна Сергеевна: предложено место «Неонатология»/);
    expect(copies[0].text).not.toContain('/participation/');
    expect(copies[0].text).toContain('Ответить может только он.');
    // only the placed are offered: 3 and 4 wait on the reserve
    expect(await queuedMail(t.ds, { kind: 'programme_offer', toEmail: w.emails[2] })).toHaveLength(0);
  });

  it('shows the offer behind the link with «Подтверждаю участие» and «Отказываюсь»', async () => {
    const page = await visitor.get(await offerLinkOf(t.ds, w.emails[0]));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Вам предложено место: «Неонатология»');
    expect(page.text).toContain('Врачова-1 Анна Сергеевна, по итогам отбора программы');
    for (const text of ['НМИЦ здоровья детей', 'Москва, Россия', '144 ак. ч.', 'очно', 'Подтверждаю участие', 'Отказываюсь', 'Ответьте до']) expect(page.text).toContain(text);
    expect(page.headers['cache-control']).toMatch(/no-store|private/);
  });

  it('confirms through the link, and the link is dead afterwards', async () => {
    const link = await offerLinkOf(t.ds, w.emails[0]);
    const res = await visitor.post(`${link}/confirm`).type('form').send({ _csrf: csrf });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Участие подтверждено');
    const [p] = (await participantsOf(t.ds, w.cycleId)).filter((x) => x.email === w.emails[0]);
    expect(p).toMatchObject({ status: 'confirmed', hashed: false });
    const [audit] = await t.ds.query(`SELECT action, actor_id FROM audit_event WHERE entity = 'participant' AND entity_id = $1 AND action = 'participant.confirmed'`, [String(p.id)]);
    expect(audit).toEqual({ action: 'participant.confirmed', actor_id: null });
    const again = await visitor.get(link);
    expect(again.status).toBe(404);
    expect(again.text).toContain('уже использована');
    expect((await visitor.post(`${link}/confirm`).type('form').send({ _csrf: csrf })).status).toBe(404);
    expect((await visitor.post(`${link}/decline`).type('form').send({ _csrf: csrf, sure: '1' })).status).toBe(404);
    expect((await participantsOf(t.ds, w.cycleId)).find((x) => x.id === p.id)!.status).toBe('confirmed');
  });

  it('asks a decline to be ticked, keeping the reason typed, and changes nothing without it', async () => {
    const link = await offerLinkOf(t.ds, w.emails[1]);
    const res = await visitor.post(`${link}/decline`).type('form').send({ _csrf: csrf, reason: 'Не отпускает <главврач>' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Отметьте, что вы отказываетесь от места');
    expect(res.text).toContain('Не отпускает &lt;главврач&gt;</textarea>');
    expect((await participantsOf(t.ds, w.cycleId)).find((x) => x.email === w.emails[1])!.status).toBe('offered');
  });

  it('declines through the link: the place goes to the next on the reserve, who is mailed an offer', async () => {
    const link = await offerLinkOf(t.ds, w.emails[1]);
    const res = await visitor.post(`${link}/decline`).type('form').send({ _csrf: csrf, reason: 'Семейные обстоятельства', sure: '1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Ваш отказ от места на направлении «Кардиология» принят');
    const rows = await participantsOf(t.ds, w.cycleId);
    expect(rows.find((x) => x.email === w.emails[1])).toMatchObject({ status: 'declined', hashed: false, trackId: w.trackIds[1] });
    expect(rows.find((x) => x.email === w.emails[2])).toMatchObject({ status: 'offered', hashed: true, trackId: w.trackIds[1] });
    const [mail] = await queuedMail(t.ds, { kind: 'programme_offer', toEmail: w.emails[2] });
    expect(mail.subject).toContain('«Кардиология»');
    // the decline is audited with the person's words; the reserve's move with the cause
    const [declined] = await t.ds.query(`SELECT reason FROM audit_event WHERE action = 'participant.declined' AND cycle_id = $1`, [w.cycleId]);
    expect(declined.reason).toBe('Семейные обстоятельства');
    const placed = await t.ds.query(`SELECT reason, data FROM audit_event WHERE action = 'reserve.placed' AND cycle_id = $1`, [w.cycleId]);
    expect(placed).toEqual([{ reason: 'место освободилось: отказ', data: expect.objectContaining({ trackId: w.trackIds[1], fromTrackId: null, nominationId: w.nominations[2], passedOver: 0 }) }]);
    expect((await visitor.get(link)).status).toBe(404);
  });

  it('says an offer past its deadline expired (410), and accepts no answer to it', async () => {
    await t.ds.query(`UPDATE participant SET offer_expires_at = now() - interval '1 minute' WHERE email = $1`, [w.emails[2]]);
    const link = await offerLinkOf(t.ds, w.emails[2]);
    const page = await visitor.get(link);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Срок ответа на это предложение истёк');
    expect((await visitor.post(`${link}/confirm`).type('form').send({ _csrf: csrf })).status).toBe(410);
    expect((await participantsOf(t.ds, w.cycleId)).find((x) => x.email === w.emails[2])!.status).toBe('offered');
  });

  it('answers an unknown or malformed link with 404, and a forged form with 403', async () => {
    expect((await visitor.get('/participation/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await visitor.get('/participation/x')).status).toBe(404);
    expect((await visitor.post('/participation/x/confirm').type('form').send({ _csrf: csrf })).status).toBe(404);
    const link = await offerLinkOf(t.ds, w.emails[2]);
    expect((await request(t.app).post(`${link}/confirm`).type('form').send({ _csrf: 'forged' })).status).toBe(403);
  });

  it('refuses answers once training started (409)', async () => {
    const later = await approvedProgramme(t.ds, { tracks: [{ name: 'Пульмонология', places: 1 }], applicants: [{ prefs: [0] }], phase: 'training' });
    const link = await offerLinkOf(t.ds, later.emails[0]);
    const page = await visitor.get(link);
    expect(page.status).toBe(409);
    expect(page.text).toContain('программа на этапе «обучение»');
    expect((await visitor.post(`${link}/confirm`).type('form').send({ _csrf: csrf })).status).toBe(409);
  });

  it('answers in English for a visitor who chose English', async () => {
    const en = request.agent(t.app);
    await en.get('/lang/en');
    const page = await en.get(await offerLinkOf(t.ds, w.emails[2]));
    expect(page.text).toContain('The time to answer this offer ran out');
  });
});
