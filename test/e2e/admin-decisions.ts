import type { Translator } from '../../src/web/i18n';
import { flash, heading, see, type Stage } from './browser';
import type { AdminDesk } from './admin-setup';
import { CATEGORY, CYCLE, nameOf, type Doctor } from './award-data';

/** The organizing committee's decisions once nominations arrive: screening, the jury's assignments, results. */
export class AdminDecisions {
  constructor(private readonly stage: Stage, private readonly desk: AdminDesk, private readonly t: Translator) {}

  private get page() {
    return this.desk.page;
  }

  private async openNominations(): Promise<void> {
    await this.desk.openCycle();
    await this.page.getByRole('link', { name: this.t('cycles.sections.nominations') }).click();
    await heading(this.page, this.t('screening.list.title'));
  }

  async returnNomination(doctor: Doctor, reason: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step(`admin-returns-${doctor.key}`, page, async () => {
      await this.openNominations();
      await page.getByRole('link', { name: nameOf(doctor) }).click();
      await heading(page, nameOf(doctor));
      await page.getByLabel(t('screening.decision.reason')).fill(reason);
      await page.getByRole('button', { name: t('screening.decision.return') }).click();
      await flash(page, t('screening.decision.done.return'));
    });
  }

  /** Ticks both submitted nominations in the cycle's list and accepts them at once. */
  async acceptAll(doctors: Doctor[]): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-accepts-both', page, async () => {
      await this.openNominations();
      for (const d of doctors) await page.getByRole('row', { name: nameOf(d) }).getByRole('checkbox').check();
      await page.getByRole('button', { name: t('screening.list.acceptSelected') }).click();
      await flash(page, t('screening.bulk.done', { accepted: doctors.length, skipped: 0 }));
      for (const d of doctors) await see(page.getByRole('row', { name: nameOf(d) }).getByText(t('nominations.status.accepted')));
    });
  }

  /** The panel page hands the accepted nominations to the jurors (all of them, none in conflict). */
  async assignJurors(expected: number): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-assigns-jurors', page, async () => {
      await this.desk.openCycle();
      await page.getByRole('link', { name: t('cycles.sections.jury') }).click();
      await page.getByRole('row', { name: CATEGORY.name }).getByRole('link', { name: t('juryAdmin.tabs.panel') }).click();
      await page.getByRole('button', { name: t('juryAdmin.assign.run') }).click();
      await see(page.getByText(t('juryAdmin.assign.added', { count: expected })));
      await see(page.getByText(t('juryAdmin.assign.allCovered')));
    });
  }

  /** The cycle's results: the category proposes the winner; its own page shows the ranking. */
  async reviewResults(winner: Doctor): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-reviews-results', page, async () => {
      await this.desk.openCycle();
      await page.getByRole('link', { name: t('cycles.sections.results') }).click();
      await heading(page, t('results.cycle.heading', { cycle: CYCLE.name }));
      const row = page.getByRole('row', { name: CATEGORY.name });
      await see(row.getByText(t('results.state.computed')));
      await see(row.getByRole('listitem').filter({ hasText: nameOf(winner) }).first());
      await row.getByRole('link', { name: CATEGORY.name }).click();
      await heading(page, CATEGORY.name);
      await see(page.getByRole('heading', { name: t('results.category.ranking') }));
      await see(page.getByRole('row', { name: nameOf(winner) }).getByText(t('results.category.place', { place: 1 })));
      await page.getByRole('link', { name: t('results.category.back', { cycle: CYCLE.name }) }).click();
      await heading(page, t('results.cycle.heading', { cycle: CYCLE.name }));
    });
  }

  /** Approve, then publish, from the cycle's results page: each through its confirmation page. */
  async decide(action: 'approve' | 'publish'): Promise<void> {
    const { page, t } = this;
    await this.stage.step(`admin-${action === 'approve' ? 'approves' : 'publishes'}-results`, page, async () => {
      await page.getByRole('button', { name: t(`results.actions.${action}.button`) }).click();
      await heading(page, t(`results.actions.${action}.title`));
      await see(page.getByText(t(`results.actions.${action}.effect`)));
      // winners without a full publication consent are listed, and approved only knowingly
      const consent = page.getByLabel(t('consentPublic.approval.confirm'));
      if (await consent.count()) await consent.check();
      await page.getByRole('main').getByRole('button', { name: t(`results.actions.${action}.button`) }).click();
      await flash(page, t(`results.actions.${action}.done`));
    });
  }
}
