import type { DataSource, EntityManager } from 'typeorm';
import { Region } from '../regions/region.entity';
import { Municipality } from '../regions/municipality.entity';
import { User } from '../auth/user.entity';
import { hashPassword } from '../auth/password';
import { seedNominationsDemo } from './nominations-demo';
import { seedJudgingDemo } from './judging-demo';
import { seedPublishedDemo } from './results-demo';
import { seedEventsDemo } from './events-demo';
import { seedProgrammeDemo } from './programme-demo';
import { DEMO_MUNICIPALITIES, DEMO_PASSWORD, DEMO_REGION, DEMO_USERS } from './people';

/** Seeds the demo once: returns false when the database already has a region (a second start, or real data). */
export async function seedDemoIfEmpty(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (m) => {
    if ((await m.count(Region)) > 0) return false;
    await seedDemo(m);
    return true;
  });
}

/** The whole demo: region, people, the award cycles in their phases, the congress and the programmes. */
export async function seedDemo(m: EntityManager): Promise<void> {
  const regionId = await seedPeople(m);
  await seedNominationsDemo(m, regionId);
  const judging = await seedJudgingDemo(m, regionId);
  const published = await seedPublishedDemo(m, regionId);
  await seedEventsDemo(m, judging.id, published.id);
  await seedProgrammeDemo(m, regionId);
}

/** The demo region, its municipalities and the demo accounts (tests start from these). */
export async function seedPeople(m: EntityManager): Promise<number> {
  const region = await m.save(m.create(Region, { name: DEMO_REGION, timeZone: 'Europe/Moscow' }));
  const municipalities = await m.save(DEMO_MUNICIPALITIES.map((name) => m.create(Municipality, { regionId: region.id, name })));
  const byName = new Map(municipalities.map((x) => [x.name, x.id]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await m.save(
    DEMO_USERS.map((u) =>
      m.create(User, {
        email: u.email,
        fullName: u.fullName,
        role: u.role,
        municipalityId: u.municipality ? byName.get(u.municipality)! : null,
        institution: u.institution,
        passwordHash,
      }),
    ),
  );
  return region.id;
}
