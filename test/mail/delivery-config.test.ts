import { loadConfig } from '../../src/config';

describe('mail configuration', () => {
  it('sends from «Лауреат <no-reply@…>» at BASE_URL’s host unless MAIL_FROM says otherwise', () => {
    expect(loadConfig({ BASE_URL: 'https://award.minzdrav.example.org/' }).mailFrom).toBe('Лауреат <no-reply@award.minzdrav.example.org>');
    expect(loadConfig({ BASE_URL: 'https://award.example.org', MAIL_FROM: 'Конкурс <award@example.org>' }).mailFrom).toBe('Конкурс <award@example.org>');
  });

  it('has no mail server unless SMTP_URL is set (an empty one counts as unset)', () => {
    expect(loadConfig({}).smtpUrl).toBeNull();
    expect(loadConfig({ SMTP_URL: '' }).smtpUrl).toBeNull();
  });

  it('takes smtp:// and smtps:// addresses and refuses anything else with a message naming SMTP_URL', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://user:pa%40ss@mail.example.org:587' }).smtpUrl).toBe('smtp://user:pa%40ss@mail.example.org:587');
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.org:465' }).smtpUrl).toBe('smtps://mail.example.org:465');
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org:587' })).toThrow(/SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ SMTP_URL: 'https://mail.example.org' })).toThrow(/SMTP_URL/);
  });
});
