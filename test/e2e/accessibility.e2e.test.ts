/// <reference lib="dom" />
// (the functions run inside the browser page read its DOM)
import fs from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { dataSource } from '../../ormconfig';
import { seedDemo } from '../../src/demo/seed';
import { DEMO_PASSWORD } from '../../src/demo/people';
import type { Locale } from '../../src/web/i18n';
import { resetDatabase } from '../support/harness';
import { registeredRoutes, specOf } from '../support/routes';
import { isDataUrl } from '../security/support';
import { ARTIFACTS, launchChromium, requireChromium } from './browser';
import { useE2eServer } from './server';
import { pageUrlsOf, patternOf, type Persona } from './accessibility-pages';

// Both languages × four visitors × every page: a minute or so on two cores.
jest.setTimeout(600_000);

/** What axe checks: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** What fails the test: a violation axe rates serious or critical (moderate and minor ones are listed, not failed). */
const FAILING = new Set(['serious', 'critical']);

const EMAILS: Record<Exclude<Persona, 'anonymous'>, string> = { admin: 'admin@example.org', officer: 'officer@example.org', juror: 'juror@example.org' };
const PERSONAS: Persona[] = ['anonymous', 'admin', 'officer', 'juror'];

interface Finding {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core itself, loaded into every page of a context before the page's own scripts (CSP does not apply to it). */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe on the page as it stands and returns its serious and critical findings. axe is already in the
 * page (an init script of the context): injecting its 550 KB for every run, as @axe-core/playwright does,
 * tripled the time of the walk.
 */
async function audit(page: Page, where: string): Promise<Finding[]> {
  const result = await page
    .evaluate((tags) => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), WCAG_TAGS)
    .catch((err: unknown) => { throw new Error(`axe failed on ${where}: ${String(err)}`); });
  return result.violations
    .filter((v) => FAILING.has(v.impact ?? ''))
    .map((v) => ({ where, rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

async function signedInContext(browser: Browser, baseUrl: string, lang: Locale, persona: Persona, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: lang === 'ru' ? 'ru-RU' : 'en-GB', viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(10_000);
  await context.addInitScript({ content: AXE_SOURCE });
  await context.addCookies([{ name: 'lang', value: lang, url: baseUrl }]);
  if (persona === 'anonymous') return context;
  // the sign-in form's own token and session, then the form posted as a browser would
  const form = await context.request.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const res = await context.request.post('/login', { form: { email: EMAILS[persona], password: DEMO_PASSWORD, _csrf: csrf }, maxRedirects: 0 });
  if (res.status() !== 303) throw new Error(`${persona} could not sign in: ${res.status()}`);
  return context;
}

/**
 * A form with a required field, emptied and sent past the browser's own checks (`novalidate`): the page
 * that answers is the form again with its error messages, which must be as accessible as the form.
 */
async function submitEmpty(page: Page, formIndex: number): Promise<number | null> {
  const form = page.locator('main form[method="post" i]').filter({ has: page.locator('[required]') }).nth(formIndex);
  if (!(await form.count())) return null;
  await form.evaluate((f) => {
    (f as HTMLFormElement).noValidate = true;
    for (const el of Array.from(f.querySelectorAll('input, textarea'))) {
      const field = el as HTMLInputElement;
      if (!['hidden', 'checkbox', 'radio', 'file', 'submit', 'button'].includes(field.type)) field.value = '';
    }
  });
  // sent with its first submit button (its name and value go along), as a click would, even if it is out of view
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: 30_000 }),
    form.evaluate((f) => (f as HTMLFormElement).requestSubmit((f.querySelector('button:not([type="button"]), input[type="submit"]') as HTMLElement | null) ?? undefined)),
  ]).catch((err: Error) => { throw new Error(`form ${formIndex + 1} of ${page.url()} sent empty: ${err.message}`); });
  return res?.status() ?? null;
}

/**
 * axe-core in a real browser on every page of the app: the GET routes are read from the router (so a new
 * page is covered without being listed here), their parameters filled from the demo region's data, and
 * each page that answers HTML is audited for every kind of visitor and in both languages — with the error
 * pages a visitor meets (not found, forbidden) and every form that has a required field sent empty. Zero
 * serious or critical WCAG 2.0/2.1 A/AA violations are allowed.
 */
