import { hoursCondition, doneCondition, result } from './conditions.js';
import { DomainInputError, formatHours } from './errors.js';
import type { EligibilityResult, InstrumentUse, ProgressSnapshot, Route, ZRouteRules } from './types.js';

/** Z-route rules of the Rotterdam leidraad (seed 000); an admin can change them per rule set version. */
export const DEFAULT_Z_ROUTE_RULES: ZRouteRules = {
  preEnd: { minLanguageHours: 400, advisedLanguageHours: 600, minParticipationHours: 300 },
  end: { languageHours: 800, participationHours: 800 },
  maxSubstitutionHours: 200,
  guidanceConversationHours: 30,
  instruments: [
    { code: 'RTS', name: 'Rotterdamse Taalstart', fullHours: 160 },
    { code: 'SIR_FYSIEK', name: 'Starten in Rotterdam pakket 2 (fysiek)', fullHours: 80 },
    { code: 'SIR_ONLINE', name: 'Starten in Rotterdam pakket 3 (online)', fullHours: 54 },
    { code: 'WMO', name: 'WMO-instrument', fullHours: null },
  ],
};

const ROUTE_NAMES: Record<Route, string> = { B1: 'B1-route', ONDERWIJS: 'onderwijsroute', Z: 'Z-route' };

/** Throws unless n is a finite number >= 0. */
export function assertHours(field: string, label: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new DomainInputError(field, `${label}: vul een geldig aantal uren in (nu: ${String(n)}).`);
  }
  if (n < 0) {
    throw new DomainInputError(field, `${label}: het aantal uren mag niet negatief zijn (nu: ${formatHours(n)}).`);
  }
}

/** Throws unless S is a valid substitution for this route and these rules. */
export function assertSubstitution(route: Route, substitutionHours: unknown, rules: ZRouteRules): number {
  assertHours('substitutionHours', 'Substitutie-uren', substitutionHours);
  if (substitutionHours > 0 && route !== 'Z') {
    throw new DomainInputError(
      'substitutionHours',
      `Substitutie-uren: substitutie kan alleen in de Z-route, deze klant volgt de ${ROUTE_NAMES[route]}.`,
    );
  }
  if (substitutionHours > rules.maxSubstitutionHours) {
    throw new DomainInputError(
      'substitutionHours',
      `Substitutie-uren: maximaal ${formatHours(rules.maxSubstitutionHours)} uur taal kan worden vervangen door gewerkte uren (nu: ${formatHours(substitutionHours)}).`,
    );
  }
  return substitutionHours;
}

/** Hours an instrument contributes to participation: 0 when not counted; pro rata rounded down for fullHours instruments. */
function instrumentHours(use: InstrumentUse, index: number, rules: ZRouteRules): number {
  const field = `instruments[${index}]`;
  const def = rules.instruments.find((i) => i.code === use.code);
  if (!def) {
    const known = rules.instruments.map((i) => i.code).join(', ');
    throw new DomainInputError(
      `${field}.code`,
      `Instrument: onbekende code '${String(use.code)}'. Bekende codes: ${known}.`,
    );
  }
  if (use.attendancePct !== undefined) {
    const pct = use.attendancePct;
    if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
      throw new DomainInputError(
        `${field}.attendancePct`,
        `Aanwezigheidspercentage van ${def.name}: vul een percentage van 0 tot en met 100 in (nu: ${String(pct)}).`,
      );
    }
  }
  if (use.hours !== undefined) {
    assertHours(`${field}.hours`, `Uren van ${def.name}`, use.hours);
  }
  if (def.fullHours !== null) {
    if (use.hours !== undefined) {
      throw new DomainInputError(
        `${field}.hours`,
        `${def.name}: vul het aanwezigheidspercentage uit het eindrapport in, geen uren; de uren worden daaruit berekend.`,
      );
    }
    if (!use.counted) return 0;
    if (use.attendancePct === undefined) {
      throw new DomainInputError(
        `${field}.attendancePct`,
        `Aanwezigheidspercentage van ${def.name} ontbreekt: vul het percentage uit het eindrapport in.`,
      );
    }
    // Multiply first: pct / 100 * fullHours can land just below a whole number (0.29 * 100 = 28.999...).
    return Math.floor((use.attendancePct * def.fullHours) / 100);
  }
  if (use.attendancePct !== undefined) {
    throw new DomainInputError(
      `${field}.attendancePct`,
      `${def.name}: vul de gevolgde uren in, geen aanwezigheidspercentage.`,
    );
  }
  if (!use.counted) return 0;
  if (use.hours === undefined) {
    throw new DomainInputError(`${field}.hours`, `Uren van ${def.name} ontbreken: vul de gevolgde uren in.`);
  }
  return use.hours;
}

