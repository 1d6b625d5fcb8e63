import fs from 'node:fs';
import request from 'supertest';
import { useTestApp, signIn } from '../support/harness';
import { catalogKeys, translate } from '../../src/web/i18n';
import { zoneName } from '../../src/web/format';
import { fromRoot } from '../../src/paths';

/** What a reader sees of a page: no tags, no comments. */
const text = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ');

describe('the words and the frame of every page', () => {
  const t = useTestApp();

  it('names the time zone as people say it, in each language, and any other zone by its id', () => {
    expect(zoneName('Europe/Moscow', 'ru')).toBe('московское время');
    expect(zoneName('Europe/Moscow', 'en')).toBe('Moscow time');
    expect(zoneName('Asia/Yekaterinburg', 'ru')).toBe('екатеринбургское время');
    expect(zoneName('Asia/Vladivostok', 'en')).toBe('Vladivostok time');
    expect(zoneName('America/New_York', 'ru')).toBe('America/New_York');
  });

  it('tells the admin that cycle dates are in Moscow time, not in Europe/Moscow', async () => {
    const { agent } = await signIn(t.app, 'admin@example.org');
    const ru = await agent.get('/admin/cycles/new').expect(200);
    expect(text(ru.text)).toContain('московское время');
    expect(text(ru.text)).not.toContain('Europe/Moscow');
    const en = await agent.get('/admin/cycles/new').set('Cookie', 'lang=en').expect(200);
    expect(text(en.text)).toContain('Moscow time');
    const audit = await agent.get('/admin/audit').expect(200);
    expect(text(audit.text)).toContain('московское время');
    expect(text(audit.text)).not.toContain('Europe/Moscow');
  });

  it('titles the front page with the app\'s name once', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(/<title>([^<]*)<\/title>/.exec(res.text)![1]).toBe('Лауреат');
  });

  it('offers a skip link to the main content as the first thing a keyboard reaches, in both languages', async () => {
    for (const [cookie, words] of [['lang=ru', 'Перейти к содержанию'], ['lang=en', 'Skip to content']]) {
      const html = (await request(t.app).get('/login').set('Cookie', cookie).expect(200)).text;
      const body = html.slice(html.indexOf('<body'));
      // the first link, button or field of the page
      const first = /<(a|button|input|select|textarea)\b[^>]*>/.exec(body.replace(/<input[^>]*type="hidden"[^>]*>/g, ''))![0];
      expect(first).toContain('href="#content"');
      expect(body).toMatch(new RegExp(`class="skip-link" href="#content">${words}</a>`));
      expect(body).toMatch(/<main[^>]*\bid="content"/);
    }
  });

  it('speaks to people, not developers: no command lines in any message', () => {
    for (const locale of ['ru', 'en'] as const) {
      const developerWords = catalogKeys(locale).filter((k) => /\bnpm\b|npm run|Europe\/|--silent/.test(translate(locale, k)));
      expect(developerWords).toEqual([]);
    }
  });

  it('writes English with English quotes and English examples (Cyrillic only where Russian is the point)', () => {
    // the certificate of completion's placeholders print Russian words, so their examples are in Russian
    const russianOnPurpose = new Set(['nav.otherLanguage', 'juryAdmin.conflicts.hint', ...['participant_passed', 'track_startDate', 'track_endDate', 'track_period', 'hours_text'].map((p) => `certificates.placeholder.${p}`)]);
    const offending = catalogKeys('en')
      .filter((k) => !russianOnPurpose.has(k))
      .filter((k) => /[«»\u0400-\u04FF]/.test(translate('en', k)))
      .map((k) => `${k}: ${translate('en', k)}`);
    expect(offending).toEqual([]);
    expect(translate('en', 'juryAdmin.conflicts.hint')).not.toMatch(/[«»]/);
  });

  it('writes no Russian quotes around text in the templates: quoting goes through the catalog', () => {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
    const quoted = walk(fromRoot('views'))
      .filter((f) => f.endsWith('.hbs'))
      .flatMap((f) => fs.readFileSync(f, 'utf8').replace(/\{\{!--[\s\S]*?--\}\}/g, '').split('\n').filter((line) => /«\{\{/.test(line)).map((line) => `${f}: ${line.trim()}`));
    expect(quoted).toEqual([]);
  });
});
