import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { User } from '../auth/user.entity';
import { Event } from '../events/event.entity';
import { Registration } from '../events/registration.entity';
import { REGISTRATION_INITIAL, REGISTRATION_MOVES } from '../events/registration-statuses';
import { hashRegistrationToken } from '../events/registration-links';
import { bindRegistrar } from '../events/registrars';
import { checkIn } from '../events/checkin';
import { DEFAULT_TYPE_COLOURS } from '../events/event-forms';
import { statusIn } from '../nominations/statuses';
import { DEMO_ATTENDEES, DEMO_CHECKED_IN, DEMO_SPLIT } from './events-data';
import { DEMO_REGION } from './people';
import { demoPasswordHash } from './people-hash';

const DAY = 86_400_000;
const MINUTE = 60_000;

export const DEMO_REGISTRAR = { email: 'registrar@example.org', fullName: 'Никитина Дарья Олеговна' } as const;

/**
 * The demo congress «Педиатрия как искусство — 2026» (issue 13): the ceremony of the award in judging, hybrid,
 * under way today (started yesterday, ends tomorrow), so a visitor can check people in at the door
 * (registrar@example.org), issue certificates of attendance and read the lists and figures at once. Every place
 * is taken, six wait, two cancelled, two never confirmed their address, a 2025 laureate is invited, fourteen
 * are checked in. Registrations are inserted as the lifecycle would have left them (numbers in order of
 * confirmation, gap-free); the check-ins and the registrar's binding go through the domain functions.
 */
