import { z } from 'zod';
import { assertDate } from './dates.js';
import type { Route, ZRouteRules } from './types.js';
import { DEFAULT_Z_ROUTE_RULES } from './z-route.js';

export interface B1RouteRules {
  /** Minimum language lesson hours before exam parts may go to A2 (afschalen); seed 001 L3598-3600. */
  afschalenMinLanguageHours: number;
}

export interface OnderwijsRouteRules {
  languageHours: number;
  otherSubjectsHours: number;
}

export type Doelgroep = 'ASIELSTATUSHOUDER' | 'GEZINSMIGRANT' | 'OVERIGE_MIGRANT';

export interface GeneralRules {
  termijnMonths: number;
  pipDeadlineWeeks: number;
  pipDeadlineStart: 'INTAKE_START' | 'MUNICIPALITY_LINK';
  conversationIntervalMonths: Record<Doelgroep, number>;
  noHoursSignalWeeks: number;
  termijnEndingSignalMonths: number;
  forecastWindowWeeks: number;
  routeAdvice: { b1MinLeerbaarheidScore: number; onderwijsMaxAge: number };
  routeChangeMaxMonths: number;
  extensionFromMonths: number;
  absenceThresholdPct: Record<Route, number>;
  structuralPaidWorkWeeks: number;
  caseloadNorm: number;
  approvals: { routeDeviation: boolean; endWithoutConditions: boolean; instrumentCounting: boolean };
  /**
   * The no-contact signal: days without a reached contact with the client (or, for a new client, since the
   * registration) per doelgroep and per phase; the smaller of the two applies (seed 003 L2216-2218).
   */
  noContactDays: NoContactDays;
}

export interface NoContactDays {
  byDoelgroep: Record<Doelgroep, number>;
  /** Before the PIP is set (intake, route choice, PIP) and from then on (the trajectory itself). */
  byPhase: { beforePip: number; trajectory: number };
}

/** Milestones, appointments and the DUO worklist (issue 24); sources in README.md "Calendar". */
export interface CalendarRules {
  /** PVT completed within this many months of the PIP (seed 002 "ankerpunten"). */
  pvtMonths: number;
  /** MAP registered at the latest this many months after the PIP (seed 002: "tot 1,5 jaar na start"). */
  mapRegistrationLatestMonths: number;
  /** MAP completed within this many months of its registration (seed 002: "binnen maximaal 1 jaar na aanmelding"). */
  mapCompletionMonths: number;
  /** The thorough check in the first quarter of year 3: from this many months after the PIP … */
  year3CheckFromMonths: number;
  /** … up to this many months after the PIP. */
  year3CheckByMonths: number;
  /** Eindgesprek expected this many months after the pre-eindgesprek at the earliest … (seed 000: "6 tot 8 maanden") */
  endAfterPreEndFromMonths: number;
  /** … and at the latest. */
  endAfterPreEndByMonths: number;
  /** Minimum personal conversations in the first year after the PIP, per doelgroep (0 = no milestone). */
  year1Conversations: Record<Doelgroep, number>;
  /** No-shows in a row that raise a signal. */
  noShowSignalCount: number;
  /** An invitation to a conversation that can lead to enforcement goes out at least this many days ahead (seed 002). */
  invitationMinDays: number;
  /** A DUO ledger line not passed on after this many days is a signal on the team worklist. */
  duoSignalDays: number;
  /** A provider's report on a month or week is due this many days after the period's end (issue 17; seed 002). */
  providerReportDueDays: number;
}

/** Costs against budget (issue 21); sources in README.md "Costs against budget". */
export interface CostRules {
  /** Budget per learning route in whole euros, excluding the intake and the PIP (seed 003: about €10,000). */
  budgetEurosByRoute: Record<Route, number>;
  /** A warning from this per cent of the budget (exactly this per cent warns). */
  warnPct: number;
}

export interface RuleSet {
  z: ZRouteRules;
  b1: B1RouteRules;
  onderwijs: OnderwijsRouteRules;
  general: GeneralRules;
  calendar: CalendarRules;
  costs: CostRules;
}

export interface RuleSetVersion {
  id: number;
  effectiveFrom: string;
  rules: RuleSet;
}

