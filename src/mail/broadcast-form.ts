import { z } from 'zod';
import { fields } from '../web/forms';
import { GROUP_VALUE, parseGroup, type BroadcastGroup, type GroupOption } from './broadcast';

/** The broadcast form: a group of the cycle, a one-line subject, a plain-text body. */
export const broadcastSchema = z.object({
  group: z
    .string({ error: 'broadcast.validation.group' })
    .regex(GROUP_VALUE, 'broadcast.validation.group')
    .transform((value) => parseGroup(value) as BroadcastGroup),
  // a subject is one line: a line break would be a header of its own
  subject: fields.requiredText(200).regex(/^[^\r\n]*$/, 'validation.invalid'),
  body: fields.requiredText(10_000).transform((body) => body.replace(/\r\n?/g, '\n')),
});

/** Sending carries what the preview showed, and the key the preview drew for it. */
export const sendSchema = broadcastSchema.extend({ sendKey: z.string({ error: 'validation.invalid' }).uuid('validation.invalid') });

/** The group choices as the form draws them, the submitted one selected. */
export const groupChoices = (groups: GroupOption[], selected: unknown) => groups.map((g) => ({ ...g, selected: g.value === selected }));
