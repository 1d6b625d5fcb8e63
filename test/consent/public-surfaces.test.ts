import request from 'supertest';
import { signIn, useTestApp, versionOf, type Agent } from '../support/harness';
import { registeredRoutes, specOf } from '../support/routes';
import { createResultsScene } from '../results/scene';
import { flat, pdfInfo, pdfText } from '../certificates/scene';
import { Nominee } from '../../src/nominations/nominee.entity';
import { setPublicationConsent, withdrawConsent } from '../../src/consent/lifecycle';
import type { PublicField } from '../../src/consent/public-fields';
import { issueCertificates, revokeCertificate } from '../../src/certificates/issue';
import { cachedWinners, FRESH_MS, forgetPublicWinners } from '../../src/public/winners-cache';
import { computeResults } from '../../src/results/engine';
import { inputHash } from '../../src/results/computed';

/**
 * Nothing a winner did not allow is public anywhere. Four nominees with data of their own: the first place
 * allowed nothing, the second only the name and the municipality, the third everything, the fourth did not win
 * and allowed nothing (its certificate of participation is public too). Every public GET address the router holds
 * is visited, anonymously and in English, and none may carry what was not allowed.
 */

interface Person {
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  phone: string;
  email: string;
  municipality: string;
}

const PEOPLE: Person[] = [
  { lastName: 'Скрытова', firstName: 'Ульяна', patronymic: 'Тихоновна', position: 'врач-неонатолог', institution: 'Тайнинская детская больница', phone: '+7 911 111-11-11', email: 'skrytova@example.org', municipality: 'Красногорск' },
  { lastName: 'Половинкина', firstName: 'Варвара', patronymic: 'Ильинична', position: 'детский кардиолог', institution: 'Частичная поликлиника № 2', phone: '+7 922 222-22-22', email: 'polovinkina@example.org', municipality: 'Щёлково' },
  { lastName: 'Открытова', firstName: 'Зоя', patronymic: 'Марковна', position: 'заведующая педиатрическим отделением', institution: 'Открытая областная больница', phone: '+7 933 333-33-33', email: 'otkrytova@example.org', municipality: 'Балашиха' },
  { lastName: 'Невидимова', firstName: 'Ефросинья', patronymic: 'Львовна', position: 'врач-пульмонолог', institution: 'Незаметная амбулатория', phone: '+7 944 444-44-44', email: 'nevidimova@example.org', municipality: 'Мытищи' },
];
const CONSENTS: PublicField[][] = [[], ['fullName', 'municipality'], ['fullName', 'position', 'institution', 'municipality'], []];
const [HIDDEN, PARTIAL, OPEN, LOSER] = PEOPLE;

