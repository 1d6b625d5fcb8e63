import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Locale, Translator } from '../../src/web/i18n';
import { heading, see, type Stage } from './browser';
import { CATEGORY, CYCLE, HAND_WRITTEN, nameOf, type Doctor } from './award-data';

/** The diploma as its holder would print it: the text of the PDF (poppler's pdftotext). */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Someone without an account: the home page, the winners list, the diploma and its verification. */
export class Visitor {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, private readonly lang: Locale) {}

  async opensWinners(winner: Doctor): Promise<void> {
    const { page, t } = this;
    await this.stage.step('visitor-opens-winners', page, async () => {
      await page.goto('/');
      await see(page.getByRole('heading', { name: t('publicPages.home.latest') }));
      await page.getByRole('button', { name: t('publicPages.home.allWinners') }).click();
      await heading(page, CYCLE.name);
      const category = page.locator('section', { has: page.getByRole('heading', { level: 2, name: CATEGORY.name }) });
      await see(category.getByText(nameOf(winner)));
      await see(category.getByText(t('publicPages.winners.place', { place: 1 })));
    });
  }

  /**
   * Fetches the diploma behind its link with the visitor's own browser context and reads it; then opens
   * the link, so the step's screenshot shows the diploma in Chromium's viewer (it shows inline PDFs
   * rather than downloading them). Returns the verification code printed on the diploma.
   */
  async downloadsDiploma(winner: Doctor): Promise<string> {
    const { page, t } = this;
    return this.stage.step('visitor-downloads-diploma', page, async () => {
      const number = `${CYCLE.code}-${CYCLE.year}-0001`;
      const link = page.getByRole('link', { name: t('publicPages.winners.certificate', { number }) });
      const response = await page.context().request.get((await link.getAttribute('href'))!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      const file = path.join(this.stage.dir, 'diploma.pdf');
      fs.writeFileSync(file, await response.body());
      const text = pdfText(file).replace(/\s+/g, ' ');
      expect(text).toContain(nameOf(winner));
      expect(text).toContain(number);
      // the caption may wrap inside the code (a code of wide letters is longer than its line): read it without the breaks
      const printed = /\/verify\/([\w-]{24})/.exec(text.replace(/\s+/g, ''))?.[1];
      // the list's «verify» link leads to the same code as the diploma's caption (and QR code)
      const verify = await page.getByRole('link', { name: t('publicPages.winners.verify') }).getAttribute('href');
      expect(verify).toBe(`${new URL(page.url()).origin}/verify/${printed}`);
      await link.click();
      await page.waitForURL(/\/certificates\/.+\.pdf$/);
      return printed!;
    });
  }

  /** Types the code into the form on /verify and sees the diploma confirmed as valid, with the holder's name. */
  async verifiesDiploma(code: string, winner: Doctor): Promise<void> {
    const { page, t } = this;
    await this.stage.step('visitor-verifies-diploma', page, async () => {
      await page.goto('/verify');
      await heading(page, t('certificates.verify.title'));
      await page.getByLabel(t('certificates.verify.code')).fill(code);
      await page.getByRole('button', { name: t('certificates.verify.check') }).click();
      await heading(page, HAND_WRITTEN[this.lang].valid);
      expect(new URL(page.url()).pathname).toBe(`/verify/${code}`);
      await see(page.getByText(nameOf(winner)));
      await see(page.getByText(CYCLE.name));
    });
  }
}
