import { z } from 'zod';
import { fields } from '../web/forms';
import { fromLocalInput, toLocalInput } from '../web/zoned-time';
import { integer } from '../cycles/cycle-forms';
import { EVENT_FORMATS, OPTIONAL_FIELDS, PARTICIPANT_TYPES, type Event, type EventParticipantType, type ParticipantType } from './event.entity';

/** Badge colours a new event starts with, one per type (the organiser may change each). */
export const DEFAULT_TYPE_COLOURS: Record<ParticipantType, string> = {
  doctor: '#1f6fb2', speaker: '#b23a1f', guest: '#3a8f3a', press: '#7a3ab2', laureate: '#c49a00', organiser: '#444444',
};
/** Types a person may not pick on the form by default: the organiser invites to them. */
const INVITE_ONLY_BY_DEFAULT: readonly ParticipantType[] = ['speaker', 'laureate', 'organiser'];

/** A datetime-local value on the region's clocks; required. */
const when = (timeZone: string) =>
  z.string({ error: 'validation.required' }).transform((value, ctx) => {
    const at = fromLocalInput(value, timeZone);
    if (!at) {
      ctx.addIssue({ code: 'custom', message: at === null ? 'validation.required' : 'events.validation.dateTime' });
      return z.NEVER;
    }
    return at;
  });

const ticked = (v: unknown) => v === 'on' || v === '1' || v === 'true' || (Array.isArray(v) && v.length > 0);
const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

