import type { Page } from 'playwright-core';
import type { Translator } from '../../src/web/i18n';
import { PUBLIC_FIELDS } from '../../src/consent/public-fields';
import { flash, heading, see, type Stage } from './browser';
import { nameOf, recommendationLetter } from './award-data';
import { PROGRAMME, type Applicant } from './programme-data';

/** A municipal officer applying for a doctor of their municipality: the nomination form with ranked tracks. */
export class ProgrammeOfficer {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, private readonly who: string) {}

  private field(key: string) {
    return this.page.getByRole('textbox', { name: this.t(`officer.fields.${key}`), exact: true });
  }

  /** From the officer's start page: «Подать заявку на стажировку», the doctor, tracks by preference, consents, letter, submit. */
  async apply(doctor: Applicant): Promise<void> {
    const { page, t } = this;
    const letter = await recommendationLetter(doctor);
    await this.stage.step(`${this.who}-fills-application-${doctor.key}`, page, async () => {
      await page.getByRole('banner').getByRole('link', { name: t('nav.officer') }).click();
      await heading(page, t('officer.home.title'));
      const card = page.locator('article.cycle-card', { has: page.getByRole('heading', { name: PROGRAMME.name }) });
      for (const track of doctor.preferences) await see(card.getByRole('heading', { name: track.name }));
      await card.getByRole('button', { name: t('programmeApplications.home.apply') }).click();
      await heading(page, t('programmeApplications.form.newTitle'));
      for (const [i, track] of doctor.preferences.entries()) {
        await page.getByRole('combobox', { name: t(`programmeApplications.form.choice${i + 1}`) }).selectOption({ label: track.name });
      }
      for (const key of ['lastName', 'firstName', 'patronymic', 'position', 'institution', 'specialty', 'phone', 'email'] as const) {
        await this.field(key).fill(doctor[key]);
      }
      await page.getByRole('spinbutton', { name: t('officer.fields.yearsOfPractice') }).fill(doctor.years);
      await this.field('achievements').fill(doctor.achievements);
      await page.getByRole('textbox', { name: t('programmeApplications.form.motivation') }).fill(doctor.motivation);
      await page.getByRole('combobox', { name: t('officer.form.documentKind', { n: 1 }) }).selectOption({ label: t('nominations.documentKinds.recommendation') });
      await page.getByLabel(t('officer.form.files', { n: 1 })).setInputFiles(letter);
      // the doctor's signed consents (any PDF stands for the scan): processing is required; publication lets
      // the certificate's verification page name the holder
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
      for (const track of doctor.preferences) await see(page.getByText(track.name).first());
    });
  }
}

/** The doctor at the one-time link from their letter: no account, their own browser. */
export class Participant {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, readonly applicant: Applicant) {}

  private async open(link: string, trackName: string): Promise<void> {
    const { page, t } = this;
    await page.goto(link);
    await heading(page, t('programmeConfirmation.offer.heading', { track: trackName }));
    await see(page.locator('#offer-details').getByText(PROGRAMME.name));
  }

  async confirm(link: string, trackName: string, stepName: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step(stepName, page, async () => {
      await this.open(link, trackName);
      await page.getByRole('button', { name: t('programmeConfirmation.offer.confirm.submit') }).click();
      await heading(page, t('programmeConfirmation.answered.confirmedTitle'));
    });
  }

  /** Declining needs the «I understand» tick; the reason is optional. */
  async decline(link: string, trackName: string, reason: string, stepName: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step(stepName, page, async () => {
      await this.open(link, trackName);
      await page.getByLabel(t('programmeConfirmation.offer.decline.reason')).fill(reason);
      await page.getByLabel(t('programmeConfirmation.offer.decline.sure')).check();
      await page.getByRole('button', { name: t('programmeConfirmation.offer.decline.submit') }).click();
      await heading(page, t('programmeConfirmation.answered.declinedTitle'));
    });
  }
}
