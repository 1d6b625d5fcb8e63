import type { Page } from 'playwright-core';
import type { Translator } from '../../src/web/i18n';
import { toLocalInput } from '../../src/web/zoned-time';
import { flash, heading, see, type Stage } from './browser';
import { CATEGORY, CRITERIA, CYCLE } from './award-data';

const DAY = 24 * 3600 * 1000;

/** The organizing committee setting up a cycle (category, criteria, panel) and moving it through its phases by hand. */
export class AdminDesk {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, private readonly regionTz: string) {}

  /** The cycle's own page: the hub every other admin page links back to. */
  async openCycle(): Promise<void> {
    const { page, t } = this;
    await page.getByRole('banner').getByRole('link', { name: t('cycles.nav'), exact: true }).click();
    await heading(page, t('cycles.title'));
    await page.getByRole('link', { name: CYCLE.name }).click();
    await heading(page, CYCLE.name);
  }

  /** Nominations run from yesterday to a week ahead; the later phases are moved by hand, so their dates stay blank. */
  async createCycle(): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-fills-cycle-form', page, async () => {
      await page.getByRole('banner').getByRole('link', { name: t('cycles.nav'), exact: true }).click();
      await page.getByRole('button', { name: t('cycles.new') }).click();
      await heading(page, t('cycles.new'));
      await page.getByLabel(t('cycles.fields.name'), { exact: true }).fill(CYCLE.name);
      await page.getByLabel(t('cycles.fields.slug'), { exact: true }).fill(CYCLE.slug);
      await page.getByLabel(t('cycles.fields.code'), { exact: true }).fill(CYCLE.code);
      await page.getByLabel(t('cycles.fields.year'), { exact: true }).fill(CYCLE.year);
      await page.getByLabel(t('cycles.fields.description'), { exact: true }).fill(CYCLE.description);
      await page.getByLabel(t('cycles.fields.nominationsStart'), { exact: true }).fill(toLocalInput(new Date(Date.now() - DAY), this.regionTz));
      await page.getByLabel(t('cycles.fields.nominationsEnd'), { exact: true }).fill(toLocalInput(new Date(Date.now() + 7 * DAY), this.regionTz));
    });
    await this.stage.step('admin-creates-cycle', page, async () => {
      await page.getByRole('button', { name: t('cycles.create') }).click();
      await flash(page, t('cycles.created'));
      await heading(page, CYCLE.name);
    });
  }

  async addCategory(): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-adds-category', page, async () => {
      await page.getByRole('button', { name: t('cycles.categories.new') }).click();
      await page.getByLabel(t('cycles.categories.fields.name')).fill(CATEGORY.name);
      await page.getByLabel(t('cycles.categories.fields.maxWinners')).fill(CATEGORY.maxWinners);
      await page.getByLabel(t('cycles.categories.fields.quotaPerMunicipality')).fill(CATEGORY.quota);
      await page.getByLabel(t('cycles.documentKinds.recommendation')).check();
      await page.getByRole('button', { name: t('cycles.categories.create') }).click();
      await flash(page, t('cycles.categories.created'));
      await see(page.getByRole('heading', { level: 3, name: CATEGORY.name }));
    });
  }

  /** From the cycle page through its jury overview to the category's criteria. */
  private async openCriteria(): Promise<void> {
    const { page, t } = this;
    await page.getByRole('link', { name: t('cycles.sections.jury') }).click();
    await heading(page, t('juryAdmin.overview.heading'));
    await page.getByRole('row', { name: CATEGORY.name }).getByRole('link', { name: t('juryAdmin.tabs.criteria') }).click();
    await heading(page, CATEGORY.name);
  }

  async addCriteria(): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-adds-criteria', page, async () => {
      await this.openCriteria();
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

  /** The category's panel tab: three jurors from other municipalities than the nominees, a chair, everyone scores everything. */
  async choosePanel(jurorNames: string[], chair: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-chooses-panel', page, async () => {
      await page.getByRole('navigation', { name: t('juryAdmin.tabs.label') }).getByRole('link', { name: t('juryAdmin.tabs.panel') }).click();
      for (const name of jurorNames) await page.getByRole('checkbox', { name }).check();
      // the choices read «name (email)», so namesakes can be told apart
      const chairSelect = page.getByLabel(t('juryAdmin.panel.chair'));
      await chairSelect.selectOption((await chairSelect.locator('option', { hasText: chair }).first().getAttribute('value'))!);
      await page.getByLabel(t('juryAdmin.panel.modeAll')).check();
      await page.getByRole('button', { name: t('common.save') }).click();
      await flash(page, t('juryAdmin.panel.saved'));
      for (const name of jurorNames) await see(page.getByRole('cell', { name }).first());
    });
  }

  /** The phase button on the cycle page, its confirmation page, and the flash that says it moved. */
  async movePhase(to: string, stepName: string): Promise<void> {
    const { page, t } = this;
    await this.stage.step(stepName, page, async () => {
      await this.openCycle();
      await page.getByRole('button', { name: t(`cycles.phase.action.${to}`) }).click();
      await heading(page, t('cycles.phase.title'));
      await see(page.getByText(t(`cycles.phase.effect.${to}`)));
      await page.getByRole('main').getByRole('button', { name: t(`cycles.phase.action.${to}`) }).click();
      await flash(page, t('cycles.phase.moved'));
      await see(page.getByText(`${t('cycles.phaseLabel')}: ${t(`phases.${to}`)}`, { exact: true }));
    });
  }
}
