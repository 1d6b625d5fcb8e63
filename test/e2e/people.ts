import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/people';
import { translator, type Locale } from '../../src/web/i18n';
import { see, heading, type Stage } from './browser';
import { HAND_WRITTEN } from './award-data';

/** The demo accounts who play the award (README: Demo accounts). */
export const PEOPLE = {
  admin: 'admin@example.org',
  officer: 'officer@example.org', // Красногорск
  officer2: 'officer2@example.org', // Щёлково
  juror: 'juror@example.org', // Подольск
  juror2: 'juror2@example.org', // Химки
  juror3: 'juror3@example.org', // Коломна
} as const;

/** Where each role lands after signing in. */
const START_PAGE = { admin: '/admin', officer: '/officer', officer2: '/officer', juror: '/jury', juror2: '/jury', juror3: '/jury' } as const;

/**
 * A person opens the site in their own browser, switches it to their language with the header link
 * when it is not Russian (the choice stays in a cookie), and signs in through the form.
 * Returns the page they land on: their role's start page.
 */
export async function signIn(stage: Stage, who: keyof typeof PEOPLE, lang: Locale): Promise<Page> {
  const t = translator(lang);
  const page = await stage.person();
  await stage.step(`${who}-signs-in`, page, async () => {
    await page.goto('/login');
    if (lang !== 'ru') await page.getByRole('link', { name: translator('ru')('nav.otherLanguage') }).click();
    await heading(page, HAND_WRITTEN[lang].signIn);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await page.getByLabel(t('auth.email')).fill(PEOPLE[who]);
    await page.getByLabel(t('auth.password')).fill(DEMO_PASSWORD);
    await page.getByRole('main').getByRole('button', { name: t('auth.signInButton') }).click();
    await see(page.getByRole('button', { name: t('nav.signOut') }));
    expect(new URL(page.url()).pathname).toBe(START_PAGE[who]);
  });
  return page;
}
