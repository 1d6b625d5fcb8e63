import type { Browser } from 'playwright-core';
import { translator, type Locale } from '../../src/web/i18n';
import { DEMO_USERS } from '../../src/demo/people';
import { heading, launchChromium, requireChromium, see, Stage } from './browser';
import { useE2eServer } from './server';
import { signIn } from './people';
import { JurorDesk } from './juror-desk';
import { HAND_WRITTEN, nameOf } from './award-data';
import { ProgrammeAdmin } from './programme-admin';
import { Participant, ProgrammeOfficer } from './programme-applicant';
import { story } from './chapters';
import {
  APPLICANT_1, APPLICANT_2, APPLICANT_3, APPLICANTS, CARDIOLOGY, HOURS, NEONATOLOGY, NEUROLOGY, PROGRAMME, PROGRAMME_SCORES, TRACKS,
} from './programme-data';

// A browser walk through a whole programme takes a while; every chapter and hook gets this long.
jest.setTimeout(240_000);

const jurorName = (email: string) => DEMO_USERS.find((u) => u.email === email)!.fullName;

describe.each<Locale>(['ru', 'en'])('a whole programme of internships in a real browser, in %s', (lang) => {
  const server = useE2eServer();
  const t = translator(lang);
  let browser: Browser;
  let stage: Stage;
  let admin: ProgrammeAdmin;
  const links: Record<string, string> = {};
  let code = '';

  beforeAll(async () => {
    requireChromium();
    browser = await launchChromium();
    stage = new Stage(browser, server.baseUrl, lang, `programme-${lang}`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A doctor at their own browser, in the walk's language (they have no account: the header's choice, in a cookie). */
  const participant = async (who: typeof APPLICANT_1) => {
    const page = await stage.person();
    if (lang !== 'ru') await page.context().addCookies([{ name: 'lang', value: lang, url: server.baseUrl }]);
    return new Participant(stage, page, t, who);
  };

  // The chapters are one story: after a failed chapter the later ones fail at once, saying why.
  const chapter = story();

  chapter('the admin creates a programme with three tracks, a ranking with criteria and a commission, and opens applications', async () => {
    admin = new ProgrammeAdmin(stage, await signIn(stage, 'admin', lang), t, server.regionTz);
    await admin.createProgramme();
    for (const track of TRACKS) await admin.addTrack(track);
    await admin.addCriteria();
    await admin.choosePanel(['juror@example.org', 'juror2@example.org', 'juror3@example.org'].map(jurorName), jurorName('juror2@example.org'));
    await admin.movePhase('nominations_open', 'admin-opens-applications');
  });

  chapter('two officers apply for three doctors with ranked tracks, consents and a letter, and submit', async () => {
    const officers = {
      officer: new ProgrammeOfficer(stage, await signIn(stage, 'officer', lang), t, 'officer'),
      officer2: new ProgrammeOfficer(stage, await signIn(stage, 'officer2', lang), t, 'officer2'),
    };
    for (const a of APPLICANTS) await officers[a.officer].apply(a);
  });

  chapter('the admin accepts the applications and starts selection; the commission scores them', async () => {
    await admin.movePhase('screening', 'admin-closes-applications');
    await admin.acceptAll(APPLICANTS);
    await admin.assignJurors(9);
    await admin.movePhase('judging', 'admin-starts-selection');
    for (const who of ['juror', 'juror2', 'juror3'] as const) {
      const desk = new JurorDesk(stage, await signIn(stage, who, lang), t, who);
      for (const a of APPLICANTS) await desk.score(a, PROGRAMME_SCORES[who][a.key]);
    }
  });

  chapter('selection closes; the allocation page shows who got which track and why, and the admin approves it', async () => {
    await admin.movePhase('allocation', 'admin-closes-selection');
    await admin.reviewAndApproveAllocation(async () => {
      await see(admin.applicantRow(APPLICANT_1).getByText(NEONATOLOGY.name).first());
      await see(admin.applicantRow(APPLICANT_1).getByText(t('programmeAllocation.why.got', { choice: 1 })));
      // neonatology has one place: the second applicant gets their second choice, and the page says why
      const second = admin.applicantRow(APPLICANT_2);
      await see(second.getByText(t('programmeAllocation.applicants.choice', { choice: 2 }), { exact: true }));
      await see(second.getByText(t('programmeAllocation.why.blocked.full', { choice: 1, track: NEONATOLOGY.name }), { exact: false }));
      await see(second.getByText(t('programmeAllocation.why.got', { choice: 2 }), { exact: false }));
      await see(admin.applicantRow(APPLICANT_3).getByText(t('programmeAllocation.why.got', { choice: 1 })));
      // …and waits on neonatology's reserve
      await see(admin.trackRow(NEONATOLOGY).locator('ol.reserve').getByText(nameOf(APPLICANT_2)));
    }, 3);
  });

  chapter('the offers are mailed; the first declines, the reserve moves the second up, and everyone else confirms', async () => {
    links.first = await admin.offerLink(APPLICANT_1, NEONATOLOGY, 'admin-reads-offer-to-vasilyeva');
    const first = await participant(APPLICANT_1);
    await first.decline(links.first, NEONATOLOGY.name, 'Не смогу оставить участок на четыре недели.', 'vasilyeva-declines');

    // the reserve's first (who held neurology, their second choice) is offered neonatology with a new link
    links.second = await admin.offerLink(APPLICANT_2, NEONATOLOGY, 'admin-reads-reserve-offer-to-gromov');
    const second = await participant(APPLICANT_2);
    await second.confirm(links.second, NEONATOLOGY.name, 'gromov-confirms-neonatology');

    links.third = await admin.offerLink(APPLICANT_3, CARDIOLOGY, 'admin-reads-offer-to-morozova');
    const third = await participant(APPLICANT_3);
    await third.confirm(links.third, CARDIOLOGY.name, 'morozova-confirms-cardiology');

    await stage.step('admin-sees-places-after-answers', admin.page, async () => {
      await admin.openAllocation();
      const live = (track: typeof NEONATOLOGY, confirmed: number, offered: number, free: number) =>
        see(admin.trackRow(track).getByText(t('programmeAllocation.tracks.liveCounts', { confirmed, offered, free })));
      await live(NEONATOLOGY, 1, 0, 0);
      await live(CARDIOLOGY, 1, 0, 1);
      await live(NEUROLOGY, 0, 0, 2);
      await admin.openProgramme();
      await admin.page.locator('#tracks').getByRole('row', { name: NEONATOLOGY.name }).getByRole('link', { name: t('programmeParticipants.link') }).click();
      await heading(admin.page, t('programmeParticipants.heading', { track: NEONATOLOGY.name }));
      await see(admin.page.getByRole('row', { name: nameOf(APPLICANT_2) }).getByText(t('programmeParticipants.status.confirmed')));
      await see(admin.page.getByRole('row', { name: nameOf(APPLICANT_1) }).getByText(t('programmeParticipants.status.declined')));
    });
  });

  chapter('training and completion: the admin marks the hours, and certificates of completion are issued', async () => {
    await admin.movePhase('confirmation', 'admin-moves-to-confirmation');
    await admin.movePhase('training', 'admin-starts-training');
    await admin.movePhase('completion', 'admin-records-completion');
    await admin.markCompleted(NEONATOLOGY, [{ applicant: APPLICANT_2, hours: HOURS.gromov }]);
    await admin.markCompleted(CARDIOLOGY, [{ applicant: APPLICANT_3, hours: HOURS.morozova }]);
    code = await admin.certificateCode(APPLICANT_2, 2);
  });

  chapter('a visitor verifies the certificate: the holder, the track and the hours attended', async () => {
    const page = await stage.person();
    if (lang !== 'ru') await page.context().addCookies([{ name: 'lang', value: lang, url: server.baseUrl }]);
    await stage.step('visitor-verifies-certificate', page, async () => {
      await page.goto('/verify');
      await heading(page, t('certificates.verify.title'));
      await page.getByLabel(t('certificates.verify.code')).fill(code);
      await page.getByRole('button', { name: t('certificates.verify.check') }).click();
      await heading(page, HAND_WRITTEN[lang].valid);
      await see(page.getByText(nameOf(APPLICANT_2)).first());
      await see(page.getByText(NEONATOLOGY.name, { exact: true }).first());
      await see(page.getByText(NEONATOLOGY.host).first());
      await see(page.getByText(t('programmeCertificates.verify.hoursValue', { hours: Number(HOURS.gromov), total: Number(NEONATOLOGY.hours) })).first());
      await see(page.getByText(PROGRAMME.name, { exact: true }).first());
    });
  });
});
