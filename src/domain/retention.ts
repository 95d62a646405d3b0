// Retention (issue 20): how long each kind of record is kept, and whether a record is due for deletion on a
// date. Pure: "today" is a parameter. The rules are versioned and effective-dated like the rule set (the version
// in force on the day of the check applies); sources of the defaults in README.md "Retention".
import { addYears, format, parseISO, subDays, subYears } from 'date-fns';
import { z } from 'zod';
import { assertDate } from './dates.js';

/** The kinds of record with a retention term. DOCUMENTS go with their dossier. */
export const RETENTION_KINDS = ['DOSSIER', 'DOCUMENTS', 'AUDIT_LOG', 'SIGN_IN', 'SESSIONS', 'IMPORT_DRAFTS', 'REJECTED_PROVIDER_REPORTS'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export const RETENTION_KIND_LABELS: Record<RetentionKind, string> = {
  DOSSIER: 'Dossier van de inburgeraar (persoonsgegevens, vrije tekst, brieven)',
  DOCUMENTS: 'Documenten en hun bestanden',
  AUDIT_LOG: 'Auditlog (wie wat wanneer bekeek of wijzigde)',
  SIGN_IN: 'Inlogregistraties (inloggen, uitloggen, sessies beëindigd)',
  SESSIONS: 'Verlopen sessies',
  IMPORT_DRAFTS: 'Concepten van uren-imports',
  REJECTED_PROVIDER_REPORTS: 'Afgewezen meldingen van aanbieders',
};

/** The closing reasons whose term differs by law; a closing reason is a code of src/db/closures.ts. */
export const DUO_WITHDRAWN = 'DUO_WITHDRAWN';

export interface RetentionRules {
  /** The dossier as a whole: years after the closure. */
  dossierYears: number;
  /** Per closing reason where the term differs (0: due at once after closure). */
  dossierYearsByReason: Record<string, number>;
  /** Audit rows: years after they were written (the tombstones of deletions are kept). */
  auditYears: number;
  /** Sign-in records (audit rows of the activity "toegang"): days after they were written. */
  signInDays: number;
  /** Expired sessions: days after they expired. */
  sessionDays: number;
  /** Hour-import drafts: days after they were made. */
  importDraftDays: number;
  /** Provider reports that were rejected: days after the rejection. */
  rejectedProviderReportDays: number;
}

/**
 * Defaults. The dossier: 5 years after the closure (the Wet inburgering 2021's term, which goes before the 10
 * years of the Selectielijst gemeenten 2020, proces 8.1); a DUO withdrawal (correctiesignaal): at once. The other
 * terms are product defaults for the municipality to set.
 */
export const DEFAULT_RETENTION_RULES: RetentionRules = {
  dossierYears: 5,
  dossierYearsByReason: { [DUO_WITHDRAWN]: 0 },
  auditYears: 7,
  signInDays: 180,
  sessionDays: 1,
  importDraftDays: 30,
  rejectedProviderReportDays: 30,
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const whole = (what: string, max: number, min = 0) =>
  z.coerce
    .number({ error: `Vul ${what} in als een getal` })
    .int({ error: `Vul ${what} in als een heel getal` })
    .min(min, { error: `${cap(what)} is minimaal ${min}` })
    .max(max, { error: `${cap(what)} is hoogstens ${max}` });

export const retentionRulesSchema = z.object({
  dossierYears: whole('de bewaartermijn van het dossier (jaren)', 100),
  dossierYearsByReason: z.record(z.string(), whole('de bewaartermijn bij deze reden (jaren)', 100)).default({}),
  auditYears: whole('de bewaartermijn van de auditlog (jaren)', 100, 1),
  signInDays: whole('de bewaartermijn van inlogregistraties (dagen)', 3650, 1),
  sessionDays: whole('de bewaartermijn van verlopen sessies (dagen)', 365),
  importDraftDays: whole('de bewaartermijn van importconcepten (dagen)', 365),
  rejectedProviderReportDays: whole('de bewaartermijn van afgewezen meldingen (dagen)', 3650),
});

export interface RetentionVersion {
  id: number;
  effectiveFrom: string;
  rules: RetentionRules;
}

/** The rules in force on `date`: the latest version effective on or before it; the defaults before any. */
export function retentionRulesInForce(versions: readonly RetentionVersion[], date: string): { rules: RetentionRules; versionId: number | null } {
  assertDate('date', 'Datum', date);
  let best: RetentionVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= date && (!best || v.effectiveFrom >= best.effectiveFrom)) best = v;
  return best ? { rules: best.rules, versionId: best.id } : { rules: DEFAULT_RETENTION_RULES, versionId: null };
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

export interface DossierFacts {
  closedOn: string | null;
  closureReason: string | null;
  /** An active legal hold (bezwaar, beroep, inspectie). */
  onHold: boolean;
  /** Already anonymised. */
  anonymisedOn: string | null;
}

export interface DossierRetention {
  /** Due for deletion on `today` (closed, term passed, no hold, not yet done). */
  due: boolean;
  /** The first day the dossier may be deleted (null while open). */
  dueOn: string | null;
  years: number | null;
  /** The term comes from the closing reason (e.g. a DUO withdrawal). */
  byReason: boolean;
  held: boolean;
}

/** The years a dossier closed with `reason` is kept. */
export function dossierYears(rules: RetentionRules, reason: string | null): { years: number; byReason: boolean } {
  const own = reason ? rules.dossierYearsByReason[reason] : undefined;
  return own === undefined ? { years: rules.dossierYears, byReason: false } : { years: own, byReason: true };
}

/**
 * Whether a dossier is due on `today`: it is due from the day `years` after the closure (a dossier closed on
 * 2020-03-01 with 5 years is due on 2025-03-01, not on 2025-02-28). A hold stops it; an open dossier never is.
 */
export function dossierRetention(rules: RetentionRules, d: DossierFacts, today: string): DossierRetention {
  assertDate('today', 'Datum', today);
  if (!d.closedOn) return { due: false, dueOn: null, years: null, byReason: false, held: d.onHold };
  assertDate('closedOn', 'Datum van afsluiten', d.closedOn);
  const { years, byReason } = dossierYears(rules, d.closureReason);
  const dueOn = iso(addYears(parseISO(d.closedOn), years));
  return { due: !d.anonymisedOn && !d.onHold && dueOn <= today, dueOn, years, byReason, held: d.onHold };
}

/**
 * The cut-off of a kind kept for a time after the record's own date: records dated (or expired) before the
 * returned date are due on `today`; a record from exactly the term ago is kept until the next day.
 */
export function cutoffOf(rules: RetentionRules, kind: Exclude<RetentionKind, 'DOSSIER' | 'DOCUMENTS'>, today: string): string {
  assertDate('today', 'Datum', today);
  const t = parseISO(today);
  switch (kind) {
    case 'AUDIT_LOG':
      return iso(subYears(t, rules.auditYears));
    case 'SIGN_IN':
      return iso(subDays(t, rules.signInDays));
    case 'SESSIONS':
      return iso(subDays(t, rules.sessionDays));
    case 'IMPORT_DRAFTS':
      return iso(subDays(t, rules.importDraftDays));
    case 'REJECTED_PROVIDER_REPORTS':
      return iso(subDays(t, rules.rejectedProviderReportDays));
  }
}

/** The rule in words, for the batch and the tombstone ("dossier 5 jaar na afsluiting, versie 3"). */
export function describeRule(kind: RetentionKind, rules: RetentionRules, versionId: number | null, reason: string | null = null): string {
  const version = versionId === null ? 'standaardtermijnen' : `bewaarregels versie ${versionId}`;
  switch (kind) {
    case 'DOSSIER':
    case 'DOCUMENTS': {
      const { years, byReason } = dossierYears(rules, reason);
      const term = years === 0 ? 'direct na afsluiting' : `${years} jaar na afsluiting`;
      return `Dossier: ${term}${byReason && reason === DUO_WITHDRAWN ? ' (ingetrokken door DUO)' : byReason ? ' (eigen termijn bij deze reden)' : ''}; ${version}`;
    }
    case 'AUDIT_LOG':
      return `Auditlog: ${rules.auditYears} jaar; ${version}`;
    case 'SIGN_IN':
      return `Inlogregistraties: ${rules.signInDays} dagen; ${version}`;
    case 'SESSIONS':
      return `Verlopen sessies: ${rules.sessionDays} dagen na verlopen; ${version}`;
    case 'IMPORT_DRAFTS':
      return `Importconcepten: ${rules.importDraftDays} dagen; ${version}`;
    case 'REJECTED_PROVIDER_REPORTS':
      return `Afgewezen meldingen van aanbieders: ${rules.rejectedProviderReportDays} dagen; ${version}`;
  }
}

/**
 * Scrubs a JSON value of free text: numbers, booleans, codes (CAPITALS_AND_DIGITS) and dates stay, every other
 * string becomes ''. For JSON columns whose structure the figures read (decision data, PIP content).
 */
export function scrubJson(value: unknown): unknown {
  if (typeof value === 'string') return /^[A-Z0-9_]{1,40}$/.test(value) || /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(value) ? value : '';
  if (Array.isArray(value)) return value.map(scrubJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v)]));
  return value;
}