const typeShape = Object.fromEntries(
  PARTICIPANT_TYPES.flatMap((t) => [
    [`type_${t}_admitted`, z.unknown().optional().transform(ticked)],
    [`type_${t}_colour`, z.string().optional().default('').refine((c) => c === '' || /^#[0-9a-fA-F]{6}$/.test(c), 'events.validation.colour')],
    [`type_${t}_mode`, z.enum(['self', 'invite'], { error: 'events.validation.choose' }).optional().default('self')],
  ]),
) as Record<string, z.ZodType>;

export function eventSchema(timeZone: string) {
  return z
    .object({
      name: fields.requiredText(200),
      slug: z
        .string()
        .optional()
        .default('')
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => s === '' || /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/.test(s), 'events.validation.slug'),
      description: fields.optionalText(10000),
      startsAt: when(timeZone),
      endsAt: when(timeZone),
      format: z.enum(EVENT_FORMATS, { error: 'events.validation.choose' }),
      venue: fields.optionalText(500),
      joinUrl: fields.optionalText(1000).refine((u) => u === '' || isWebAddress(u), 'events.validation.url'),
      capacity: integer(1, 1_000_000).pipe(z.number()),
      registrationOpensAt: when(timeZone),
      registrationClosesAt: when(timeZone),
      requiredFields: z.preprocess(listOf, z.array(z.enum(OPTIONAL_FIELDS, { error: 'validation.invalid' }))),
      consentText: fields.requiredText(20000),
      cycleId: fields.optionalId(),
      published: z.unknown().optional().transform(ticked),
      ...typeShape,
    })
    .transform((v) => {
      const byName = v as Record<string, unknown>;
      const participantTypes: EventParticipantType[] = PARTICIPANT_TYPES.filter((t) => byName[`type_${t}_admitted`]).map((t) => ({
        type: t,
        colour: ((byName[`type_${t}_colour`] as string) || DEFAULT_TYPE_COLOURS[t]).toLowerCase(),
        selfService: byName[`type_${t}_mode`] === 'self',
      }));
      return {
        name: v.name, slug: v.slug, description: v.description, startsAt: v.startsAt, endsAt: v.endsAt, format: v.format,
        venue: v.venue, joinUrl: v.joinUrl, capacity: v.capacity, registrationOpensAt: v.registrationOpensAt,
        registrationClosesAt: v.registrationClosesAt, requiredFields: [...new Set(v.requiredFields)], consentText: v.consentText,
        cycleId: v.cycleId ?? null, published: v.published as boolean, participantTypes,
      };
    })
    .superRefine((e, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (e.endsAt < e.startsAt) issue('endsAt', 'events.validation.endsBeforeStarts');
      if (e.registrationClosesAt <= e.registrationOpensAt) issue('registrationClosesAt', 'events.validation.closesBeforeOpens');
      if (e.registrationClosesAt > e.endsAt) issue('registrationClosesAt', 'events.validation.closesAfterEnd');
      if (e.format !== 'online' && !e.venue) issue('venue', 'events.validation.venueRequired');
      if (e.format !== 'in_person' && e.published && !e.joinUrl) issue('joinUrl', 'events.validation.joinUrlRequired');
      if (!e.participantTypes.length) issue('participantTypes', 'events.validation.noTypes');
    });
}

export type EventInput = z.output<ReturnType<typeof eventSchema>>;

function isWebAddress(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A slug from a name: Russian letters transliterated, the rest dashes (the admin may type their own). */
export function slugFromName(name: string): string {
  const map: Record<string, string> = {
    а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
    п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  };
  const latin = [...name.toLowerCase()].map((c) => map[c] ?? c).join('');
  return latin.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'event';
}

/** A new event's form: in person, every type admitted with its default colour, the consent text prefilled. */
export function newEventValues(consentText: string): Record<string, unknown> {
  const values: Record<string, unknown> = { format: 'in_person', capacity: 100, requiredFields: [], consentText };
  for (const t of PARTICIPANT_TYPES) {
    values[`type_${t}_admitted`] = 'on';
    values[`type_${t}_colour`] = DEFAULT_TYPE_COLOURS[t];
    values[`type_${t}_mode`] = INVITE_ONLY_BY_DEFAULT.includes(t) ? 'invite' : 'self';
  }
  return values;
}

export function eventFormValues(e: Event, timeZone: string): Record<string, unknown> {
  const values: Record<string, unknown> = {
    name: e.name, slug: e.slug, description: e.description, startsAt: toLocalInput(e.startsAt, timeZone), endsAt: toLocalInput(e.endsAt, timeZone),
    format: e.format, venue: e.venue, joinUrl: e.joinUrl, capacity: e.capacity, registrationOpensAt: toLocalInput(e.registrationOpensAt, timeZone),
    registrationClosesAt: toLocalInput(e.registrationClosesAt, timeZone), requiredFields: e.requiredFields, consentText: e.consentText,
    cycleId: e.cycleId ?? '', published: e.published ? 'on' : '',
  };
  for (const t of PARTICIPANT_TYPES) {
    const admitted = e.participantTypes.find((p) => p.type === t);
    values[`type_${t}_admitted`] = admitted ? 'on' : '';
    values[`type_${t}_colour`] = admitted?.colour ?? DEFAULT_TYPE_COLOURS[t];
    values[`type_${t}_mode`] = admitted ? (admitted.selfService ? 'self' : 'invite') : INVITE_ONLY_BY_DEFAULT.includes(t) ? 'invite' : 'self';
  }
  return values;
}

/** The selects, radios and checkboxes of the event form with what was chosen. */
export function eventChoices(values: Record<string, unknown>, cycles: Array<{ id: number; name: string }>) {
  const required = listOf(values.requiredFields);
  return {
    formats: EVENT_FORMATS.map((f) => ({ value: f, labelKey: `events.formats.${f}`, selected: values.format === f })),
    types: PARTICIPANT_TYPES.map((t) => ({
      type: t,
      labelKey: `events.types.${t}`,
      admitted: ticked(values[`type_${t}_admitted`]),
      colour: values[`type_${t}_colour`] || DEFAULT_TYPE_COLOURS[t],
      self: values[`type_${t}_mode`] !== 'invite',
    })),
    optionalFields: OPTIONAL_FIELDS.map((f) => ({ value: f, labelKey: `events.fields.${f}`, checked: required.includes(f) })),
    cycles: cycles.map((c) => ({ id: c.id, name: c.name, selected: String(values.cycleId ?? '') === String(c.id) })),
    publishedChecked: ticked(values.published),
  };
}
