import fs from 'node:fs';
import path from 'node:path';
import { renderBadges, type BadgeEvent, type BadgeRegistration } from '../../src/events/badge';
import { flat, pdfInfo, pdfText } from '../certificates/scene';

const event: BadgeEvent = {
  name: 'Педиатрия как искусство — 2026',
  startsAt: new Date('2026-12-10T06:00:00Z'),
  endsAt: new Date('2026-12-12T14:00:00Z'),
  participantTypes: [
    { type: 'doctor', colour: '#1d4ed8', selfService: true },
    { type: 'laureate', colour: '#f5c518', selfService: false },
    { type: 'speaker', colour: '#b91c1c', selfService: false },
  ],
};

const person = (over: Partial<BadgeRegistration> = {}): BadgeRegistration => ({
  lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна', organisation: 'ГБУЗ «Областная детская больница»',
  participantType: 'doctor', number: 42, badgeCode: 'k3Hq9xTz2mWc', language: 'ru', ...over,
});

const LONG = { lastName: 'Константинопольская-Верхнеднепровская', firstName: 'Александра-Мария', patronymic: 'Христофоровна' };
const TZ = 'Europe/Moscow';

/** With CHECKIN_SAMPLES=<dir> the PDFs are also written there, to look at. */
const keep = (name: string, pdf: Buffer) => {
  if (process.env.CHECKIN_SAMPLES) fs.writeFileSync(path.join(process.env.CHECKIN_SAMPLES, name), pdf);
};

describe('a badge', () => {
  it('prints the surname, the name and patronymic, the organisation, the type, the number and the event', async () => {
    const { pdf } = await renderBadges([person()], event, 'single', TZ);
    keep('single.pdf', pdf);
    const text = flat(pdfText(pdf));
    for (const part of ['Иванова', 'Мария Петровна', 'ГБУЗ «Областная детская больница»', 'ВРАЧ', '№ 0042', 'Педиатрия как искусство — 2026', '10–12 декабря 2026']) expect(text).toContain(part);
    expect(pdfInfo(pdf)['Page size']).toMatch(/^255\.1\d* x 170\.0\d* pts/);
  });

  it('fits a long name by shrinking it, never cutting it', async () => {
    const short = await renderBadges([person()], event, 'single', TZ);
    const long = await renderBadges([person(LONG)], event, 'single', TZ);
    keep('long.pdf', long.pdf);
    expect(long.plans[0].surname.size).toBeLessThan(short.plans[0].surname.size);
    expect(long.plans[0].surname.lines.join('')).toBe(LONG.lastName);
    const text = flat(pdfText(long.pdf));
    // pdftotext joins a word hyphenated at the end of a line, dropping the hyphen
    expect(text.replace(/[\s-]/g, '')).toContain(LONG.lastName.replace('-', ''));
    expect(text).toContain('Александра-Мария Христофоровна');
  });

  it('puts eight badges on each A4 sheet', async () => {
    const people = Array.from({ length: 11 }, (_, i) => person({ number: i + 1, lastName: `Фамилия${i + 1}`, participantType: i % 3 ? 'doctor' : 'laureate', badgeCode: `code${i}` }));
    people[5] = person({ ...LONG, number: 6, participantType: 'speaker' });
    const { pdf } = await renderBadges(people, event, 'sheet', TZ);
    keep('sheet.pdf', pdf);
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('2');
    expect(info['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
    const pages = pdfText(pdf).split('\f');
    expect((pages[0].match(/№ \d{4}/g) ?? []).length).toBe(8);
    expect((pages[1].match(/№ \d{4}/g) ?? []).length).toBe(3);
  });
});