/** Maximum score of DUO's leerbaarheidstoets (seed 002 L5749-5753). */
export const LEERBAARHEID_MAX_SCORE = 40;

/** Product default: 6 weeks everywhere; a municipality with intensive dual trajectories sets the trajectory to 14. */
export const DEFAULT_NO_CONTACT_DAYS: NoContactDays = {
  byDoelgroep: { ASIELSTATUSHOUDER: 42, GEZINSMIGRANT: 42, OVERIGE_MIGRANT: 42 },
  byPhase: { beforePip: 42, trajectory: 42 },
};

export const DEFAULT_GENERAL_RULES: GeneralRules = {
  termijnMonths: 36,
  pipDeadlineWeeks: 10,
  pipDeadlineStart: 'INTAKE_START',
  conversationIntervalMonths: { ASIELSTATUSHOUDER: 3, GEZINSMIGRANT: 4, OVERIGE_MIGRANT: 4 },
  noHoursSignalWeeks: 8,
  termijnEndingSignalMonths: 6,
  forecastWindowWeeks: 12,
  routeAdvice: { b1MinLeerbaarheidScore: 32, onderwijsMaxAge: 27 },
  routeChangeMaxMonths: 18,
  extensionFromMonths: 30,
  absenceThresholdPct: { B1: 30, Z: 30, ONDERWIJS: 20 },
  structuralPaidWorkWeeks: 8,
  caseloadNorm: 80,
  approvals: { routeDeviation: false, endWithoutConditions: false, instrumentCounting: false },
  noContactDays: DEFAULT_NO_CONTACT_DAYS,
};

export const DEFAULT_CALENDAR_RULES: CalendarRules = {
  pvtMonths: 12,
  mapRegistrationLatestMonths: 18,
  mapCompletionMonths: 12,
  year3CheckFromMonths: 24,
  year3CheckByMonths: 27,
  endAfterPreEndFromMonths: 6,
  endAfterPreEndByMonths: 8,
  year1Conversations: { ASIELSTATUSHOUDER: 3, GEZINSMIGRANT: 2, OVERIGE_MIGRANT: 2 },
  noShowSignalCount: 2,
  invitationMinDays: 14,
  duoSignalDays: 14,
  providerReportDueDays: 10,
};

export const DEFAULT_COST_RULES: CostRules = {
  budgetEurosByRoute: { B1: 10_000, ONDERWIJS: 10_000, Z: 10_000 },
  warnPct: 80,
};

export const DEFAULT_RULE_SET: RuleSet = {
  z: DEFAULT_Z_ROUTE_RULES,
  b1: { afschalenMinLanguageHours: 600 },
  onderwijs: { languageHours: 1000, otherSubjectsHours: 500 },
  general: DEFAULT_GENERAL_RULES,
  calendar: DEFAULT_CALENDAR_RULES,
  costs: DEFAULT_COST_RULES,
};

// ---- schemas -------------------------------------------------------------

const hours = (label: string) =>
  z.number({ error: `${label}: vul een aantal uren in` }).min(0, `${label}: mag niet negatief zijn`);

const wholeNumber = (label: string, min: number) =>
  z
    .number({ error: `${label}: vul een getal in` })
    .int(`${label}: vul een heel getal in`)
    .min(min, min === 0 ? `${label}: mag niet negatief zijn` : `${label}: moet minimaal ${min} zijn`);

const percentage = (label: string) =>
  z
    .number({ error: `${label}: vul een percentage in` })
    .min(0, `${label}: mag niet negatief zijn`)
    .max(100, `${label}: mag niet hoger zijn dan 100`);

const flag = (label: string) => z.boolean({ error: `${label}: kies ja of nee` });

const instrumentSchema = z.object({
  code: z
    .string({ error: 'Code van het instrument: vul een code in' })
    .regex(/^[A-Z][A-Z0-9_]*$/, 'Code van het instrument: gebruik hoofdletters, cijfers en _ (bijvoorbeeld RTS)'),
  name: z.string({ error: 'Naam van het instrument: vul een naam in' }).trim().min(1, 'Naam van het instrument: vul een naam in'),
  fullHours: z
    .number({ error: 'Uren bij 100% aanwezigheid: vul een aantal uren in of laat leeg' })
    .positive('Uren bij 100% aanwezigheid: moet meer dan 0 zijn, of leeg voor een instrument met losse uren')
    .nullable(),
});

