import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { fromRoot } from '../../src/paths';

/** Debian's Chromium: the suite never downloads a browser. CI installs the package (.ci/run). */
export const CHROMIUM = '/usr/bin/chromium';

export const ARTIFACTS = fromRoot('test-artifacts', 'e2e');

/** Fails (never skips) when Chromium is missing, with what to do about it. */
export function requireChromium(): void {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
  } catch {
    throw new Error(`The end-to-end suite needs Chromium at ${CHROMIUM}, which is missing or not executable. Install it: apt-get install chromium (.ci/run does).`);
  }
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  // headless: true adds --headless, and chromiumSandbox: false adds --no-sandbox (containers have no user namespaces).
  return chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: ['--disable-gpu', '--disable-background-networking'] });
}

/** One Chromium for a describe block: launched before its tests, closed after them. */
export function useChromium(): { browser: Browser } {
  const ctx = {} as { browser: Browser };
  beforeAll(async () => {
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
  });
  return ctx;
}

/**
 * One language's walk through the award: opens a fresh browser context per person (their own cookies)
 * and runs named steps, each ending in a numbered screenshot in test-artifacts/e2e/<lang>/. A failing
 * step also leaves its page's HTML there, and its error names the step and the files.
 */
export class Stage {
  private count = 0;
  readonly dir: string;
  /** errors the pages' own scripts threw, or the browser reported (a CSP violation, a missing asset) */
  private readonly pageErrors = new Map<Page, string[]>();

  /** `folder`: where under test-artifacts/e2e/ the screenshots go (the language's name unless another walk shares it) */
  constructor(private readonly browser: Browser, readonly baseUrl: string, readonly lang: string, folder: string = lang) {
    this.dir = path.join(ARTIFACTS, folder);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** A person at their own browser: a new context, so nobody shares a session. */
  async person(): Promise<Page> {
    const context = await this.browser.newContext({
      baseURL: this.baseUrl, locale: this.lang === 'ru' ? 'ru-RU' : 'en-GB', viewport: { width: 1280, height: 900 },
    });
    // what a person waits for may queue behind the other test files' work on a busy 2-core runner: seeing it is what counts
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(30_000);
    const page = await context.newPage();
    const errors: string[] = [];
    this.pageErrors.set(page, errors);
    page.on('pageerror', (err) => errors.push(err.message));
    // a failed subresource («Failed to load resource: … 404») names its address in the location
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`${msg.text()} ${msg.location().url ?? ''}`.trim()); });
    // «Are you sure?» prompts (data-confirm buttons): the person means it.
    page.on('dialog', (dialog) => void dialog.accept());
    return page;
  }

  async step<T>(name: string, page: Page, action: () => Promise<T>): Promise<T> {
    this.count += 1;
    const base = path.join(this.dir, `${String(this.count).padStart(2, '0')}-${name}`);
    const errors = this.pageErrors.get(page) ?? [];
    const before = errors.length;
    try {
      const result = await action();
      const fresh = errors.slice(before);
      if (fresh.length) throw new Error(`the page reported errors:\n  ${fresh.join('\n  ')}`);
      await page.screenshot({ path: `${base}.png`, fullPage: true });
      return result;
    } catch (err) {
      await page.screenshot({ path: `${base}.failed.png`, fullPage: true }).catch(() => undefined);
      const html = await page.content().catch(() => '(no page)');
      fs.writeFileSync(`${base}.failed.html`, `<!-- ${page.url()} -->\n${html}`);
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`[${this.lang}] step «${name}» failed at ${page.url()}: ${message}\n(see ${base}.failed.png and .html)`, { cause: err });
    }
  }
}

// playwright-core has no web-first `expect`: these wait (up to the context's timeout) for what a person would see.

export async function see(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

/** Waits for the page's main heading to read `text`. */
export async function heading(page: Page, text: string): Promise<void> {
  await see(page.getByRole('heading', { level: 1, name: text, exact: true }));
}

/** Waits for the message a page shows after an action (a flash: role status, or alert for errors). */
export async function flash(page: Page, text: string): Promise<void> {
  await see(page.locator('.flash').filter({ hasText: text }).first());
}
