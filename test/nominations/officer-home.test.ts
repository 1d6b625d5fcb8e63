import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { textOf } from '../support/officer-forms';
import { timeLeft } from '../../src/nominations/time-left';
import { translate } from '../../src/web/i18n';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const moscowClock = (d: Date) => new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' }).format(d);

describe("the officer's start page", () => {
  const t = useTestApp();

  it('says plainly when no cycle is taking nominations', async () => {
    await createCycle(t.ds, { status: 'draft', categories: [{ name: 'Ещё не объявлена' }] });
    const { agent } = await signIn(t.app, 'officer@example.org');
    const page = textOf((await agent.get('/officer')).text);
    expect(page).toContain('Сейчас нет конкурса, открытого для выдвижения.');
    expect(page).not.toContain('Ещё не объявлена');
    expect(page).toContain('Муниципалитет ещё не подавал заявок.');
  });

  it('shows the open cycle with its deadline in Moscow time, the time left and every category with its rules and quota left', async () => {
    const end = new Date(Date.now() + 3 * DAY + 4 * HOUR + 30 * 60_000);
    const { cycle, categories } = await createCycle(t.ds, {
      name: 'Врач года — 2026',
      nominationsEnd: end,
      categories: [
        { name: 'Наставник', quotaPerMunicipality: 2, minYearsPractice: 15, requiredDocuments: ['recommendation', 'cv'], pastWinnersExcludedYears: 3 },
        { name: 'Молодой врач', quotaPerMunicipality: null },
      ],
    });
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const officer = await userId(t.ds, 'officer@example.org');
    await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officer, status: 'submitted' });
    await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officer, status: 'withdrawn', nominee: { lastName: 'Отозванная' } });
    const { agent } = await signIn(t.app, 'officer@example.org');
    const html = (await agent.get('/officer')).text;
    const page = textOf(html);
    expect(page).toContain('Врач года — 2026');
    expect(page).toContain(`Приём заявок до ${new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: 'numeric', month: 'long' }).format(end)}`);
    expect(page).toContain(moscowClock(end));
    expect(page).toContain('осталось 3 дня 4 часа');
    expect(page).toContain('Стаж работы — не меньше 15 лет.');
    expect(page).toContain('Обязательные документы: ходатайство (характеристика), резюме');
    expect(page).toContain('Победители этой номинации за последние 3 года не выдвигаются.');
    // a withdrawn nomination frees its place: 2 − 1 submitted
    expect(page).toContain('От муниципалитета — не больше 2. Можно подать ещё 1 заявку.');
    expect(page).toContain('Число заявок от муниципалитета не ограничено.');
    expect(html).toContain(`/officer/cycles/${cycle.id}/nominations/new?categoryId=${categories[1].id}`);
  });

  it('lists every nomination of the municipality with status, category, nominee and the reason of a return — and none of another municipality', async () => {
    const { cycle, categories } = await createCycle(t.ds, { name: 'Прошлый конкурс', status: 'screening' });
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const shchyolkovo = await municipalityId(t.ds, 'Щёлково');
    const officer = await userId(t.ds, 'officer@example.org');
    const officer2 = await userId(t.ds, 'officer2@example.org');
    const returned = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officer, status: 'returned', nominee: { lastName: 'Возвращённая' } });
    await t.ds.query(`UPDATE nomination SET status_reason = 'Нет подписи главного врача' WHERE id = $1`, [returned.id]);
    await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: shchyolkovo, authorId: officer2, nominee: { lastName: 'Чужая' } });
    const { agent } = await signIn(t.app, 'officer@example.org');
    const html = (await agent.get('/officer')).text;
    const page = textOf(html);
    expect(page).toContain('Возвращённая Мария Петровна');
    expect(page).toContain('возвращена на доработку');
    expect(page).toContain('Причина: Нет подписи главного врача');
    expect(page).toContain('Прошлый конкурс');
    expect(page).toContain('Лучший участковый педиатр');
    expect(html).toContain(`href="/officer/nominations/${returned.id}"`);
    expect(page).not.toContain('Чужая');
  });

  describe('a cycle announced for nominations that opens later', () => {
    // 21:30 UTC on 28 February is already 00:30 on 1 March in Moscow
    const start = new Date('2099-02-28T21:30:00Z');
    const end = new Date('2099-03-17T20:59:00Z');
    let cycleId: number;

    beforeAll(async () => {
      ({ cycle: { id: cycleId } } = await createCycle(t.ds, { name: 'Конкурс будущего года', nominationsStart: start, nominationsEnd: end, categories: [{ name: 'Будущая номинация' }] }));
    });

    it('says on the start page when nominations will open, in Moscow time, without a countdown or a «nominate» button', async () => {
      const { agent } = await signIn(t.app, 'officer@example.org');
      const html = (await agent.get('/officer')).text;
      const card = textOf(html.slice(html.indexOf('Конкурс будущего года'), html.indexOf('Будущая номинация')));
      expect(card).toContain('Приём заявок начнётся 1 марта 2099 г. в 00:30 и продлится до 17 марта 2099 г. в 23:59');
      expect(card).not.toContain('осталось');
      expect(textOf(html)).not.toContain('Идёт приём заявок');
      expect(html).not.toContain(`/officer/cycles/${cycleId}/nominations/new`);
    });

    it('says the same in English', async () => {
      const { agent } = await signIn(t.app, 'officer@example.org');
      await agent.get('/lang/en');
      const page = textOf((await agent.get('/officer')).text);
      expect(page).toContain('Nominations open on 1 March 2099 at 00:30 and close on 17 March 2099 at 23:59');
      const card = page.slice(page.indexOf('Конкурс будущего года'), page.indexOf('Будущая номинация'));
      expect(card).not.toContain('time left');
    });

    it('answers the new-nomination form with 409 naming the start and the deadline, in both languages', async () => {
      const { agent } = await signIn(t.app, 'officer@example.org');
      const ru = await agent.get(`/officer/cycles/${cycleId}/nominations/new`);
      expect(ru.status).toBe(409);
      expect(textOf(ru.text)).toContain('Приём заявок по этому конкурсу начнётся 1 марта 2099 г. в 00:30 . Срок подачи — до 17 марта 2099 г. в 23:59');
      expect(ru.text).toContain('<h1>Приём заявок ещё не начался</h1>');
      expect(textOf(ru.text)).not.toContain('сейчас не идёт');
      await agent.get('/lang/en');
      const en = await agent.get(`/officer/cycles/${cycleId}/nominations/new`);
      expect(en.status).toBe(409);
      expect(textOf(en.text)).toContain('Nominations for this award open on 1 March 2099 at 00:30 . The deadline is 17 March 2099 at 23:59');
    });
  });
});

