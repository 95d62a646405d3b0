import type { z } from 'zod';

/** A zod refinement of a date field that may not lie after `today` ("<label> mag niet in de toekomst liggen"). */
export const notInFuture = (today: string, label: string) => (v: string, ctx: z.RefinementCtx) => {
  if (v > today) ctx.addIssue({ code: 'custom', message: `${label} mag niet in de toekomst liggen` });
};
