import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Translator } from '../../src/web/i18n';
import { flash, heading, see, type Stage } from './browser';
import { CRITERIA, letterName, nameOf, type Doctor } from './award-data';

/** A juror's pages: the list of assigned nominations, the conflict-of-interest step, the scorecard. */
export class JurorDesk {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, private readonly who: string) {}

  private async openNomination(doctor: Doctor): Promise<void> {
    const { page, t } = this;
    await page.getByRole('banner').getByRole('link', { name: t('nav.jury') }).click();
    await heading(page, t('jury.home.title'));
    await page.getByRole('link', { name: nameOf(doctor) }).click();
    await heading(page, nameOf(doctor));
  }

  /** Before reading the file the juror declares a conflict of interest and steps aside, with a reason. */
  async recuse(doctor: Doctor, reason: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step(`${this.who}-recuses-from-${doctor.key}`, page, async () => {
      await this.openNomination(doctor);
      await see(page.getByRole('heading', { name: t('jury.confirm.title') }));
      await page.getByLabel(t('jury.recuse.reason')).fill(reason);
      await page.getByRole('button', { name: t('jury.recuse.submit') }).click(); // the «are you sure?» prompt is accepted
      await flash(page, t('jury.recuse.done', { name: nameOf(doctor) }));
      await see(page.getByRole('heading', { name: t('jury.home.recusalsTitle') }));
    });
  }

  /** Confirms no conflict (first visit), reads the file with its letter, and submits one score per criterion. */
  async score(doctor: Doctor, scores: number[]): Promise<void> {
    const { page, t } = this;
    await this.stage.step(`${this.who}-reads-${doctor.key}`, page, async () => {
      await this.openNomination(doctor);
      await page.getByRole('button', { name: t('jury.confirm.noConflict') }).click();
      await see(page.getByRole('heading', { name: t('jury.scorecard.title') }));
      // the officer's upload, as the juror's browser fetches it (the link opens it in a new tab)
      const letter = await page.context().request.get((await page.getByRole('link', { name: letterName(doctor) }).getAttribute('href'))!);
      expect(letter.status()).toBe(200);
      expect((await letter.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      for (const [i, criterion] of CRITERIA.entries()) {
        await page.getByRole('radiogroup', { name: criterion.name }).getByRole('radio', { name: String(scores[i]), exact: true }).check();
      }
    });
    await this.stage.step(`${this.who}-scores-${doctor.key}`, page, async () => {
      await page.getByRole('button', { name: t('jury.scorecard.submit') }).click();
      await flash(page, t('jury.scorecard.submittedFlash', { name: nameOf(doctor) }));
      await see(page.getByRole('row', { name: nameOf(doctor) }).getByText(t('jury.state.submitted')));
    });
  }
}
