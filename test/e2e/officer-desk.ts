import type { Page } from 'playwright-core';
import type { Translator } from '../../src/web/i18n';
import { flash, heading, see, type Stage } from './browser';
import { CATEGORY, CYCLE, nameOf, recommendationLetter, type Doctor } from './award-data';
import { PUBLIC_FIELDS } from '../../src/consent/public-fields';

/** A municipal officer's pages: nominating a doctor and answering a return. */
export class OfficerDesk {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, private readonly who: string) {}

  private field(key: string) {
    return this.page.getByRole('textbox', { name: this.t(`officer.fields.${key}`), exact: true });
  }

  /** From the officer's start page: the open cycle's «nominate» button, the whole form, one PDF, submit. */
  async nominate(doctor: Doctor): Promise<void> {
    const { page, t } = this;
    const letter = await recommendationLetter(doctor);
    await this.stage.step(`${this.who}-fills-nomination-${doctor.key}`, page, async () => {
      await page.getByRole('banner').getByRole('link', { name: t('nav.officer') }).click();
      await heading(page, t('officer.home.title'));
      await see(page.getByRole('heading', { name: CYCLE.name }));
      await page.getByRole('button', { name: t('officer.home.nominate') }).click();
      await heading(page, t('officer.form.newTitle'));
      // the option reads «name — quota left», so it is picked by the category's name
      const category = page.getByRole('combobox', { name: t('officer.fields.category') });
      await category.selectOption((await category.getByRole('option', { name: CATEGORY.name }).getAttribute('value'))!);
      for (const key of ['lastName', 'firstName', 'patronymic', 'position', 'institution', 'specialty', 'phone'] as const) {
        await this.field(key).fill(doctor[key]);
      }
      await page.getByRole('spinbutton', { name: t('officer.fields.yearsOfPractice') }).fill(doctor.years);
      await this.field('achievements').fill(doctor.achievements);
      await this.field('motivation').fill(doctor.motivation);
      await page.getByRole('combobox', { name: t('officer.form.documentKind', { n: 1 }) }).selectOption({ label: t('nominations.documentKinds.recommendation') });
      await page.getByLabel(t('officer.form.files', { n: 1 })).setInputFiles(letter);
      // the nominee's signed consents (scans: any PDF here): to processing, without which the nomination is not
      // submitted, and to publication of everything, so the winner's name is on the public pages
      for (const field of PUBLIC_FIELDS) await page.getByRole('checkbox', { name: t(`consent.fields.${field}`) }).check();
      await page.getByLabel(t('consent.form.processingFile')).setInputFiles({ ...letter, name: 'Согласие на обработку ПД.pdf' });
      await page.getByLabel(t('consent.form.publicationFile')).setInputFiles({ ...letter, name: 'Согласие на распространение ПД.pdf' });
    });
    await this.stage.step(`${this.who}-submits-${doctor.key}`, page, async () => {
      await page.getByRole('button', { name: t('officer.form.submit') }).click();
      await flash(page, t('officer.flash.submitted'));
      await heading(page, nameOf(doctor));
      await see(page.getByRole('link', { name: letter.name }));
      await see(page.getByText(t('nominations.status.submitted'), { exact: true }).first());
    });
  }

  /** The returned nomination shows the committee's reason; the officer corrects the text and submits again. */
  async answerReturn(doctor: Doctor, reason: string, addition: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step(`${this.who}-resubmits-${doctor.key}`, page, async () => {
      await page.getByRole('banner').getByRole('link', { name: t('nav.officer') }).click();
      const row = page.getByRole('row', { name: nameOf(doctor) });
      await see(row.getByText(t('nominations.status.returned')));
      await row.getByRole('link', { name: nameOf(doctor) }).click();
      await heading(page, nameOf(doctor));
      await flash(page, reason); // the committee's comment, above the form
      const motivation = this.field('motivation');
      await motivation.fill(`${await motivation.inputValue()} ${addition}`);
      await page.getByRole('button', { name: t('officer.form.submit') }).click();
      await flash(page, t('officer.flash.submitted'));
      await see(page.getByText(addition)); // the corrected text, now read-only until the committee decides
    });
  }
}
