import fs from 'node:fs';
import path from 'node:path';
import { catalogKeys, translate } from '../../src/web/i18n';

describe('message catalogs', () => {
  it('have the same keys in Russian and English', () => {
    expect(catalogKeys('en').sort()).toEqual(catalogKeys('ru').sort());
  });

  it('hold every key the templates use', () => {
    const dir = path.join(__dirname, '../../views');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.hbs'));
    const missing: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/\{\{t "([\w.]+)"/g)) {
        const key = m[1];
        if (translate('ru', key) === key && translate('ru', key, { count: 1 }) === key) missing.push(`${f}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('chooses Russian plural forms by the rules: 1 заявка, 2 заявки, 5 заявок, 21 заявка', () => {
    const forms = [1, 2, 5, 11, 21, 22, 25, 111].map((count) => translate('ru', 'plural.nominations', { count }));
    expect(forms).toEqual(['1 заявка', '2 заявки', '5 заявок', '11 заявок', '21 заявка', '22 заявки', '25 заявок', '111 заявок']);
    expect(translate('en', 'plural.nominations', { count: 1 })).toBe('1 nomination');
    expect(translate('en', 'plural.nominations', { count: 3 })).toBe('3 nominations');
  });

  it('inserts values as text, without expanding placeholders inside them', () => {
    expect(translate('ru', 'auth.inviteIntro', { name: '{email}', email: 'a@b.c' })).toBe('{email}, задайте пароль для входа под адресом a@b.c.');
  });

  it('quotes a list of names the way each language does: «…» in Russian, “…” in English', () => {
    const categories = ['Педиатр', 'Неонатолог'];
    expect(translate('ru', 'results.problem.undecided', { categories })).toContain('«Педиатр», «Неонатолог»');
    expect(translate('en', 'results.problem.undecided', { categories })).toContain('“Педиатр”, “Неонатолог”');
  });
});
