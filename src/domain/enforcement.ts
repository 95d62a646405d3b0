// Enforcement (handhaving): the steps from information on rights and duties to a decision, in order.
// Sources: seed 001 L2853-2861 (three phases), L2987-3005 (conversation, then sanctions), L3087-3099
// (warning conversation, then fine or measure, raised when nothing improves) and L3117-3146 (Eindhoven:
// conversation, 4-6 weeks, warning, hearing, fine €50 with six weeks to improve, then €100, €150, €250,
// then stopping the offer). A sanction without hearing the client (hoor en wederhoor) is not lawful.
import { addDays, addWeeks, differenceInCalendarDays, parseISO } from 'date-fns';
import { z } from 'zod';
import { assertDate, toIso } from './dates.js';

export const STEP_KINDS = [
  'INFORMATIE',
  'GESPREK',
  'WAARSCHUWINGSGESPREK',
  'HOOR_EN_WEDERHOOR',
  'BESLUIT',
  'VERBETERTERMIJN',
  'AFSLUITING',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LABELS: Record<StepKind, string> = {
  INFORMATIE: 'Informatie over rechten en plichten',
  GESPREK: 'Gesprek over het verzuim',
  WAARSCHUWINGSGESPREK: 'Waarschuwingsgesprek',
  HOOR_EN_WEDERHOOR: 'Hoor en wederhoor',
  BESLUIT: 'Besluit',
  VERBETERTERMIJN: 'Verbetertermijn',
  AFSLUITING: 'Afsluiting',
};

/** Past tense for the dossier timeline: "Handhaving: waarschuwingsgesprek gevoerd". */
export const STEP_DONE_LABELS: Record<StepKind, string> = {
  INFORMATIE: 'informatie over rechten en plichten gegeven',
  GESPREK: 'gesprek over het verzuim gevoerd',
  WAARSCHUWINGSGESPREK: 'waarschuwingsgesprek gevoerd',
  HOOR_EN_WEDERHOOR: 'hoor en wederhoor gehouden',
  BESLUIT: 'besluit genomen',
  VERBETERTERMIJN: 'verbetertermijn gegeven',
  AFSLUITING: 'traject afgesloten',
};

export const DECISION_KINDS = ['BOETE', 'MAATREGEL', 'GEEN_SANCTIE', 'AANBOD_STOPPEN'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DECISION_LABELS: Record<DecisionKind, string> = {
  BOETE: 'Boete (Wet inburgering 2021)',
  MAATREGEL: 'Maatregel (Participatiewet)',
  GEEN_SANCTIE: 'Geen sanctie',
  AANBOD_STOPPEN: 'Aanbod stoppen',
};

/** Steps after which a next step is due, with the number of days (VERBETERTERMIJN: after its end date). */
export type DueDays = { opening: number } & Record<Exclude<StepKind, 'AFSLUITING'>, number>;

export interface EnforcementRules {
  /** Default fine per repeat within the client's history: the first fine, the second, ... (euro). */
  fineAmounts: number[];
  /** After the last amount the default is to stop the offer (aanbod stoppen) instead of another fine. */
  stopOfferAfterFines: boolean;
  /** Default length of the verbetertermijn in weeks. */
  improvementWeeks: number;
  /** Days after a step (or after opening) until the next step is due. */
  dueDays: DueDays;
}

export const DEFAULT_ENFORCEMENT_RULES: EnforcementRules = {
  fineAmounts: [50, 100, 150, 250],
  stopOfferAfterFines: true,
  improvementWeeks: 6,
  dueDays: {
    opening: 14,
    INFORMATIE: 14,
    GESPREK: 42,
    WAARSCHUWINGSGESPREK: 42,
    HOOR_EN_WEDERHOOR: 14,
    BESLUIT: 7,
    VERBETERTERMIJN: 7,
  },
};

const days = (label: string) =>
  z
    .number({ error: `${label}: vul een aantal dagen in` })
    .int(`${label}: vul een heel aantal dagen in`)
    .min(0, `${label}: mag niet negatief zijn`)
    .max(365, `${label}: mag niet meer dan 365 dagen zijn`);

const euro = (label: string) =>
  z
    .number({ error: `${label}: vul een bedrag in` })
    .positive(`${label}: moet meer dan € 0 zijn`)
    .max(10_000, `${label}: mag niet meer dan € 10.000 zijn`)
    .refine((n) => Math.round(n * 100) === n * 100, `${label}: gebruik hele centen`);

export const enforcementRulesSchema: z.ZodType<EnforcementRules> = z
  .object({
    fineAmounts: z
      .array(euro('Boetebedrag'), { error: 'Boetebedragen: geef een lijst' })
      .min(1, 'Boetebedragen: vul minstens één bedrag in')
      .max(10, 'Boetebedragen: niet meer dan 10 bedragen'),
    stopOfferAfterFines: z.boolean({ error: 'Aanbod stoppen na de laatste boete: kies ja of nee' }),
    improvementWeeks: z
      .number({ error: 'Verbetertermijn: vul een aantal weken in' })
      .int('Verbetertermijn: vul een heel aantal weken in')
      .min(1, 'Verbetertermijn: moet minimaal 1 week zijn')
      .max(52, 'Verbetertermijn: mag niet meer dan 52 weken zijn'),
    dueDays: z.object({
      opening: days('Eerste stap na openen'),
      INFORMATIE: days('Volgende stap na informatie'),
      GESPREK: days('Volgende stap na gesprek'),
      WAARSCHUWINGSGESPREK: days('Volgende stap na waarschuwingsgesprek'),
      HOOR_EN_WEDERHOOR: days('Besluit na hoor en wederhoor'),
      BESLUIT: days('Volgende stap na besluit'),
      VERBETERTERMIJN: days('Beoordeling na einde verbetertermijn'),
    }),
  })
  .superRefine((r, ctx) => {
    for (let i = 1; i < r.fineAmounts.length; i += 1) {
      if (r.fineAmounts[i]! < r.fineAmounts[i - 1]!) {
        ctx.addIssue({
          code: 'custom',
          path: ['fineAmounts', i],
          message: `Boetebedrag ${i + 1}: mag niet lager zijn dan boetebedrag ${i} (de bedragen lopen op bij herhaling)`,
        });
      }
    }
  });

export interface RecordedStep {
  kind: StepKind;
  date: string;
  skipped: boolean;
  decisionKind?: DecisionKind | null;
  amount?: number | null;
  improvementEndDate?: string | null;
}

export interface EnforcementCaseFacts {
  openedOn: string;
  closed: boolean;
  /** Steps in the order they were recorded; skipped steps are rows with skipped = true. */
  steps: RecordedStep[];
  /** Fines (BOETE decisions) in the client's earlier cases: the escalation counts across the history. */
  priorFineCount: number;
}

export interface StepInput {
  kind: StepKind;
  date: string;
  note?: string | null;
  skipReason?: string | null;
  decisionKind?: DecisionKind | null;
  amount?: number | null;
  deviationReason?: string | null;
  decisionReason?: string | null;
  improvementEndDate?: string | null;
}

export interface NextStep {
  kind: StepKind;
  /** Other steps that may follow now (besides AFSLUITING, which is always possible). */
  alternatives: StepKind[];
  dueOn: string;
}

export type DefaultSanction = { kind: 'BOETE'; amount: number; repeat: number } | { kind: 'AANBOD_STOPPEN'; amount: null; repeat: number };

const order = (k: StepKind) => STEP_KINDS.indexOf(k);

function lastStep(c: EnforcementCaseFacts): RecordedStep | undefined {
  return c.steps[c.steps.length - 1];
}

/** Fines recorded in this case plus the client's earlier ones. */
export function fineCount(c: EnforcementCaseFacts): number {
  return c.priorFineCount + c.steps.filter((s) => !s.skipped && s.kind === 'BESLUIT' && s.decisionKind === 'BOETE').length;
}

/** The default sanction for the next fine: €50, €100, €150, €250, then stopping the offer (rules decide). */
export function defaultSanction(finesSoFar: number, rules: EnforcementRules): DefaultSanction {
  const repeat = finesSoFar + 1;
  const amount = rules.fineAmounts[finesSoFar];
  if (amount !== undefined) return { kind: 'BOETE', amount, repeat };
  if (rules.stopOfferAfterFines) return { kind: 'AANBOD_STOPPEN', amount: null, repeat };
  return { kind: 'BOETE', amount: rules.fineAmounts[rules.fineAmounts.length - 1]!, repeat };
}

/** The default end of a verbetertermijn that starts on `date`. */
export function defaultImprovementEnd(date: string, rules: EnforcementRules): string {
  assertDate('date', 'Datum', date);
  return toIso(addWeeks(parseISO(date), rules.improvementWeeks));
}

/** The step expected next and its due date; null when the case is closed. */
export function nextStep(c: EnforcementCaseFacts, rules: EnforcementRules): NextStep | null {
  if (c.closed) return null;
  const last = lastStep(c);
  const plus = (date: string, n: number) => toIso(addDays(parseISO(date), n));
  if (!last) return { kind: 'INFORMATIE', alternatives: [], dueOn: plus(c.openedOn, rules.dueDays.opening) };
  if (last.kind === 'AFSLUITING') return null;
  if (last.kind === 'VERBETERTERMIJN') {
    return {
      kind: 'AFSLUITING',
      alternatives: ['HOOR_EN_WEDERHOOR'],
      dueOn: plus(last.improvementEndDate ?? last.date, rules.dueDays.VERBETERTERMIJN),
    };
  }
  if (last.kind === 'BESLUIT' && last.decisionKind === 'AANBOD_STOPPEN') {
    return { kind: 'AFSLUITING', alternatives: [], dueOn: plus(last.date, rules.dueDays.BESLUIT) };
  }
  const next = STEP_KINDS[order(last.kind) + 1]!;
  return { kind: next, alternatives: STEP_KINDS.filter((k) => order(k) > order(next) && k !== 'AFSLUITING'), dueOn: plus(last.date, rules.dueDays[last.kind]) };
}

/** Steps that may be recorded now (AFSLUITING always, while the case is open). */
export function allowedSteps(c: EnforcementCaseFacts, rules: EnforcementRules): StepKind[] {
  const next = nextStep(c, rules);
  if (!next) return [];
  return STEP_KINDS.filter((k) => k === next.kind || next.alternatives.includes(k) || k === 'AFSLUITING');
}

/** The steps between the current position and `kind` that recording `kind` would skip. */
export function skippedBy(c: EnforcementCaseFacts, kind: StepKind, rules: EnforcementRules): StepKind[] {
  const next = nextStep(c, rules);
  if (!next || kind === 'AFSLUITING' || kind === next.kind || order(kind) < order(next.kind)) return [];
  return STEP_KINDS.filter((k) => order(k) >= order(next.kind) && order(k) < order(kind));
}

/** A hearing held (not skipped) since the last decision in this case. */
export function hearingHeldSinceLastDecision(c: EnforcementCaseFacts): boolean {
  for (let i = c.steps.length - 1; i >= 0; i -= 1) {
    const s = c.steps[i]!;
    if (s.kind === 'BESLUIT' && !s.skipped) return false;
    if (s.kind === 'HOOR_EN_WEDERHOOR' && !s.skipped) return true;
  }
  return false;
}

export type StepValidation =
  | { ok: true; skipped: StepKind[]; improvementEndDate: string | null; defaultSanction: DefaultSanction | null }
  | { ok: false; errors: Record<string, string> };

const isBlank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === '';

/**
 * Checks a step before it is recorded. Steps follow the order; skipping one needs a recorded reason; a
 * decision needs a hearing held in this round (never skippable, not even with a reason). Errors are Dutch,
 * keyed by form field.
 */
export function validateStep(c: EnforcementCaseFacts, step: StepInput, rules: EnforcementRules, today: string): StepValidation {
  assertDate('today', 'Datum van vandaag', today);
  const errors: Record<string, string> = {};
  const next = nextStep(c, rules);
  if (!next) return { ok: false, errors: { _form: 'Dit handhavingstraject is afgesloten. Open een nieuw traject als dat nodig is.' } };
  if (!STEP_KINDS.includes(step.kind)) return { ok: false, errors: { kind: 'Kies een stap' } };

  const last = lastStep(c);
  const earliest = last ? last.date : c.openedOn;
  try {
    assertDate('date', 'Datum', step.date);
    if (step.date > today) errors['date'] = 'De datum mag niet in de toekomst liggen';
    else if (step.date < earliest) errors['date'] = `De datum mag niet voor ${last ? 'de vorige stap' : 'de opening van het traject'} liggen (${earliest})`;
  } catch {
    errors['date'] = 'Vul een geldige datum in';
  }

  const allowed = allowedSteps(c, rules);
  const skipped = skippedBy(c, step.kind, rules);
  if (step.kind === 'BESLUIT' && !hearingHeldSinceLastDecision(c)) {
    errors['kind'] =
      'Een besluit kan pas na een gesprek voor hoor en wederhoor. Een sanctie zonder hoor en wederhoor is niet rechtmatig; deze stap kan niet worden overgeslagen.';
  } else if (skipped.includes('HOOR_EN_WEDERHOOR')) {
    errors['kind'] = 'Hoor en wederhoor kan niet worden overgeslagen. Voer eerst het gesprek voor hoor en wederhoor.';
  } else if (!allowed.includes(step.kind) && skipped.length === 0) {
    errors['kind'] = `Deze stap kan nu niet. De volgende stap is: ${STEP_LABELS[next.kind]}.`;
  } else if (skipped.length > 0 && isBlank(step.skipReason)) {
    errors['skipReason'] = `U slaat over: ${skipped.map((k) => STEP_LABELS[k].toLowerCase()).join(', ')}. Vul in waarom.`;
  }

  if (step.kind === 'AFSLUITING' && isBlank(step.note)) {
    errors['note'] = 'Vul in waarom het traject wordt afgesloten (bijvoorbeeld: aanwezigheid is verbeterd)';
  }

  let sanction: DefaultSanction | null = null;
  if (step.kind === 'BESLUIT') {
    sanction = defaultSanction(fineCount(c), rules);
    if (!step.decisionKind || !DECISION_KINDS.includes(step.decisionKind)) {
      errors['decisionKind'] = 'Kies het besluit';
    } else if (step.decisionKind === 'BOETE') {
      if (step.amount === undefined || step.amount === null) errors['amount'] = 'Vul het bedrag van de boete in';
      else if (!Number.isFinite(step.amount) || step.amount <= 0) errors['amount'] = 'Het bedrag moet meer dan € 0 zijn';
      else if ((sanction.kind !== 'BOETE' || step.amount !== sanction.amount) && isBlank(step.deviationReason)) {
        errors['deviationReason'] =
          sanction.kind === 'BOETE'
            ? `U wijkt af van het standaardbedrag (€ ${sanction.amount}). Vul in waarom.`
            : 'De standaard is nu het aanbod stoppen. Vul in waarom u toch een boete oplegt.';
      }
    } else if (step.decisionKind === 'AANBOD_STOPPEN' && sanction.kind !== 'AANBOD_STOPPEN' && isBlank(step.deviationReason)) {
      errors['deviationReason'] = 'De standaard is nu nog een boete. Vul in waarom u het aanbod stopt.';
    } else if ((step.decisionKind === 'GEEN_SANCTIE' || step.decisionKind === 'MAATREGEL') && isBlank(step.decisionReason)) {
      errors['decisionReason'] =
        step.decisionKind === 'GEEN_SANCTIE' ? 'Vul in waarom er geen sanctie komt' : 'Beschrijf de maatregel (Participatiewet)';
    }
  }

  let improvementEndDate: string | null = null;
  if (step.kind === 'VERBETERTERMIJN' && !errors['date']) {
    improvementEndDate = isBlank(step.improvementEndDate) ? defaultImprovementEnd(step.date, rules) : step.improvementEndDate!;
    try {
      assertDate('improvementEndDate', 'Einddatum', improvementEndDate);
      if (improvementEndDate <= step.date) errors['improvementEndDate'] = 'De einddatum moet na de datum van de stap liggen';
    } catch {
      errors['improvementEndDate'] = 'Vul een geldige einddatum in';
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, skipped, improvementEndDate, defaultSanction: sanction };
}

/** Overdue means after the due date; on the due date itself the step is still on time. */
export function isOverdue(dueOn: string, today: string): boolean {
  assertDate('dueOn', 'Uiterste datum', dueOn);
  assertDate('today', 'Datum van vandaag', today);
  return today > dueOn;
}

export interface EnforcementSignal {
  next: NextStep;
  overdue: boolean;
  daysOverdue: number;
}

/** The next step of an open case, and whether it is overdue today. */
export function enforcementSignal(c: EnforcementCaseFacts, rules: EnforcementRules, today: string): EnforcementSignal | null {
  const next = nextStep(c, rules);
  if (!next) return null;
  const overdue = isOverdue(next.dueOn, today);
  return { next, overdue, daysOverdue: overdue ? differenceInCalendarDays(parseISO(today), parseISO(next.dueOn)) : 0 };
}

/** Validates edited enforcement rules; errors carry a dotted path (e.g. 'fineAmounts.2') and a Dutch message. */
export function parseEnforcementRules(
  input: unknown,
): { ok: true; value: EnforcementRules } | { ok: false; errors: { path: string; message: string }[] } {
  const parsed = enforcementRulesSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}