const full = (p: Person) => `${p.lastName} ${p.firstName} ${p.patronymic}`;
/** Every piece of a person's data, each of which must not appear where it was not allowed. */
const everything = (p: Person) => [p.lastName, p.firstName, p.patronymic, full(p), p.position, p.institution, p.municipality, p.phone, p.email];
const allowedOf = (p: Person, fields: PublicField[]) => [
  ...(fields.includes('fullName') ? [p.lastName, p.firstName, p.patronymic, full(p)] : []),
  ...(fields.includes('position') ? [p.position] : []),
  ...(fields.includes('institution') ? [p.institution] : []),
  ...(fields.includes('municipality') ? [p.municipality] : []),
];
/** What of `p` the text shows that it must not. */
const leaked = (text: string, p: Person, fields: PublicField[] = []) => {
  const shown = flat(text).toLowerCase();
  const allowed = allowedOf(p, fields);
  return everything(p).filter((v) => !allowed.includes(v) && shown.includes(v.toLowerCase()));
};

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('nothing a winner did not allow is public', () => {
  const t = useTestApp();
  let admin: Agent;
  let csrf: string;
  let scene: Awaited<ReturnType<typeof createResultsScene>>;
  let slug: string;
  let certificates: Array<{ nomination_id: number; code: string; number: string; kind: string }>;
  const certificateOf = (i: number, kind = 'winner') => certificates.find((c) => c.nomination_id === scene.ids[i] && c.kind === kind)!;

  /** The addresses to visit for each public GET route: a route the list does not know fails the test. */
  const addresses = (): Record<string, string[]> => ({
    '/': ['/'],
    '/healthz': ['/healthz'],
    '/lang/:locale': ['/lang/en'],
    '/login': ['/login'],
    '/invite/:token': ['/invite/sample'],
    '/password/forgot': ['/password/forgot'],
    '/password/reset/:token': ['/password/reset/sample'],
    '/winners': ['/winners'],
    '/cycles/:slug/winners': [`/cycles/${slug}/winners`],
    '/cycles/:slug/winners.csv': [`/cycles/${slug}/winners.csv`],
    '/cycles/:slug/winners.json': [`/cycles/${slug}/winners.json`],
    '/cycles/:slug/scores.json': [`/cycles/${slug}/scores.json`],
    '/verify': certificates.map((c) => `/verify?code=${c.code}`),
    '/verify/:code': certificates.map((c) => `/verify/${c.code}`),
    '/certificates/:file': certificates.map((c) => `/certificates/${c.code}.pdf`),
    // a programme's tracks while it takes applications: no person's data (none in this scene either)
    '/programmes/:slug': ['/programmes/sample'],
    // a place offer and an event registration are each behind one person's own unguessable link (their token)
    '/participation/:token': ['/participation/sample'],
    // an event's page names no registrant (none in this scene either)
    '/events/:slug': ['/events/sample'],
    '/events/:slug/r/:token': ['/events/sample/r/sample'],
    '/events/:slug/r/:token/badge.pdf': ['/events/sample/r/sample/badge.pdf'],
    '/events/:slug/r/:token/qr.png': ['/events/sample/r/sample/qr.png'],
  });

  /** The text a visitor gets at an address, following redirects; a PDF as pdftotext reads it, with its metadata. */
  const textAt = async (url: string, cookie?: string): Promise<string> => {
    let res = await request(t.app).get(url).set('Cookie', cookie ?? '').buffer(true).parse(binary);
    for (let hops = 0; res.status === 303 || res.status === 302; hops++) {
      if (hops > 3) throw new Error(`${url}: too many redirects`);
      res = await request(t.app).get(res.headers.location).set('Cookie', cookie ?? '').buffer(true).parse(binary);
    }
    const body = res.body as Buffer;
    if (res.headers['content-type']?.startsWith('application/pdf')) {
      return [pdfText(body), Object.values(pdfInfo(body)).join('\n'), res.headers['content-disposition']].join('\n');
    }
    return [body.toString('utf8'), res.headers['content-disposition'] ?? ''].join('\n');
  };

  beforeAll(async () => {
    ({ agent: admin, csrf } = await signIn(t.app, 'admin@example.org'));
    scene = await createResultsScene(t.ds, {
      municipalities: PEOPLE.map((p) => p.municipality),
      maxWinners: 3,
      publicationConsent: [],
      cards: [[0, 0, [9, 9, 9]], [0, 1, [8, 8, 8]], [0, 2, [7, 7, 7]], [0, 3, [2, 2, 2]], [1, 0, [10, 9, 9]], [1, 1, [8, 8, 7]], [1, 2, [6, 6, 6]], [1, 3, [1, 1, 1]]],
    });
    slug = scene.cycle.slug;
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    for (const [i, p] of PEOPLE.entries()) {
      const { municipality: _, ...data } = p;
      await t.ds.getRepository(Nominee).update(scene.nominations[i].nomineeId, data);
      await t.ds.transaction((m) => setPublicationConsent(m, scene.ids[i], CONSENTS[i], adminId));
    }
    await t.ds.query(`UPDATE cycle SET public_scores = true WHERE id = $1`, [scene.cycle.id]);
    for (const action of ['approve', 'publish']) {
      const confirm = await admin.get(`/admin/cycles/${scene.cycle.id}/results/${action}`);
      const done = await admin.post(`/admin/cycles/${scene.cycle.id}/results/${action}`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text), confirmConsent: 'on' });
      expect({ action, status: done.status }).toEqual({ action, status: 303 });
    }
    // the one who did not win gets a certificate of participation, public like a diploma
    await t.ds.transaction((m) => issueCertificates(m, scene.cycle.id, 'nominee', adminId));
    certificates = await t.ds.query(`SELECT nomination_id, code, number, kind FROM certificate WHERE cycle_id = $1 ORDER BY seq`, [scene.cycle.id]);
  });

  it('knows every public address the router holds', () => {
    const publicGets = registeredRoutes(t.app).filter((r) => r.method === 'get' && specOf(r)?.policy === 'public').map((r) => r.path);
    expect(publicGets.filter((p) => !(p in addresses()))).toEqual([]);
    // three winners' diplomas and one certificate of participation
    expect(certificates.map((c) => c.kind).sort()).toEqual(['nominee', 'winner', 'winner', 'winner']);
  });

  it('shows, at every public address and in both languages, nothing of a winner who allowed nothing, only the allowed of a partial consent, and nothing of a nominee who did not win', async () => {
    const leaks: Array<{ url: string; lang: string; who: string; leaked: string[] }> = [];
    let visited = 0;
    for (const [route, urls] of Object.entries(addresses())) {
      for (const url of urls) {
        for (const cookie of ['', 'lang=en']) {
          const text = await textAt(url, cookie);
          visited++;
          for (const [who, p, fields] of [['no consent', HIDDEN, CONSENTS[0]], ['partial', PARTIAL, CONSENTS[1]], ['not a winner', LOSER, CONSENTS[3]]] as const) {
            const found = leaked(text, p, fields);
            if (found.length) leaks.push({ url: `${route} ${url}`, lang: cookie || 'ru', who, leaked: found });
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(visited).toBeGreaterThan(30);
  });

  it('still lists the winner who allowed nothing by place and category, with the notice, and the diploma verifies', async () => {
    const page = await textAt(`/cycles/${slug}/winners`);
    expect(page).toContain('данные не публикуются по решению лауреата');
    expect(page).toContain('1 место');
    expect(page).toContain(scene.category.name);
    expect(page).toContain(certificateOf(0).number);
    expect(await textAt(`/cycles/${slug}/winners`, 'lang=en')).toContain('not published at the laureate&#x27;s request');

    const json = JSON.parse(await (await request(t.app).get(`/cycles/${slug}/winners.json`)).text);
    const [first, second] = json.categories[0].winners;
    expect(first).toMatchObject({ place: 1, withheld: true, fullName: null, lastName: null, position: null, institution: null, municipality: null, certificate: { number: certificateOf(0).number } });
    expect(second).toMatchObject({ place: 2, withheld: false, fullName: full(PARTIAL), position: null, institution: null, municipality: PARTIAL.municipality });

    const csv = await textAt(`/cycles/${slug}/winners.csv`);
    expect(csv).toContain('данные не публикуются по решению лауреата');

    const verify = await textAt(`/verify/${certificateOf(0).code}`);
    expect(verify).toContain(certificateOf(0).number);
    expect(verify).toContain('данные не публикуются по решению лауреата');
    expect(verify).toContain(scene.cycle.name);

    const pdf = flat(await textAt(`/certificates/${certificateOf(0).code}.pdf`)).toLowerCase();
    for (const shown of [certificateOf(0).number, 'данные не публикуются по решению лауреата', 'I место', scene.category.name, scene.cycle.name]) expect(pdf).toContain(shown.toLowerCase());
  });

  it('shows everything of a winner who allowed everything (so the walk above could find data)', async () => {
    const page = await textAt(`/cycles/${slug}/winners`);
    for (const value of [full(OPEN), OPEN.position, OPEN.institution, OPEN.municipality]) expect(page).toContain(value);
    const pdf = flat(await textAt(`/certificates/${certificateOf(2).code}.pdf`));
    for (const value of [full(OPEN), OPEN.position, OPEN.institution]) expect(pdf).toContain(value);
    const partial = flat(await textAt(`/certificates/${certificateOf(1).code}.pdf`));
    expect(partial).toContain(full(PARTIAL));
  });

  it('labels in scores.json the municipalities not allowed, so the ranking and the winners still recompute', async () => {
    const scores = JSON.parse((await request(t.app).get(`/cycles/${slug}/scores.json`)).text);
    const [{ category, input }] = scores.categories;
    const municipalityOf = new Map(input.nominations.map((n: { id: string; municipality: string }) => [Number(n.id), n.municipality]));
    expect(scene.ids.map((id) => municipalityOf.get(id))).toEqual(['withheld-1', PARTIAL.municipality, OPEN.municipality, 'withheld-2']);
    // the hash is the published input's, which is what anyone recomputing gets
    expect(category).toMatchObject({ municipalitiesWithheld: true, inputHash: inputHash(input) });
    const [snapshot] = await t.ds.query(`SELECT output, input_hash FROM result_snapshot WHERE category_id = $1`, [scene.category.id]);
    expect(category.inputHash).not.toBe(snapshot.input_hash);
    const again = computeResults(input);
    expect(again.ranking.map((r) => r.nomination)).toEqual(snapshot.output.ranking.map((r: { nomination: string }) => r.nomination));
    expect(again.winners).toEqual(snapshot.output.winners);
  });

  it('gives the admin and the officer of the municipality the diploma as issued, with the name', async () => {
    const pdfOf = async (agent: Agent) => flat(pdfText((await agent.get(`/certificates/${certificateOf(0).code}.pdf`).buffer(true).parse(binary)).body as Buffer));
    expect(await pdfOf(admin)).toContain(full(HIDDEN));
    const officer = await signIn(t.app, 'officer@example.org'); // Красногорск, where the hidden winner comes from
    expect(await pdfOf(officer.agent)).toContain(full(HIDDEN));
    const other = await signIn(t.app, 'juror@example.org');
    expect(await pdfOf(other.agent)).not.toContain(HIDDEN.lastName);
  });

  it('stops showing a winner at once when they withdraw their consent', async () => {
    expect(await textAt(`/cycles/${slug}/winners`)).toContain(full(OPEN));
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => withdrawConsent(m, { nominationId: scene.ids[2], scope: 'publication', requestedOn: new Date('2026-12-01'), attachmentId: null, note: '', actorId: adminId }));
    for (const url of [`/cycles/${slug}/winners`, `/cycles/${slug}/winners.csv`, `/cycles/${slug}/winners.json`, `/cycles/${slug}/scores.json`, '/', `/verify/${certificateOf(2).code}`, `/certificates/${certificateOf(2).code}.pdf`]) {
      expect({ url, leaked: leaked(await textAt(url), OPEN) }).toEqual({ url, leaked: [] });
    }
  });

  it("does not repeat a revocation's reason, the admin's free text, where the name is not public", async () => {
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    const cert = (await t.ds.query(`SELECT id FROM certificate WHERE code = $1`, [certificateOf(0).code]))[0];
    expect(await t.ds.transaction((m) => revokeCertificate(m, cert.id, `опечатка в фамилии: ${HIDDEN.lastName}`, adminId))).toMatchObject({ ok: true });
    const verify = await textAt(`/verify/${certificateOf(0).code}`);
    expect(verify).toContain('данные не публикуются по решению лауреата');
    expect(leaked(verify, HIDDEN)).toEqual([]);
  });

  it('sees a consent changed by another app process within FRESH_MS', async () => {
    forgetPublicWinners();
    const now = Date.now();
    const before = await cachedWinners(t.ds.manager, slug, now);
    expect(before!.list.categories[0].winners[0].fullName).toBeNull();
    // another process records the first winner's consent: no event reaches this one
    await t.ds.query(`INSERT INTO publication_consent (nomination_id, full_name) VALUES ($1, true)`, [scene.ids[0]]);
    expect(await cachedWinners(t.ds.manager, slug, now + FRESH_MS - 1)).toBe(before);
    const after = await cachedWinners(t.ds.manager, slug, now + FRESH_MS);
    expect(after!.list.categories[0].winners[0].fullName).toBe(full(HIDDEN));
  });
});