describe('accessibility: axe on every page, as every visitor, in both languages', () => {
  const server = useE2eServer();
  let browser: Browser;
  let urls: (persona: Persona, routePath: string, turn: number) => string[];
  const dir = path.join(ARTIFACTS, 'axe');

  beforeAll(async () => {
    requireChromium();
    // the demo region: three awards in three phases, so every kind of page has something to show
    await resetDatabase(dataSource);
    await dataSource.transaction((m) => seedDemo(m));
    urls = await pageUrlsOf(dataSource);
    browser = await launchChromium();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each<Locale>(['ru', 'en'])('finds no serious or critical violation on any page, form error or refusal, in %s', async (lang) => {
    // every GET route but the language switch, which would change the language of the rest of the walk
    const gets = registeredRoutes(server.app).filter((r) => r.method === 'get' && specOf(r) && !r.path.startsWith('/lang/'));
    const routeOf = (pathname: string) => gets.find((r) => patternOf(r.path).test(pathname));
    const findings: Finding[] = [];
    // written as they come, so a run cut short still says what it found
    const note = (found: Finding[]) => {
      findings.push(...found);
      if (found.length) fs.writeFileSync(path.join(dir, `${lang}.json`), JSON.stringify(findings, null, 2));
    };
    const langTurn = lang === 'ru' ? 0 : 1;
    let audited = 0;
    for (const persona of PERSONAS) {
      const context = await signedInContext(browser, server.baseUrl, lang, persona);
      const page = await context.newPage();
      page.on('dialog', (dialog) => void dialog.accept()); // «Are you sure?» of data-confirm buttons
      const withForms = new Map<string, string>();
      const refusals = new Set<number>();
      // pages reached by a link with a query (a phase's confirmation, a filter, the next page of a list): one of each kind
      const variants = new Map<string, string>();
      const visit = async (url: string) => {
        if (isDataUrl(url)) return; // downloads (.csv, .pdf, .json, …) are not pages
        // a document opened by its own address is a download, not a page
        const res = await page.goto(url).catch((err: Error) => { if (/Download is starting/.test(err.message)) return null; throw err; });
        if (!res) return;
        const status = res.status();
        // only pages (HTML) are audited, and only the first refusal of each status (they share one template);
        // a redirect (to the sign-in form, to a start page) leads to a page audited on its own
        if (!(res.headers()['content-type'] ?? '').startsWith('text/html') || res.request().redirectedFrom()) return;
        if (status >= 400 && refusals.has(status)) return;
        if (status >= 400) refusals.add(status);
        note(await audit(page, `${lang} ${persona} ${url} (${status})`));
        audited += 1;
        if (status !== 200) return;
        // one page of each route for the error states (two users' pages hold the same form)
        const route = routeOf(new URL(url, server.baseUrl).pathname)?.path ?? url;
        if (!withForms.has(route) && (await page.locator('main form[method="post" i] [required]').count()) > 0) withForms.set(route, url);
        const links = await page.locator('main a[href*="?"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        for (const link of links) {
          const u = new URL(link);
          const r = u.origin === server.baseUrl ? routeOf(u.pathname) : undefined;
          if (!r) continue;
          // a word-like value (a phase, a status) makes another page; ids, numbers and addresses do not
          const key = `${r.path}?${[...u.searchParams].map(([k, v]) => (/^[a-z_]+$/.test(v) && k !== 'next' ? `${k}=${v}` : k)).sort().join('&')}`;
          if (!variants.has(key)) variants.set(key, `${u.pathname}${u.search}`);
        }
      };
      for (const [i, r] of gets.entries()) for (const url of urls(persona, r.path, i + langTurn)) await visit(url);
      const linked = [...variants.values()];
      variants.clear();
      for (const url of linked) await visit(url);
      if (persona === 'admin') {
        // the invitation a new person gets: the page that shows the admin its link, and the link itself
        await page.goto('/admin/users/new');
        await page.locator('main form[method="post" i] input[name="email"]').fill(`axe-${lang}@example.org`);
        await page.locator('main form[method="post" i] input[name="fullName"]').fill('Доступная Анна Сергеевна');
        await page.locator('main form[method="post" i] select[name="role"]').selectOption('admin');
        await Promise.all([page.waitForNavigation(), page.locator('main form[method="post" i] button[type="submit"]').first().click()]);
        note((await audit(page, `${lang} admin the invitation just made`)));
        const invitation = await page.locator('#invite-link').inputValue();
        const anonymous = await signedInContext(browser, server.baseUrl, lang, 'anonymous');
        const invitee = await anonymous.newPage();
        await invitee.goto(invitation);
        note((await audit(invitee, `${lang} anonymous ${new URL(invitation).pathname}`)));
        audited += 2;
        await anonymous.close();
      }
      // form error states, after the plain pages: an empty submission may have saved a draft
      for (const url of withForms.values()) {
        await page.goto(url);
        const forms = await page.evaluate(() => Array.from(document.querySelectorAll('main form[method="post" i]')).filter((f) => f.querySelector('[required]')).length);
        for (let i = 0; i < forms; i += 1) {
          if (i > 0) await page.goto(url);
          const status = await submitEmpty(page, i);
          if (status === null) continue;
          note((await audit(page, `${lang} ${persona} ${url} form ${i + 1} sent empty → ${status}`)));
          audited += 1;
        }
      }
      await context.close();
    }
    const summary = findings.map((f) => `${f.where}: ${f.rule} (${f.impact}) ${f.help} — ${f.targets.join(', ')}`);
    expect(summary).toEqual([]);
    expect(audited).toBeGreaterThan(60);
  });
  it('lets a keyboard skip the header, shows plainly where focus is, and reflows at 200 % zoom (640 px)', async () => {
    const context = await signedInContext(browser, server.baseUrl, 'ru', 'admin');
    const page = await context.newPage();
    await page.setViewportSize({ width: 640, height: 800 });
    for (const id of (await dataSource.query(`SELECT id FROM cycle ORDER BY id`)).map((r: { id: number }) => r.id)) {
      await page.goto(`/admin/cycles/${id}`);
      // nothing wider than the window: no sideways scrolling of the page at 200 % zoom
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    }
    await page.keyboard.press('Tab');
    const skip = page.locator(':focus');
    expect(await skip.textContent()).toBe('Перейти к содержанию');
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // the next stop after the skip link is inside the page's content, not the header
    expect(await page.evaluate(() => !!document.activeElement?.closest('main#content'))).toBe(true);
    // a focus ring at least 2 px wide on a header link and on a file field
    const ring = () => page.evaluate(() => { const st = getComputedStyle(document.activeElement!); return { style: st.outlineStyle, width: parseFloat(st.outlineWidth) }; });
    await page.goto('/admin');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('header') !== null)).toBe(true);
    const headerRing = await ring();
    expect(headerRing.style).toBe('solid');
    expect(headerRing.width).toBeGreaterThanOrEqual(2);
    await context.close();
    // the file field of an officer's nomination form
    const officer = await signedInContext(browser, server.baseUrl, 'ru', 'officer');
    const form = await officer.newPage();
    const [cycleId] = (await dataSource.query(`SELECT id FROM cycle WHERE status = 'nominations_open' ORDER BY id LIMIT 1`)).map((r: { id: number }) => r.id);
    await form.goto(`/officer/cycles/${cycleId}/nominations/new`);
    await form.locator('input[type=file]').first().focus();
    await form.keyboard.press('Shift+Tab');
    await form.keyboard.press('Tab');
    const fileRing = await form.evaluate(() => { const st = getComputedStyle(document.activeElement!); return { type: (document.activeElement as HTMLInputElement).type, style: st.outlineStyle, width: parseFloat(st.outlineWidth) }; });
    expect(fileRing.type).toBe('file');
    expect(fileRing.style).toBe('solid');
    expect(fileRing.width).toBeGreaterThanOrEqual(2);
    await officer.close();
  });

  it('gives the admin the whole invitation link with a copy button that says «Скопировано», and the link alone without JS', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const ctx = await signedInContext(browser, server.baseUrl, 'ru', 'admin', { javaScriptEnabled });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
      const page = await ctx.newPage();
      await page.goto('/admin/users/new');
      await page.fill('#email', `copy-${javaScriptEnabled}@example.org`);
      await page.fill('#fullName', 'Копирова Анна Сергеевна');
      await page.selectOption('#role', 'admin');
      await Promise.all([page.waitForNavigation(), page.locator('main button[type=submit]').click()]);
      const link = await page.locator('#invite-link').inputValue();
      expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
      // the whole link is in view: the field is as wide as its text needs, wrapping, not scrolling
      expect(await page.locator('#invite-link').evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true);
      const button = page.getByRole('button', { name: 'Копировать ссылку' });
      if (!javaScriptEnabled) {
        expect(await button.count()).toBe(0); // hidden: without JS it could not copy
      } else {
        await button.click();
        await page.getByRole('status').filter({ hasText: 'Скопировано' }).waitFor();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      }
      await ctx.close();
    }
  });
});
