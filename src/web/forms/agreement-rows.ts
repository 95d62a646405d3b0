// The agreement rows of a form (agreement_0_description, agreement_0_owner, agreement_0_due, …), shared by the
// voortgangsgesprek, the pre-eindgesprek (afsprakenplan), the case meeting and the agreements page.
import { AGREEMENT_OWNERS, type AgreementInput, type AgreementOwner, type AgreementRows } from '../../app/agreements.js';
import type { Parsed } from '../../app/result.js';
import { type FieldErrors, normaliseDate } from '../validation.js';

const isOwner = (v: string): v is AgreementOwner => (AGREEMENT_OWNERS as readonly string[]).includes(v);

/**
 * Agreement rows of a form: empty rows ignored, partial rows refused. `earliest` is the first allowed due date
 * (the date of the conversation or meeting, or today).
 */
export function parseAgreementRows(body: Record<string, unknown>, count: number, earliest: string): AgreementRows {
  const rows: AgreementInput[] = [];
  const errors: FieldErrors = {};
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  for (let i = 0; i < count; i++) {
    const description = str(`agreement_${i}_description`);
    const owner = str(`agreement_${i}_owner`);
    const due = str(`agreement_${i}_due`);
    if (!description && !owner && !due) continue;
    const n = i + 1;
    if (!description) errors[`agreement_${i}_description`] = `Afspraak ${n}: vul in wat er is afgesproken`;
    else if (description.length > 1000) errors[`agreement_${i}_description`] = `Afspraak ${n}: maximaal 1000 tekens`;
    if (!isOwner(owner)) errors[`agreement_${i}_owner`] = `Afspraak ${n}: kies wie het doet`;
    const dueOn = due ? normaliseDate(due) : null;
    if (!due) errors[`agreement_${i}_due`] = `Afspraak ${n}: vul de datum in waarop het klaar moet zijn`;
    else if (!dueOn) errors[`agreement_${i}_due`] = `Afspraak ${n}: de datum is geen geldige datum (bijvoorbeeld 31-12-2026)`;
    else if (dueOn < earliest) errors[`agreement_${i}_due`] = `Afspraak ${n}: de datum mag niet voor de gespreksdatum liggen`;
    if (description && dueOn && dueOn >= earliest && isOwner(owner)) rows.push({ description, owner, dueOn });
  }
  return { rows, errors };
}

/** The one agreement row of the agreements page: required, due today or later. */
export function parseOneAgreement(body: Record<string, unknown>, today: string): Parsed<AgreementInput> {
  const { rows, errors } = parseAgreementRows(body, 1, today);
  if (!rows.length && !Object.keys(errors).length) errors.agreement_0_description = 'Afspraak 1: vul in wat er is afgesproken';
  return Object.keys(errors).length || !rows[0] ? { ok: false, errors } : { ok: true, data: rows[0] };
}
