import fs from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { useE2eServer } from '../e2e/server';
import { ARTIFACTS, useChromium } from '../e2e/browser';
import { approvedProgramme, offerLinkOf, participantsOf } from '../support/offer-fixtures';
import { queuedMail } from '../support/mail';
import { dataSource } from '../../ormconfig';

jest.setTimeout(120_000);

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = path.join(ARTIFACTS, 'confirmation');

/** Serious and critical WCAG 2.0/2.1 A/AA findings on the page as it stands, as the accessibility walk counts them. */
async function findings(page: Page): Promise<string[]> {
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }),
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The pages behind a real one-time link, which the accessibility walk (sample tokens) only sees as «not found»:
 * the offer, a decline sent without its tick, the answer, a spent link, and the admin's withdrawal page. Each is
 * checked by axe and photographed (test-artifacts/e2e/confirmation/).
 */
describe('the offer pages in a browser', () => {
  const server = useE2eServer();
  const chrome = useChromium();

  it('are accessible and read as they should, from the offer to its answer', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const w = await approvedProgramme(dataSource, {
      tracks: [{ name: 'Неонатология', places: 1 }, { name: 'Кардиология', places: 1 }],
      applicants: [{ prefs: [0] }, { prefs: [0, 1] }, { prefs: [1] }],
    });
    const context = await chrome.browser.newContext({ baseURL: server.baseUrl, locale: 'ru-RU', viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(10_000);
    await context.addInitScript({ content: AXE_SOURCE });
    const page = await context.newPage();
    const problems: string[] = [];
    const look = async (name: string) => {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
      problems.push(...(await findings(page)).map((f) => `${name}: ${f}`));
    };

    // the letter as a mail program shows it (its own markup, no app styles)
    const [letter] = await queuedMail(dataSource, { kind: 'programme_offer', toEmail: w.emails[1] });
    await page.setContent(letter.html);
    await page.screenshot({ path: path.join(SHOTS, '0-offer-mail.png'), fullPage: true });
    await page.goto(await offerLinkOf(dataSource, w.emails[1]));
    await look('1-offer');
    await page.getByRole('button', { name: 'Отказываюсь' }).click();
    await page.getByText('Отметьте, что вы отказываетесь от места').waitFor();
    await look('2-decline-unticked');
    await page.goto(await offerLinkOf(dataSource, w.emails[0]));
    await page.getByRole('button', { name: 'Подтверждаю участие' }).click();
    await page.getByRole('heading', { name: 'Участие подтверждено' }).waitFor();
    await look('3-confirmed');
    await page.goto(await offerLinkOf(dataSource, w.emails[0]));
    await look('4-link-used');

    const admin = await chrome.browser.newContext({ baseURL: server.baseUrl, locale: 'ru-RU', viewport: { width: 1100, height: 900 } });
    admin.setDefaultTimeout(10_000);
    await admin.addInitScript({ content: AXE_SOURCE });
    const desk = await admin.newPage();
    await desk.goto('/login');
    await desk.locator('#email').fill('admin@example.org');
    await desk.locator('#password').fill('laureate-demo');
    await desk.locator('main button[type=submit]').click();
    await desk.waitForURL((u) => !u.pathname.startsWith('/login'));
    await desk.goto(`/admin/tracks/${w.trackIds[0]}/participants`);
    await desk.screenshot({ path: path.join(SHOTS, '5-participants.png'), fullPage: true });
    const confirmed = (await participantsOf(dataSource, w.cycleId)).find((p) => p.status === 'confirmed')!;
    await desk.getByRole('link', { name: 'Отказ от участия' }).click();
    await desk.getByRole('heading', { name: 'Отказ от участия' }).waitFor();
    expect(desk.url()).toContain(`/admin/participants/${confirmed.id}/withdraw`);
    await desk.screenshot({ path: path.join(SHOTS, '6-withdraw.png'), fullPage: true });
    problems.push(...(await findings(desk)).map((f) => `withdraw: ${f}`));
    await admin.close();
    await context.close();
    expect(problems).toEqual([]);
  });
});