function validateSnapshot(s: ProgressSnapshot, rules: ZRouteRules): void {
  assertHours('languageHours', 'Taalles-uren', s.languageHours);
  assertHours('participationHours', 'Participatie-uren', s.participationHours);
  assertHours('paidWorkHours', 'Uren betaald werk', s.paidWorkHours);
  assertSubstitution(s.route, s.substitutionHours, rules);
  if (!Array.isArray(s.instruments)) {
    throw new DomainInputError('instruments', 'Instrumenten: geef een lijst, eventueel leeg.');
  }
}

function sumParticipation(s: ProgressSnapshot, rules: ZRouteRules): number {
  const instruments = s.instruments.reduce((sum, use, i) => sum + instrumentHours(use, i, rules), 0);
  const guidance = s.countGuidanceConversations ? rules.guidanceConversationHours : 0;
  return s.participationHours + s.paidWorkHours + instruments + guidance;
}

/**
 * Participation hours that count for the Z-route norm: activities (MAP included), paid work,
 * the instruments the consulent decided to count, and the flat hours for guidance conversations
 * when the consulent decided so (seed 000, footnote 2).
 */
export function participationTotal(s: ProgressSnapshot, rules: ZRouteRules = DEFAULT_Z_ROUTE_RULES): number {
  validateSnapshot(s, rules);
  return sumParticipation(s, rules);
}

function assertZRoute(s: ProgressSnapshot, what: string): void {
  if (s.route !== 'Z') {
    const name = ROUTE_NAMES[s.route] ?? String(s.route);
    throw new DomainInputError(
      'route',
      `Route: de voorwaarden voor het ${what} gelden alleen voor de Z-route; deze klant volgt de ${name}.`,
    );
  }
}

/** Conditions to invite a Z-route client for the pre-eindgesprek (seed 000, "Voorwaarden voor oproep pre-eindgesprek"). */
export function checkPreEndConversation(
  s: ProgressSnapshot,
  rules: ZRouteRules = DEFAULT_Z_ROUTE_RULES,
): EligibilityResult {
  assertZRoute(s, 'pre-eindgesprek');
  validateSnapshot(s, rules);
  const { minLanguageHours, advisedLanguageHours, minParticipationHours } = rules.preEnd;
  const language = hoursCondition('LANGUAGE_HOURS', 'taalles', s.languageHours, minLanguageHours);
  const notes: string[] = [];
  if (language.met && s.languageHours < advisedLanguageHours) {
    notes.push(
      `De klant heeft ${formatHours(s.languageHours)} uur taalles gevolgd. Dat is genoeg voor de uitnodiging, maar vroeg: de leidraad noemt ${formatHours(minLanguageHours)} tot ${formatHours(advisedLanguageHours)} uur.`,
    );
  }
  return result(
    [
      language,
      hoursCondition('PARTICIPATION_HOURS', 'participatie', sumParticipation(s, rules), minParticipationHours),
      doneCondition('PVT', 'PVT', s.pvtCompleted),
    ],
    notes,
  );
}

/** Conditions for the eindgesprek of the Z-route (seed 000, "Eindgesprek"), with substitution S for paid work. */
export function checkEndConversation(
  s: ProgressSnapshot,
  rules: ZRouteRules = DEFAULT_Z_ROUTE_RULES,
): EligibilityResult {
  assertZRoute(s, 'eindgesprek');
  validateSnapshot(s, rules);
  const sub = s.substitutionHours;
  const conditions = [
    hoursCondition('LANGUAGE_HOURS', 'taalles', s.languageHours, rules.end.languageHours - sub),
    doneCondition('KNM', 'KNM', s.knmCompleted),
    hoursCondition('PARTICIPATION_HOURS', 'participatie', sumParticipation(s, rules), rules.end.participationHours + sub),
  ];
  if (sub > 0) {
    conditions.push(hoursCondition('PAID_WORK_HOURS', 'betaald werk', s.paidWorkHours, sub));
  }
  conditions.push(doneCondition('MAP', 'MAP', s.mapCompleted), doneCondition('PVT', 'PVT', s.pvtCompleted));
  return result(conditions);
}
