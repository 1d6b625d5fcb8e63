import { z } from 'zod';
import { fields } from '../web/forms';
import { fromLocalInput } from '../web/zoned-time';

/** A change names the version of the page it was made on, so a stale page is refused (409), never applied. */
const version = () => fields.id();

/** «Закрепить место»: who, which track of the ranking, and why (the reason is required and audited). */
export const fixSchema = z.object({
  version: version(),
  nominationId: fields.id(),
  trackId: fields.id(),
  reason: fields.requiredText(1000),
});

/** Removing a fixed place needs a reason too: the audit log says why the admin changed their mind. */
export const unfixSchema = z.object({
  version: version(),
  nominationId: fields.id(),
  reason: fields.requiredText(1000),
});

/** «Утвердить распределение»: the confirmation deadline, read on the region's clocks. */
export function approveSchema(timeZone: string) {
  return z.object({
    version: version(),
    expiresAt: z.string({ error: 'validation.required' }).transform((value, ctx) => {
      const at = fromLocalInput(value, timeZone);
      if (at === null) ctx.addIssue({ code: 'custom', message: 'validation.required' });
      else if (at === undefined) ctx.addIssue({ code: 'custom', message: 'programmeAllocation.approve.badDeadline' });
      return at ?? z.NEVER;
    }),
  });
}