export const zRouteRulesSchema: z.ZodType<ZRouteRules> = z
  .object({
    preEnd: z.object({
      minLanguageHours: hours('Pre-eindgesprek, minimum taalles-uren'),
      advisedLanguageHours: hours('Pre-eindgesprek, geadviseerde taalles-uren'),
      minParticipationHours: hours('Pre-eindgesprek, minimum participatie-uren'),
    }),
    end: z.object({
      languageHours: hours('Eindgesprek, taalles-uren'),
      participationHours: hours('Eindgesprek, participatie-uren'),
    }),
    maxSubstitutionHours: hours('Maximum substitutie-uren'),
    guidanceConversationHours: hours('Uren voor voortgangs- en begeleidingsgesprekken'),
    instruments: z.array(instrumentSchema, { error: 'Instrumenten: geef een lijst' }),
  })
  .superRefine((r, ctx) => {
    if (r.preEnd.advisedLanguageHours < r.preEnd.minLanguageHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['preEnd', 'advisedLanguageHours'],
        message: `Geadviseerde taalles-uren voor het pre-eindgesprek (${r.preEnd.advisedLanguageHours}) mogen niet lager zijn dan het minimum (${r.preEnd.minLanguageHours})`,
      });
    }
    if (r.preEnd.minLanguageHours > r.end.languageHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['preEnd', 'minLanguageHours'],
        message: `Minimum taalles-uren voor het pre-eindgesprek (${r.preEnd.minLanguageHours}) mogen niet hoger zijn dan de norm voor het eindgesprek (${r.end.languageHours})`,
      });
    }
    if (r.preEnd.advisedLanguageHours > r.end.languageHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['preEnd', 'advisedLanguageHours'],
        message: `Geadviseerde taalles-uren voor het pre-eindgesprek (${r.preEnd.advisedLanguageHours}) mogen niet hoger zijn dan de norm voor het eindgesprek (${r.end.languageHours})`,
      });
    }
    if (r.preEnd.minParticipationHours > r.end.participationHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['preEnd', 'minParticipationHours'],
        message: `Minimum participatie-uren voor het pre-eindgesprek (${r.preEnd.minParticipationHours}) mogen niet hoger zijn dan de norm voor het eindgesprek (${r.end.participationHours})`,
      });
    }
    if (r.maxSubstitutionHours > r.end.languageHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxSubstitutionHours'],
        message: `Maximum substitutie-uren (${r.maxSubstitutionHours}) mogen niet hoger zijn dan de taalles-uren voor het eindgesprek (${r.end.languageHours})`,
      });
    }
    const seen = new Set<string>();
    r.instruments.forEach((instrument, i) => {
      if (seen.has(instrument.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['instruments', i, 'code'],
          message: `Code van het instrument '${instrument.code}' komt meer dan één keer voor; elke code moet uniek zijn`,
        });
      }
      seen.add(instrument.code);
    });
  });

const b1RouteRulesSchema: z.ZodType<B1RouteRules> = z.object({
  afschalenMinLanguageHours: hours('B1-route, minimum taalles-uren voor afschalen'),
});

const onderwijsRouteRulesSchema: z.ZodType<OnderwijsRouteRules> = z.object({
  languageHours: hours('Onderwijsroute, taaluren'),
  otherSubjectsHours: hours('Onderwijsroute, uren overige vakken'),
});