describe('time left until a deadline', () => {
  const now = new Date('2026-03-01T09:00:00Z');

  it('counts whole days and hours, rounding down', () => {
    expect(timeLeft(now, new Date(now.getTime() + 3 * DAY + 4 * HOUR + 59 * 60_000))).toEqual({ days: 3, hours: 4, minutes: 59, underADay: false });
    expect(timeLeft(now, new Date(now.getTime() + 59 * 60_000))).toEqual({ days: 0, hours: 0, minutes: 59, underADay: true });
    expect(timeLeft(now, now)).toBeNull();
    expect(timeLeft(now, null)).toBeNull();
  });

  it('reads in correct Russian: 1 день, 2 дня, 5 дней, 21 день; 1 час, 3 часа, 11 часов', () => {
    const days = [1, 2, 5, 21].map((count) => translate('ru', 'officer.timeLeft.days', { count }));
    const hours = [1, 3, 11, 22].map((count) => translate('ru', 'officer.timeLeft.hours', { count }));
    expect(days).toEqual(['1 день', '2 дня', '5 дней', '21 день']);
    expect(hours).toEqual(['1 час', '3 часа', '11 часов', '22 часа']);
    expect(translate('en', 'officer.timeLeft.days', { count: 1 })).toBe('1 day');
  });
});
