import { useChromium } from '../e2e/browser';
import { useE2eServer } from '../e2e/server';
import { dataSource } from '../../ormconfig';
import { createPublishedScene } from '../certificates/scene';

jest.setTimeout(60_000);

/**
 * In a real browser, with its own HTTP cache: the public pages may be kept for a minute, and «English» must
 * still show English at once — on the front page the switch returns to, and on a page visited earlier in Russian.
 */
describe('the language switch in Chromium', () => {
  const server = useE2eServer();
  const chromium = useChromium();

  it('shows the front page in English right after «English», and a winners page seen in Russian a moment ago in English too', async () => {
    const { cycle } = await createPublishedScene(dataSource, { winners: 1, others: 0 });
    const context = await chromium.browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();

    await page.goto(`/cycles/${cycle.slug}/winners`);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');

    await page.click('a.lang-switch');
    await page.waitForURL(`${server.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('a.lang-switch')).toBe('Русский');

    // a page the browser holds in Russian, fresh for another minute, is fetched again for the new language
    await page.click(`a[href="/cycles/${cycle.slug}/winners"]`);
    await page.waitForURL(`**/cycles/${cycle.slug}/winners`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });
});