const generalRulesSchema: z.ZodType<GeneralRules> = z
  .object({
    termijnMonths: wholeNumber('Inburgeringstermijn in maanden', 1),
    pipDeadlineWeeks: wholeNumber('Termijn voor het PIP in weken', 1),
    pipDeadlineStart: z.enum(['INTAKE_START', 'MUNICIPALITY_LINK'], {
      error: 'Start van de PIP-termijn: kies start brede intake of koppeling aan de gemeente',
    }),
    conversationIntervalMonths: z.object({
      ASIELSTATUSHOUDER: wholeNumber('Maanden tussen voortgangsgesprekken (asielstatushouder)', 1),
      GEZINSMIGRANT: wholeNumber('Maanden tussen voortgangsgesprekken (gezinsmigrant)', 1),
      OVERIGE_MIGRANT: wholeNumber('Maanden tussen voortgangsgesprekken (overige migrant)', 1),
    }),
    noHoursSignalWeeks: wholeNumber('Signaal na weken zonder uren', 1),
    termijnEndingSignalMonths: wholeNumber('Signaal aantal maanden voor einde termijn', 0),
    forecastWindowWeeks: wholeNumber('Aantal weken voor de prognose', 1),
    routeAdvice: z.object({
      b1MinLeerbaarheidScore: wholeNumber('Minimale score leerbaarheidstoets voor de B1-route', 0).max(
        LEERBAARHEID_MAX_SCORE,
        `Minimale score leerbaarheidstoets voor de B1-route: mag niet hoger zijn dan ${LEERBAARHEID_MAX_SCORE}`,
      ),
      onderwijsMaxAge: wholeNumber('Maximale leeftijd voor de onderwijsroute', 0),
    }),
    routeChangeMaxMonths: wholeNumber('Route wijzigen tot aantal maanden na start', 0),
    extensionFromMonths: wholeNumber('Verlenging aanvragen vanaf aantal maanden', 0),
    absenceThresholdPct: z.object({
      B1: percentage('Verzuimgrens B1-route'),
      ONDERWIJS: percentage('Verzuimgrens onderwijsroute'),
      Z: percentage('Verzuimgrens Z-route'),
    }),
    structuralPaidWorkWeeks: wholeNumber('Weken betaald werk voor structureel werk', 1),
    caseloadNorm: wholeNumber('Caseloadnorm (klanten per consulent)', 1),
    approvals: z.object({
      routeDeviation: flag('Goedkeuring bij afwijken van het routeadvies'),
      endWithoutConditions: flag('Goedkeuring bij afsluiten zonder alle voorwaarden'),
      instrumentCounting: flag('Goedkeuring bij meetellen van instrumenten'),
    }),
    // Rule sets stored before issue 21 lack it: they get the product default.
    noContactDays: z
      .object({
        byDoelgroep: z.object({
          ASIELSTATUSHOUDER: wholeNumber('Signaal geen contact, dagen (asielstatushouder)', 1),
          GEZINSMIGRANT: wholeNumber('Signaal geen contact, dagen (gezinsmigrant)', 1),
          OVERIGE_MIGRANT: wholeNumber('Signaal geen contact, dagen (overige migrant)', 1),
        }),
        byPhase: z.object({
          beforePip: wholeNumber('Signaal geen contact, dagen (voor het PIP)', 1),
          trajectory: wholeNumber('Signaal geen contact, dagen (tijdens het traject)', 1),
        }),
      })
      .default(DEFAULT_NO_CONTACT_DAYS),
  })
  .superRefine((g, ctx) => {
    if (g.extensionFromMonths > g.termijnMonths) {
      ctx.addIssue({
        code: 'custom',
        path: ['extensionFromMonths'],
        message: `Verlenging aanvragen vanaf ${g.extensionFromMonths} maanden kan niet: de termijn is ${g.termijnMonths} maanden`,
      });
    }
    if (g.termijnEndingSignalMonths > g.termijnMonths) {
      ctx.addIssue({
        code: 'custom',
        path: ['termijnEndingSignalMonths'],
        message: `Signaal ${g.termijnEndingSignalMonths} maanden voor einde termijn kan niet: de termijn is ${g.termijnMonths} maanden`,
      });
    }
  });