export async function seedEventsDemo(m: EntityManager, ceremonyOfCycleId: number, laureatesOfCycleId: number, now = new Date()): Promise<Event> {
  const adminId: number = (await m.query(`SELECT id FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1`))[0].id;
  // yesterday 09:00 Moscow to tomorrow 18:00 Moscow
  const today = new Date(Math.floor((now.getTime() + 3 * 3600_000) / DAY) * DAY - 3 * 3600_000);
  const startsAt = new Date(today.getTime() - DAY + 9 * 3600_000);
  const endsAt = new Date(today.getTime() + DAY + 18 * 3600_000);
  const event = await m.save(m.create(Event, {
    slug: 'pediatrics-as-art-2026',
    name: 'Педиатрия как искусство — 2026',
    description: 'Ежегодный конгресс детских врачей Подмосковья и соседних регионов: клинические разборы, школы для участковых педиатров и церемония вручения премий конкурса «Педиатрия как искусство». Участие очное или онлайн.',
    startsAt, endsAt, format: 'hybrid',
    venue: 'Красногорск, бульвар Строителей, 1, конгресс-холл',
    joinUrl: 'https://example.org/live/pediatrics-as-art-2026',
    capacity: DEMO_SPLIT.seated,
    registrationOpensAt: new Date(startsAt.getTime() - 45 * DAY), registrationClosesAt: endsAt,
    participantTypes: [
      { type: 'doctor', colour: DEFAULT_TYPE_COLOURS.doctor, selfService: true },
      { type: 'speaker', colour: DEFAULT_TYPE_COLOURS.speaker, selfService: false },
      { type: 'guest', colour: DEFAULT_TYPE_COLOURS.guest, selfService: true },
      { type: 'press', colour: DEFAULT_TYPE_COLOURS.press, selfService: true },
      { type: 'laureate', colour: DEFAULT_TYPE_COLOURS.laureate, selfService: false },
      { type: 'organiser', colour: DEFAULT_TYPE_COLOURS.organiser, selfService: false },
    ],
    requiredFields: ['organisation', 'position', 'region'],
    consentText: 'Я даю согласие Министерству здравоохранения Московской области на обработку моих персональных данных (фамилия, имя, отчество, адрес электронной почты, телефон, место работы, должность, специальность, регион и муниципалитет) для регистрации на мероприятие, изготовления бейджа, допуска на площадку и выдачи сертификата участника. Согласие действует до окончания года проведения мероприятия и может быть отозвано письменным заявлением.',
    cycleId: ceremonyOfCycleId,
    published: true,
  }));

  const municipalities = new Map<string, number>((await m.query(`SELECT id, name FROM municipality`)).map((r: { id: number; name: string }) => [r.name, r.id]));
  const order = [
    ...Array<string>(DEMO_SPLIT.seated).fill(REGISTRATION_MOVES.seat.to),
    ...Array<string>(DEMO_SPLIT.waiting).fill(REGISTRATION_MOVES.queue.to),
    ...Array<string>(DEMO_SPLIT.cancelled).fill(REGISTRATION_MOVES.cancel.to),
    ...Array<string>(DEMO_SPLIT.pending).fill(REGISTRATION_INITIAL.selfService),
  ];
  let lastNumber = 0;
  const rows = DEMO_ATTENDEES.map(([lastName, firstName, patronymic, participantType, organisation, position, region, municipality], i) => {
    const status = order[i] as Registration['status'];
    const registeredAt = new Date(startsAt.getTime() - (40 - i * 0.6) * DAY);
    const numbered = status === REGISTRATION_MOVES.seat.to || status === REGISTRATION_MOVES.queue.to;
    const ours = region === '' ? municipalities.get(municipality) ?? null : null;
    return {
      eventId: event.id, status, number: numbered ? ++lastNumber : null, badgeCode: numbered ? crypto.randomBytes(12).toString('base64url') : null,
      lastName, firstName, patronymic, email: `congress2026.${String(i + 1).padStart(2, '0')}@example.org`, phone: `+7 916 ${String(100 + i).padStart(3, '0')}-${String(10 + i).padStart(2, '0')}-${String(20 + i).padStart(2, '0')}`,
      organisation, position, specialty: 'педиатрия', region: region || DEMO_REGION, municipalityId: ours, municipalityText: ours ? '' : municipality,
      participantType, language: 'ru', tokenHash: hashRegistrationToken(crypto.randomBytes(24).toString('base64url')), consentAt: registeredAt, createdAt: registeredAt,
      confirmedAt: numbered ? new Date(registeredAt.getTime() + 20 * MINUTE) : null,
      waitingSince: status === REGISTRATION_MOVES.queue.to ? new Date(registeredAt.getTime() + 20 * MINUTE) : null,
      cancelledAt: status === REGISTRATION_MOVES.cancel.to ? new Date(registeredAt.getTime() + 2 * DAY) : null,
    };
  });
  const inserted = await m.insert(Registration, rows);
  await m.update(Event, { id: event.id }, { lastNumber });

  // a laureate of the published award, invited by the organisers: the invitation waits for their answer
  const [laureate] = await m.query(
    `SELECT n.id, ne.last_name, ne.first_name, ne.patronymic, ne.institution, ne.position, n.municipality_id
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id
      WHERE n.cycle_id = $1 AND ${statusIn('awarded')} ORDER BY n.place, n.id LIMIT 1`,
    [laureatesOfCycleId],
  );
  if (laureate) {
    await m.insert(Registration, {
      eventId: event.id, status: REGISTRATION_INITIAL.invitation, lastName: laureate.last_name, firstName: laureate.first_name, patronymic: laureate.patronymic,
      email: 'congress2026.laureate@example.org', organisation: laureate.institution ?? '', position: laureate.position ?? '', specialty: 'педиатрия',
      region: DEMO_REGION, municipalityId: laureate.municipality_id, participantType: 'laureate', language: 'ru',
      tokenHash: hashRegistrationToken(crypto.randomBytes(24).toString('base64url')), consentAt: new Date(startsAt.getTime() - 5 * DAY),
      createdAt: new Date(startsAt.getTime() - 5 * DAY), nominationId: laureate.id, invitedById: adminId,
    });
  }

  const registrar = await m.save(m.create(User, { email: DEMO_REGISTRAR.email, fullName: DEMO_REGISTRAR.fullName, role: 'registrar', passwordHash: await demoPasswordHash(m) }));
  await bindRegistrar(m, event.id, registrar.id, adminId);
  const fresh = (await m.findOne(Event, { where: { id: event.id } }))!;
  for (let i = 0; i < DEMO_CHECKED_IN; i++) {
    await checkIn(m, { kind: 'registrar', id: registrar.id }, fresh, inserted.identifiers[i].id as number, new Date(startsAt.getTime() - 20 * MINUTE + i * 3 * MINUTE));
  }
  return fresh;
}
