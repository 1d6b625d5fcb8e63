import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import type { Translator } from '../../src/web/i18n';
import { toLocalInput } from '../../src/web/zoned-time';
import { flash, heading, see, type Stage } from './browser';
import { CRITERIA, nameOf } from './award-data';
import { PROGRAMME, TRACK_DATES, type Applicant, type TrackData } from './programme-data';

const DAY = 24 * 3600 * 1000;

/** The organizing committee setting up a programme and moving it through its phases by hand. */
export class ProgrammeAdmin {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, private readonly regionTz: string) {}

  /** The programme's own page, from the list of cycles in the header. */
  async openProgramme(): Promise<void> {
    const { page, t } = this;
    await page.getByRole('banner').getByRole('link', { name: t('cycles.nav'), exact: true }).click();
    await heading(page, t('cycles.title'));
    await page.getByRole('link', { name: PROGRAMME.name }).click();
    await heading(page, PROGRAMME.name);
  }

  /** «Новая программа» on the list of cycles: the form opens with the programme's kind and its application window. */
  async createProgramme(): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-fills-programme-form', page, async () => {
      await page.getByRole('banner').getByRole('link', { name: t('cycles.nav'), exact: true }).click();
      await page.getByRole('button', { name: t('programmes.new') }).click();
      await heading(page, t('cycles.new'));
      await see(page.getByRole('radio', { name: t('programmes.kinds.programme') }).and(page.locator(':checked')));
      await page.getByLabel(t('cycles.fields.name'), { exact: true }).fill(PROGRAMME.name);
      await page.getByLabel(t('cycles.fields.slug'), { exact: true }).fill(PROGRAMME.slug);
      await page.getByLabel(t('cycles.fields.code'), { exact: true }).fill(PROGRAMME.code);
      await page.getByLabel(t('cycles.fields.year'), { exact: true }).fill(PROGRAMME.year);
      await page.getByLabel(t('cycles.fields.description'), { exact: true }).fill(PROGRAMME.description);
      await page.getByLabel(t('programmes.fields.nominationsStart'), { exact: true }).fill(toLocalInput(new Date(Date.now() - DAY), this.regionTz));
      await page.getByLabel(t('programmes.fields.nominationsEnd'), { exact: true }).fill(toLocalInput(new Date(Date.now() + 7 * DAY), this.regionTz));
    });
    await this.stage.step('admin-creates-programme', page, async () => {
      await page.getByRole('button', { name: t('cycles.create') }).click();
      await heading(page, PROGRAMME.name);
      await see(page.getByText(t('programmes.kinds.programme'), { exact: true }));
    });
  }

  /** «Новое направление»: where, when (already over: see TRACK_DATES), hours, places, competitive selection. */
  async addTrack(track: TrackData): Promise<void> {
    const { page, t } = this;
    await this.stage.step(`admin-adds-track-${track.key}`, page, async () => {
      await page.getByRole('button', { name: t('programmes.tracks.new') }).click();
      await heading(page, t('programmes.tracks.new'));
      const field = (key: string) => page.getByLabel(t(`programmes.tracks.fields.${key}`), { exact: true });
      await field('name').fill(track.name);
      await field('hostInstitution').fill(track.host);
      await field('city').fill(track.city);
      await field('country').fill(track.country);
      await field('startDate').fill(TRACK_DATES.start);
      await field('endDate').fill(TRACK_DATES.end);
      await field('academicHours').fill(track.hours);
      await field('format').selectOption({ label: t('programmes.formats.in_person') });
      await field('places').fill(track.places);
      await page.getByLabel(t('programmes.placeMethods.competitive')).check();
      for (const kind of track.documents) await page.getByLabel(t(`cycles.documentKinds.${kind}`)).check();
      await page.getByRole('button', { name: t('programmes.tracks.create') }).click();
      await flash(page, t('programmes.tracks.created'));
      await heading(page, PROGRAMME.name);
      await see(page.locator('#tracks').getByRole('row', { name: track.name }));
    });
  }

  /** The phase button on the programme's page, its confirmation page, and the phase it moved to. */
  async movePhase(to: string, stepName: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step(stepName, page, async () => {
      await this.openProgramme();
      await page.getByRole('button', { name: t(`programmes.phase.action.${to}`) }).click();
      await heading(page, t('cycles.phase.title'));
      await see(page.getByText(t(`programmes.phase.effect.${to}`)));
      await page.getByRole('main').getByRole('button', { name: t(`programmes.phase.action.${to}`), exact: true }).click();
      await flash(page, t('cycles.phase.moved'));
      await see(page.getByText(`${t('cycles.phaseLabel')}: ${t(`programmes.phases.${to}`)}`, { exact: true }));
    });
  }

  /** One of the ranking's pages, through the «Отбор» section of the programme's page. */
  private async openRanking(link: 'criteria' | 'panel'): Promise<void> {
    const { page, t } = this;
    await this.openProgramme();
    const row = page.locator('#selection').getByRole('row', { name: PROGRAMME.name });
    await row.getByRole('link', { name: t(`programmeApplications.selection.${link}`) }).click();
    await heading(page, PROGRAMME.name);
  }

  /** The programme's single ranking gets the award's two criteria with their rubrics. */
  async addCriteria(): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-adds-criteria', page, async () => {
      await this.openRanking('criteria');
      for (const c of CRITERIA) {
        await page.getByRole('button', { name: t('juryAdmin.criteria.new') }).click();
        await page.getByLabel(t('juryAdmin.criteria.fields.name')).fill(c.name);
        await page.getByLabel(t('juryAdmin.criteria.fields.weight')).fill(c.weight);
        await page.getByLabel(t('juryAdmin.criteria.fields.scaleMin')).fill(c.min);
        await page.getByLabel(t('juryAdmin.criteria.fields.scaleMax')).fill(c.max);
        await page.getByLabel(t('juryAdmin.criteria.fields.rubric')).fill(c.rubric);
        await page.getByRole('button', { name: t('common.save') }).click();
        await flash(page, t('juryAdmin.criteria.created', { name: c.name }));
      }
    });
  }

  /** The commission: three jurors from other municipalities than the applicants, a chair, everyone scores everything. */
  async choosePanel(jurorNames: string[], chair: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-chooses-commission', page, async () => {
      await this.openRanking('panel');
      for (const name of jurorNames) await page.getByRole('checkbox', { name }).check();
      const chairSelect = page.getByLabel(t('juryAdmin.panel.chair'));
      await chairSelect.selectOption((await chairSelect.locator('option', { hasText: chair }).first().getAttribute('value'))!);
      await page.getByLabel(t('juryAdmin.panel.modeAll')).check();
      await page.getByRole('button', { name: t('common.save') }).click();
      await flash(page, t('juryAdmin.panel.saved'));
      for (const name of jurorNames) await see(page.getByRole('cell', { name }).first());
    });
  }

  /** «Проверка заявок»: every submitted application ticked and accepted at once; the ranked tracks are on the list. */
  async acceptAll(applicants: Applicant[]): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-accepts-applications', page, async () => {
      await this.openProgramme();
      await page.locator('#selection').getByRole('link', { name: t('programmeApplications.selection.screening') }).click();
      await heading(page, t('screening.list.title'));
      for (const a of applicants) await page.getByRole('row', { name: nameOf(a) }).getByRole('checkbox').check();
      await page.getByRole('button', { name: t('screening.list.acceptSelected') }).click();
      await flash(page, t('screening.bulk.done', { accepted: applicants.length, skipped: 0 }));
      for (const a of applicants) await see(page.getByRole('row', { name: nameOf(a) }).getByText(t('nominations.status.accepted')));
    });
  }

  /** The commission page hands the accepted applications to the jurors. */
  async assignJurors(expected: number): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-assigns-jurors', page, async () => {
      await this.openRanking('panel');
      await page.getByRole('button', { name: t('juryAdmin.assign.run') }).click();
      await see(page.getByText(t('juryAdmin.assign.added', { count: expected })));
      await see(page.getByText(t('juryAdmin.assign.allCovered')));
    });
  }

  /** «Распределение мест» from the programme's page: the ranking's section. */
  async openAllocation(): Promise<void> {
    const { page, t } = this;
    await this.openProgramme();
    await page.getByRole('link', { name: t('programmeAllocation.link') }).click();
    await heading(page, t('programmeAllocation.heading'));
  }

  /** The applicant's row in the allocation's turn order. */
  applicantRow(a: Applicant) {
    return this.page.locator('table.allocation-table').getByRole('row', { name: nameOf(a) });
  }

  /** The track's row in the allocation's table of tracks. */
  trackRow(track: TrackData) {
    return this.page.locator('section.allocation').getByRole('row').filter({ has: this.page.getByRole('cell', { name: track.name, exact: true }) });
  }

  /** Sees the allocation (who got what, and why), then approves it with a deadline a week ahead. */
  async reviewAndApproveAllocation(check: () => Promise<void>, offers: number): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-reviews-allocation', page, async () => {
      await this.openAllocation();
      await see(page.getByRole('heading', { name: t('programmeAllocation.ranking', { name: PROGRAMME.name }) }));
      await check();
    });
    await this.stage.step('admin-approves-allocation', page, async () => {
      // the label ends with the region's time zone: matched up to it
      const label = t('programmeAllocation.approve.deadline', { zone: '\u0000' }).split('\u0000')[0];
      await page.getByLabel(new RegExp(`^${escapeRegExp(label)}`)).fill(toLocalInput(new Date(Date.now() + 7 * DAY), this.regionTz));
      await page.getByRole('button', { name: t('programmeAllocation.approve.submit') }).click(); // the «are you sure?» prompt is accepted
      await flash(page, t('programmeAllocation.approve.done', { count: offers }));
    });
  }

  /**
   * The one-time link the doctor was mailed, read in the admin's outbox (filtered by kind and address): the
   * newest offer of `track` to that address. Mail goes out in Russian whatever the admin's language.
   */
  async offerLink(a: Applicant, track: TrackData, stepName: string): Promise<string> {
    const { page, t } = this;
    return this.stage.step(stepName, page, async () => {
      await page.goto('/admin/outbox');
      await heading(page, t('outbox.title'));
      await page.getByRole('combobox', { name: t('outbox.filter.kind') }).selectOption('programme_offer');
      // the recipient's label holds its hint too, and a short word («To») appears in other labels: the one search box
      await page.getByRole('searchbox', { name: t('outbox.filter.recipient') }).fill(a.email);
      await page.getByRole('button', { name: t('common.filter') }).click();
      await page.getByRole('link', { name: `«${track.name}»`, exact: false }).first().click();
      await see(page.getByRole('heading', { name: t('outbox.text') }));
      const text = await page.locator('pre.mail-text').innerText();
      const link = /https?:\/\/\S+\/participation\/[\w-]+/.exec(text)?.[0];
      if (!link) throw new Error(`the offer mailed to ${a.email} carries no /participation/ link:\n${text}`);
      // Letters are composed with the process's BASE_URL (src/mail/compose.ts reads the environment once), not
      // with the port this test server was given: the link must be on BASE_URL, and is followed here by its path.
      const url = new URL(link);
      expect(url.origin).toBe(new URL(loadConfig().baseUrl).origin);
      return url.pathname;
    });
  }

  /** The track's completion page: each participant «Завершил» with the hours attended; certificates follow. */
  async markCompleted(track: TrackData, who: Array<{ applicant: Applicant; hours: string }>): Promise<void> {
    const { page, t } = this;
    await this.stage.step(`admin-marks-completion-${track.key}`, page, async () => {
      await this.openProgramme();
      await page.locator('#tracks').getByRole('row', { name: track.name }).getByRole('link', { name: t('programmeCompletion.link') }).click();
      await heading(page, t('programmeCompletion.heading', { track: track.name }));
      for (const { applicant, hours } of who) {
        const name = nameOf(applicant);
        await page.getByLabel(`${t('programmeCompletion.fields.outcome')}: ${name}`).selectOption('complete');
        await page.getByLabel(`${t('programmeCompletion.fields.hours')}: ${name}`).fill(hours);
      }
      await page.getByRole('button', { name: t('programmeCompletion.awaiting.submit') }).click();
      await see(page.locator('#none-awaiting'));
      for (const { applicant } of who) await see(page.locator('#marked').getByText(nameOf(applicant)).first());
    });
  }

  /**
   * «Сертификаты» of the programme: one valid certificate per completed participant; opens the holder's
   * certificate and returns the verification code its «verify» link leads to.
   */
  async certificateCode(holder: Applicant, expected: number): Promise<string> {
    const { page, t } = this;
    return this.stage.step('admin-sees-certificates', page, async () => {
      await this.openProgramme();
      await page.getByRole('link', { name: t('programmeCertificates.link') }).click();
      const rows = page.getByRole('row').filter({ hasText: t('certificates.status.valid') });
      await see(rows.nth(expected - 1));
      const row = page.getByRole('row', { name: nameOf(holder) });
      await row.getByRole('link', { name: new RegExp(`^${PROGRAMME.code}-${PROGRAMME.year}-\\d{4}$`) }).click();
      const verify = await page.getByRole('button', { name: t('certificates.detail.verifyPage') }).getAttribute('href');
      const code = /\/verify\/([\w-]+)/.exec(verify ?? '')?.[1];
      if (!code) throw new Error(`the certificate page links no /verify/CODE (href: ${verify})`);
      return code;
    });
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