const calendarRulesSchema = z
  .object({
    pvtMonths: wholeNumber('PVT afgerond binnen aantal maanden na het PIP', 1),
    mapRegistrationLatestMonths: wholeNumber('MAP aangemeld uiterlijk aantal maanden na het PIP', 1),
    mapCompletionMonths: wholeNumber('MAP afgerond binnen aantal maanden na aanmelding', 1),
    year3CheckFromMonths: wholeNumber('Controle jaar 3 vanaf aantal maanden na het PIP', 0),
    year3CheckByMonths: wholeNumber('Controle jaar 3 uiterlijk aantal maanden na het PIP', 1),
    endAfterPreEndFromMonths: wholeNumber('Eindgesprek vanaf aantal maanden na het pre-eindgesprek', 0),
    endAfterPreEndByMonths: wholeNumber('Eindgesprek uiterlijk aantal maanden na het pre-eindgesprek', 1),
    year1Conversations: z.object({
      ASIELSTATUSHOUDER: wholeNumber('Gesprekken in het eerste jaar (asielstatushouder)', 0),
      GEZINSMIGRANT: wholeNumber('Gesprekken in het eerste jaar (gezinsmigrant)', 0),
      OVERIGE_MIGRANT: wholeNumber('Gesprekken in het eerste jaar (overige migrant)', 0),
    }),
    noShowSignalCount: wholeNumber('Signaal na aantal keer niet verschenen op rij', 1),
    invitationMinDays: wholeNumber('Uitnodiging minimaal aantal dagen vooraf', 0),
    duoSignalDays: wholeNumber('Signaal als een DUO-melding na aantal dagen niet is doorgegeven', 1),
    // Versions saved before issue 17 have no such rule: they read with the default.
    providerReportDueDays: wholeNumber('Rapportage van een aanbieder uiterlijk aantal dagen na de periode', 0).default(10),
  })
  .superRefine((c, ctx) => {
    if (c.year3CheckFromMonths >= c.year3CheckByMonths) {
      ctx.addIssue({
        code: 'custom',
        path: ['year3CheckByMonths'],
        message: `Controle jaar 3: "uiterlijk" (${c.year3CheckByMonths} maanden) moet na "vanaf" (${c.year3CheckFromMonths} maanden) liggen`,
      });
    }
    if (c.endAfterPreEndFromMonths > c.endAfterPreEndByMonths) {
      ctx.addIssue({
        code: 'custom',
        path: ['endAfterPreEndByMonths'],
        message: `Eindgesprek: "uiterlijk" (${c.endAfterPreEndByMonths} maanden) mag niet voor "vanaf" (${c.endAfterPreEndFromMonths} maanden) liggen`,
      });
    }
  });

const costRulesSchema = z.object({
  budgetEurosByRoute: z.object({
    B1: wholeNumber('Budget B1-route in euro', 0),
    ONDERWIJS: wholeNumber('Budget onderwijsroute in euro', 0),
    Z: wholeNumber('Budget Z-route in euro', 0),
  }),
  warnPct: wholeNumber('Waarschuwing vanaf percentage van het budget', 1).max(100, 'Waarschuwing vanaf percentage van het budget: mag niet hoger zijn dan 100'),
});

// Versions saved before issue 24 have no calendar part: they read with the defaults.
export const ruleSetSchema: z.ZodType<RuleSet, unknown> = z.object({
  z: zRouteRulesSchema,
  b1: b1RouteRulesSchema,
  onderwijs: onderwijsRouteRulesSchema,
  general: generalRulesSchema,
  calendar: calendarRulesSchema.default(DEFAULT_CALENDAR_RULES),
  // Versions saved before the costs (issue 21) read with the product default.
  costs: costRulesSchema.default(DEFAULT_COST_RULES),
});

/** Validates an edited rule set; errors carry a dotted path (e.g. 'z.instruments.1.code') and a Dutch message. */
export function parseRuleSet(
  input: unknown,
): { ok: true; value: RuleSet } | { ok: false; errors: { path: string; message: string }[] } {
  const parsed = ruleSetSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.map((p) => String(p)).join('.'),
      message: issue.message,
    })),
  };
}

/** The version in force on `date`: the latest effectiveFrom on or before it (on a tie, the last in the list). */
export function ruleSetInForce<T extends { effectiveFrom: string }>(versions: T[], date: string): T | undefined {
  assertDate('date', 'Datum', date);
  let found: T | undefined;
  versions.forEach((v, i) => {
    assertDate(`versions[${i}].effectiveFrom`, 'Ingangsdatum van de regels', v.effectiveFrom);
    if (v.effectiveFrom <= date && (found === undefined || v.effectiveFrom >= found.effectiveFrom)) {
      found = v;
    }
  });
  return found;
}
