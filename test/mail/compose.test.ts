import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMailComposer } from '../../src/mail/compose';
import { MAIL_KINDS } from '../../src/mail/kinds';
import { hasKey, translate, LOCALES } from '../../src/web/i18n';
import { fromRoot } from '../../src/paths';

/** A folder with the real layouts and a made-up message, so these tests do not hang on any one message's wording. */
function templatesWith(html: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-mail-'));
  for (const f of ['layout.html.hbs', 'layout.text.hbs']) fs.copyFileSync(fromRoot('views', 'mail', f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'broadcast.html.hbs'), html);
  fs.writeFileSync(path.join(dir, 'broadcast.text.hbs'), text);
  return dir;
}

describe('composing a message', () => {
  const compose = createMailComposer({
    viewsDir: templatesWith(
      '<p>{{t "nav.jury"}}: {{name}}</p><p><a href="{{link "/jury/" cycleId}}">{{link "/jury/" cycleId}}</a></p><p>{{date closesAt}}</p>',
      '{{t "nav.jury"}}: {{name}}\n\n\n\n{{link "/jury/" cycleId}}\n{{date closesAt}}\n',
    ),
    baseUrl: 'https://laureate.example.org/',
    timeZone: 'Europe/Moscow',
  });
  const data = { name: 'Анна <Смирнова> & Co', cycleId: 7, closesAt: new Date('2026-04-30T21:30:00Z') };

  it('writes in the recipient’s language, the subject too, inside the official layout', () => {
    const ru = compose('broadcast', 'ru', data);
    const en = compose('broadcast', 'en', data);
    expect(ru.subject).toBe(translate('ru', 'mail.broadcast.subject', data));
    expect(en.subject).toBe(translate('en', 'mail.broadcast.subject', data));
    expect(ru.html).toContain('<html lang="ru">');
    expect(ru.html).toContain('Это письмо отправлено автоматически');
    expect(ru.text).toMatch(/^Лауреат — Организационный комитет/);
    expect(ru.text).toContain('Жюри: ');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('This message was sent automatically');
    expect(en.text).toContain('Jury: ');
  });

  it('builds every link from BASE_URL', () => {
    const { html, text } = compose('broadcast', 'ru', data);
    expect(html).toContain('<a href="https://laureate.example.org/jury/7">https://laureate.example.org/jury/7</a>');
    expect(text).toContain('https://laureate.example.org/jury/7\n');
    expect(html).toContain('href="https://laureate.example.org/"'); // the footer's link to the site
  });

  it('escapes what it inserts into HTML, and leaves the plain text as written', () => {
    const { html, text } = compose('broadcast', 'ru', data);
    expect(html).toContain('Анна &lt;Смирнова&gt; &amp; Co');
    expect(html).not.toContain('<Смирнова>');
    expect(text).toContain('Анна <Смирнова> & Co');
  });

  it('shows dates in the recipient’s language and the region’s time zone', () => {
    expect(compose('broadcast', 'ru', data).text).toContain('1 мая 2026 г.');
    expect(compose('broadcast', 'en', data).text).toContain('1 May 2026');
  });

  it('keeps at most one blank line in a row in the plain text, and no images or scripts in the HTML', () => {
    const { html, text } = compose('broadcast', 'ru', data);
    expect(text).not.toMatch(/\n\n\n/);
    expect(html).not.toMatch(/<img|<script/i);
  });
});

describe('every kind of message', () => {
  it.each(MAIL_KINDS.flatMap((kind) => LOCALES.map((language) => [kind, language] as const)))('%s has its templates and a %s subject', (kind, language) => {
    expect(fs.existsSync(fromRoot('views', 'mail', `${kind}.html.hbs`))).toBe(true);
    expect(fs.existsSync(fromRoot('views', 'mail', `${kind}.text.hbs`))).toBe(true);
    expect(hasKey(language, `mail.${kind}.subject`)).toBe(true);
  });
});
