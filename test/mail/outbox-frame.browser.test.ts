import { useChromium } from '../e2e/browser';
import { useE2eServer } from '../e2e/server';
import { dataSource } from '../../ormconfig';
import { DEMO_PASSWORD } from '../../src/demo/people';
import { enqueueMail } from '../../src/mail/outbox';

jest.setTimeout(60_000);

/**
 * In a real browser: the message page shows a stored HTML message in its sandboxed frame, and whatever the
 * message holds — a script reaching for the app's page, a remote image that would tell its sender it was
 * read — runs and loads nothing.
 */
describe('a message\'s HTML in Chromium', () => {
  const server = useE2eServer();
  const chromium = useChromium();

  it('is shown in its frame, while its script does not run and its remote image is never fetched', async () => {
    const { id } = await dataSource.transaction((m) =>
      enqueueMail(m, {
        kind: 'broadcast', to: { userId: null, email: 'someone@example.org', name: 'Адресат' }, language: 'ru', idempotencyKey: 'frame-test:1',
        content: {
          subject: 'Письмо с сюрпризом',
          text: 'Привет',
          html: `<p id="greeting" style="color: #123456">Привет из письма</p>
                 <script>document.body.dataset.ran = 'yes'; parent.document.title = 'hacked'</script>
                 <img src="${server.baseUrl}/assets/pixel.gif?tracked=1" alt="">`,
        },
      }),
    );
    const context = await chromium.browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    // what reached the server (a response came back), and what the browser stopped, and why
    const answered: string[] = [];
    const stopped: string[] = [];
    page.on('response', (r) => answered.push(r.url()));
    page.on('requestfailed', (r) => stopped.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.goto('/login');
    await page.fill('#email', 'admin@example.org');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await page.waitForURL(`${server.baseUrl}/admin`);

    await page.goto(`/admin/outbox/${id}`);
    const frame = page.frameLocator('iframe.mail-frame');
    await frame.locator('#greeting').waitFor();
    expect(await frame.locator('#greeting').textContent()).toBe('Привет из письма');
    // its own inline style applies (the CSP allows inline styles in the frame, nothing else)
    expect(await frame.locator('#greeting').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(18, 52, 86)');
    expect(await frame.locator('body').getAttribute('data-ran')).toBeNull();
    expect(await page.title()).toContain('Письмо с сюрпризом');
    expect(answered).toContain(`${server.baseUrl}/admin/outbox/${id}/html`);
    expect(answered.filter((u) => u.includes('tracked=1'))).toEqual([]);
    expect(stopped).toEqual([`${server.baseUrl}/assets/pixel.gif?tracked=1 csp`]);
    await context.close();
  });
});
