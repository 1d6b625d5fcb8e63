import { z } from 'zod';
import { fields } from '../web/forms';
import type { Event, OptionalField, ParticipantType } from './event.entity';
import { PARTICIPANT_TYPES } from './event.entity';

/** «другой» in the municipality select: the person types a municipality of another region. */
export const OTHER_MUNICIPALITY = 'other';

const ticked = (v: unknown) => v === 'on' || v === '1' || v === 'true';

/** The types a person may pick on the public form (the others only by the organiser's invitation). */
export const selfServiceTypes = (event: Event): ParticipantType[] => event.participantTypes.filter((p) => p.selfService).map((p) => p.type);

/** The public registration form of one event: its self-service types, its required fields, the consent. */
export function registrationSchema(event: Event, municipalityIds: number[]) {
  const required = new Set<OptionalField>(event.requiredFields);
  const types = selfServiceTypes(event);
  const text = (field: OptionalField, max: number) => (required.has(field) ? fields.requiredText(max) : fields.optionalText(max));
  return z
    .object({
      lastName: fields.requiredText(100),
      firstName: fields.requiredText(100),
      patronymic: fields.optionalText(100),
      email: fields.email(),
      phone: text('phone', 40).refine((p) => p === '' || /^[+\d][\d\s()\-]{4,38}$/.test(p), 'events.validation.phone'),
      organisation: text('organisation', 300),
      position: text('position', 200),
      specialty: text('specialty', 200),
      region: text('region', 200),
      municipality: z.string().optional().default(''),
      municipalityText: fields.optionalText(200),
      participantType: z.string({ error: 'events.validation.chooseType' }).refine((t) => (types as string[]).includes(t), 'events.validation.chooseType'),
      consent: z.unknown().optional().refine(ticked, 'events.validation.consent'),
    })
    .transform((v, ctx) => {
      let municipalityId: number | null = null;
      let municipalityText = '';
      if (v.municipality === OTHER_MUNICIPALITY) municipalityText = v.municipalityText;
      else if (v.municipality !== '') {
        const id = Number(v.municipality);
        if (!municipalityIds.includes(id)) ctx.addIssue({ code: 'custom', path: ['municipality'], message: 'validation.invalid' });
        municipalityId = id;
      }
      if (required.has('municipality') && municipalityId === null && !municipalityText) {
        ctx.addIssue({ code: 'custom', path: [v.municipality === OTHER_MUNICIPALITY ? 'municipalityText' : 'municipality'], message: 'validation.required' });
      }
      return {
        lastName: v.lastName, firstName: v.firstName, patronymic: v.patronymic, email: v.email, phone: v.phone, organisation: v.organisation,
        position: v.position, specialty: v.specialty, region: v.region, municipalityId, municipalityText,
        participantType: v.participantType as ParticipantType,
      };
    });
}

export type RegistrationInput = z.output<ReturnType<typeof registrationSchema>>;

/** The organiser's invitation of one person: any type the event admits, the address, the name. */
export function invitationSchema(event: Event) {
  const admitted = event.participantTypes.map((p) => p.type as string);
  return z.object({
    lastName: fields.requiredText(100),
    firstName: fields.requiredText(100),
    patronymic: fields.optionalText(100),
    email: fields.email(),
    organisation: fields.optionalText(300),
    position: fields.optionalText(200),
    participantType: z.string({ error: 'events.validation.chooseType' }).refine((t) => admitted.includes(t), 'events.validation.chooseType').transform((t) => t as ParticipantType),
  });
}

export type InvitationInput = z.output<ReturnType<typeof invitationSchema>>;

/** The type select: the event's admitted types (only the self-service ones on the public form), with the choice. */
export function typeChoices(event: Event, chosen: unknown, selfServiceOnly: boolean) {
  const types = selfServiceOnly ? selfServiceTypes(event) : event.participantTypes.map((p) => p.type);
  return PARTICIPANT_TYPES.filter((t) => types.includes(t)).map((t) => ({ value: t, labelKey: `events.types.${t}`, selected: chosen === t }));
}
