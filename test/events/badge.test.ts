import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { flat, pdfInfo, pdfText } from '../certificates/scene';
import { doorEvent, person, type Person } from './checkin-fixtures';

/** Binary bodies (PDF, PNG) as Buffers. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('badges through the pages', () => {
  const t = useTestApp();
  let event: { id: number; slug: string };
  let ivanova: Person;
  let waiting: Person;
  let admin: Agent;

  beforeAll(async () => {
    event = await doorEvent(t.ds);
    ivanova = await person(t.ds, event.id, { lastName: 'Иванова', organisation: 'ГБУЗ «Областная детская больница»' });
    for (const lastName of ['Петров', 'Сидорова', 'Кузнецов', 'Смирнова', 'Попов', 'Васильева', 'Соколов', 'Михайлова']) await person(t.ds, event.id, { lastName });
    await person(t.ds, event.id, { lastName: 'Орлова', participantType: 'laureate' });
    waiting = await person(t.ds, event.id, { lastName: 'Ждущая', status: 'waiting' });
    await person(t.ds, event.id, { lastName: 'Отменённая', status: 'cancelled' });
    ({ agent: admin } = await signIn(t.app, 'admin@example.org'));
  });

  it('gives the confirmed registrant their badge by the personal link: the surname and the type in it', async () => {
    const res = await request(t.app).get(`/events/${event.slug}/r/${ivanova.token}/badge.pdf`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.body as Buffer));
    expect(text).toContain('Иванова');
    expect(text).toContain('ВРАЧ');
    expect(text).toContain('№ 0001');
    expect(pdfInfo(res.body as Buffer).Pages).toBe('1');
  });

  it('shows the badge part on the registrant’s page only with a place: the QR image and the download link', async () => {
    const page = await request(t.app).get(`/events/${event.slug}/r/${ivanova.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`src="/events/${event.slug}/r/${ivanova.token}/qr.png"`);
    expect(page.text).toContain(`href="/events/${event.slug}/r/${ivanova.token}/badge.pdf"`);
    const theirs = await request(t.app).get(`/events/${event.slug}/r/${waiting.token}`);
    expect(theirs.text).not.toContain('badge.pdf');
  });

  it('shows the registrant the QR code as an image of our own', async () => {
    const res = await request(t.app).get(`/events/${event.slug}/r/${ivanova.token}/qr.png`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });

  it('has no badge for a registration on the waiting list (409, saying why) or for a link that is not theirs (404)', async () => {
    const refused = await request(t.app).get(`/events/${event.slug}/r/${waiting.token}/badge.pdf`);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Бейдж будет доступен');
    expect((await request(t.app).get(`/events/${event.slug}/r/${waiting.token}/qr.png`)).status).toBe(409);
    expect((await request(t.app).get(`/events/${event.slug}/r/${'x'.repeat(32)}/badge.pdf`)).status).toBe(404);
    expect((await request(t.app).get(`/events/another-event/r/${ivanova.token}/badge.pdf`)).status).toBe(404);
  });

  it('prints the admin A4 sheets of eight of everyone confirmed, and of one type when asked', async () => {
    const all = await admin.get(`/admin/events/${event.id}/badges.pdf`).buffer(true).parse(binary);
    expect(all.status).toBe(200);
    expect(pdfInfo(all.body as Buffer).Pages).toBe('2');
    const pages = pdfText(all.body as Buffer).split('\f');
    expect((pages[0].match(/№ \d{4}/g) ?? []).length).toBe(8);
    expect((pages[1].match(/№ \d{4}/g) ?? []).length).toBe(2);
    expect(flat(pages.join(' '))).not.toMatch(/Ждущая|Отменённая/);

    const laureates = await admin.get(`/admin/events/${event.id}/badges.pdf?type=laureate`).buffer(true).parse(binary);
    const text = flat(pdfText(laureates.body as Buffer));
    expect(text).toContain('Орлова');
    expect(text).toContain('ЛАУРЕАТ');
    expect(text).not.toContain('Иванова');
  });

  it('prints one person’s badge for the admin, confirmed only', async () => {
    const one = await admin.get(`/admin/events/${event.id}/registrations/${ivanova.id}/badge.pdf`).buffer(true).parse(binary);
    expect(one.status).toBe(200);
    expect(flat(pdfText(one.body as Buffer))).toContain('Иванова');
    expect((await admin.get(`/admin/events/${event.id}/registrations/${waiting.id}/badge.pdf`)).status).toBe(409);
    expect((await admin.get(`/admin/events/${event.id + 1000}/registrations/${ivanova.id}/badge.pdf`)).status).toBe(404);
  });
});
