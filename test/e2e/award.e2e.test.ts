import type { Browser } from 'playwright-core';
import { translator, type Locale } from '../../src/web/i18n';
import { DEMO_USERS } from '../../src/demo/people';
import { launchChromium, requireChromium, Stage } from './browser';
import { useE2eServer } from './server';
import { signIn } from './people';
import { AdminDesk } from './admin-setup';
import { AdminDecisions } from './admin-decisions';
import { OfficerDesk } from './officer-desk';
import { JurorDesk } from './juror-desk';
import { Visitor } from './visitor';
import { GROMOV, SCORES, VASILYEVA } from './award-data';
import { story } from './chapters';

// A browser walk through a whole award takes a while; every chapter and hook gets this long.
jest.setTimeout(180_000);

const jurorName = (email: string) => DEMO_USERS.find((u) => u.email === email)!.fullName;

describe.each<Locale>(['ru', 'en'])('the whole award in a real browser, in %s', (lang) => {
  const server = useE2eServer();
  const t = translator(lang);
  let browser: Browser;
  let stage: Stage;
  let admin: AdminDesk;
  let decisions: AdminDecisions;
  let officer: OfficerDesk;
  let officer2: OfficerDesk;

  beforeAll(async () => {
    requireChromium();
    browser = await launchChromium();
    stage = new Stage(browser, server.baseUrl, lang);
  });
  afterAll(async () => {
    await browser?.close();
  });

  // The chapters are one story: after a failed chapter the later ones fail at once, saying why.
  const chapter = story();

  chapter('the admin sets up a cycle with a category, criteria and a panel, and opens it', async () => {
    admin = new AdminDesk(stage, await signIn(stage, 'admin', lang), t, server.regionTz);
    decisions = new AdminDecisions(stage, admin, t);
    await admin.createCycle();
    await admin.addCategory();
    await admin.addCriteria();
    await admin.choosePanel(['juror@example.org', 'juror2@example.org', 'juror3@example.org'].map(jurorName), jurorName('juror2@example.org'));
    await admin.movePhase('nominations_open', 'admin-opens-nominations');
  });

  chapter('two officers nominate a doctor each, with a PDF letter, and submit', async () => {
    officer = new OfficerDesk(stage, await signIn(stage, 'officer', lang), t, 'officer');
    await officer.nominate(VASILYEVA);
    officer2 = new OfficerDesk(stage, await signIn(stage, 'officer2', lang), t, 'officer2');
    await officer2.nominate(GROMOV);
  });

  chapter('the admin returns the second nomination, and its officer corrects and resubmits it', async () => {
    const reason = 'Уточните, с какого года работает выездной приём.';
    await decisions.returnNomination(GROMOV, reason);
    await officer2.answerReturn(GROMOV, reason, 'Выездные приёмы ведутся с 2021 года.');
  });

  chapter('the admin accepts both, closes nominations, assigns the jurors and opens judging', async () => {
    await decisions.acceptAll([VASILYEVA, GROMOV]);
    await admin.movePhase('screening', 'admin-closes-nominations');
    await decisions.assignJurors(6);
    await admin.movePhase('judging', 'admin-opens-judging');
  });

  chapter('one juror recuses from a nomination, and the jurors score the rest', async () => {
    const juror = new JurorDesk(stage, await signIn(stage, 'juror', lang), t, 'juror');
    await juror.recuse(GROMOV, 'Номинант — мой бывший ординатор.');
    await juror.score(VASILYEVA, SCORES.juror.vasilyeva);
    for (const who of ['juror2', 'juror3'] as const) {
      const desk = new JurorDesk(stage, await signIn(stage, who, lang), t, who);
      await desk.score(VASILYEVA, SCORES[who].vasilyeva);
      await desk.score(GROMOV, SCORES[who].gromov);
    }
  });

  chapter('the admin closes judging, reviews the results, approves and publishes them', async () => {
    await admin.movePhase('deliberation', 'admin-closes-judging');
    await decisions.reviewResults(VASILYEVA);
    await decisions.decide('approve');
    await decisions.decide('publish');
  });

  chapter('a visitor without an account finds the winner, downloads the diploma and verifies it', async () => {
    const visitor = new Visitor(stage, await stage.person(), t, lang);
    if (lang !== 'ru') await visitor.page.context().addCookies([{ name: 'lang', value: lang, url: server.baseUrl }]);
    await visitor.opensWinners(VASILYEVA);
    const code = await visitor.downloadsDiploma(VASILYEVA);
    await visitor.verifiesDiploma(code, VASILYEVA);
  });
});
