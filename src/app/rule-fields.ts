// The fields of the rule set editor, group by group, and the rule set as readable lines (the overview, a
// version's page and the diffs between versions). Every field's name is its dotted path in `RuleSet`, so the
// domain's `parseRuleSet` error paths land next to the right field without a mapping table.
import { DEFAULT_RULE_SET, type RuleSet } from '../domain/index.js';

export type RuleFieldKind = 'hours' | 'int' | 'pct' | 'bool' | 'choice';

export interface RuleField {
  name: string;
  label: string;
  kind: RuleFieldKind;
  unit?: string;
  hint?: string;
  options?: { value: string; label: string }[];
}

export interface RuleGroup {
  id: string;
  title: string;
  fields: RuleField[];
}

export const PIP_DEADLINE_START_OPTIONS = [
  { value: 'INTAKE_START', label: 'Start van de brede intake' },
  { value: 'MUNICIPALITY_LINK', label: 'Koppeling aan de gemeente' },
];

/**
 * The editor, as it is shown. A line `# id | title` starts a group; every other line is a field of that
 * group: `name | kind | label | unit | hint` (hint optional; bool and choice fields have no unit). The
 * options of a choice field are in CHOICE_OPTIONS. `readRuleGroups` reads and checks it.
 */
const RULE_FORM = `
# z-pre-end | Z-route: voorwaarden pre-eindgesprek
z.preEnd.minLanguageHours | hours | Minimum taalles-uren | uur
z.preEnd.advisedLanguageHours | hours | Geadviseerde taalles-uren | uur | Daaronder ziet de consulent een melding dat de uitnodiging vroeg is.
z.preEnd.minParticipationHours | hours | Minimum participatie-uren | uur

# z-end | Z-route: normen eindgesprek
z.end.languageHours | hours | Taalles-uren | uur
z.end.participationHours | hours | Participatie-uren | uur

# z-other | Z-route: substitutie en gesprekken
z.maxSubstitutionHours | hours | Maximum substitutie-uren (taal door betaald werk) | uur
z.guidanceConversationHours | hours | Uren voor voortgangs- en begeleidingsgesprekken | uur | Vast aantal uur dat meetelt als participatie, alleen na een besluit van de consulent.

# b1 | B1-route
b1.afschalenMinLanguageHours | hours | Minimum taalles-uren voor afschalen naar A2 | uur

# onderwijs | Onderwijsroute
onderwijs.languageHours | hours | Taaluren | uur
onderwijs.otherSubjectsHours | hours | Uren overige vakken | uur

# termijnen | Termijnen en signalen
general.termijnMonths | int | Inburgeringstermijn | maanden
general.pipDeadlineWeeks | int | Termijn voor het PIP | weken
general.pipDeadlineStart | choice | De PIP-termijn start bij
general.noHoursSignalWeeks | int | Signaal als er zo lang geen uren zijn | weken
general.termijnEndingSignalMonths | int | Signaal zo lang voor het einde van de termijn | maanden
general.forecastWindowWeeks | int | Periode voor de prognose | weken
general.routeChangeMaxMonths | int | Route wijzigen kan tot | maanden na start
general.extensionFromMonths | int | Verlenging aanvragen kan vanaf | maanden na start termijn
general.structuralPaidWorkWeeks | int | Betaald werk geldt als structureel na | weken

# gesprekken | Tijd tussen voortgangsgesprekken
general.conversationIntervalMonths.ASIELSTATUSHOUDER | int | Asielstatushouder | maanden
general.conversationIntervalMonths.GEZINSMIGRANT | int | Gezinsmigrant | maanden
general.conversationIntervalMonths.OVERIGE_MIGRANT | int | Overige migrant | maanden

# contact | Signaal geen contact met de cliënt (het kleinste aantal dagen van doelgroep en fase geldt)
general.noContactDays.byDoelgroep.ASIELSTATUSHOUDER | int | Asielstatushouder | dagen
general.noContactDays.byDoelgroep.GEZINSMIGRANT | int | Gezinsmigrant | dagen
general.noContactDays.byDoelgroep.OVERIGE_MIGRANT | int | Overige migrant | dagen
general.noContactDays.byPhase.beforePip | int | Voor het PIP (intake, routekeuze, PIP) | dagen | Ook voor een nieuwe cliënt: dagen na de aanmelding zonder eerste contact.
general.noContactDays.byPhase.trajectory | int | Tijdens het traject (na het PIP) | dagen | Bijvoorbeeld 14 bij een intensief duaal traject.

# advies | Routeadvies
general.routeAdvice.b1MinLeerbaarheidScore | int | Minimale score leerbaarheidstoets voor de B1-route | van 40
general.routeAdvice.onderwijsMaxAge | int | Maximale leeftijd voor de onderwijsroute | jaar

# verzuim | Verzuimgrens per route
general.absenceThresholdPct.B1 | pct | B1-route | %
general.absenceThresholdPct.ONDERWIJS | pct | Onderwijsroute | %
general.absenceThresholdPct.Z | pct | Z-route | %

# caseload | Caseload
general.caseloadNorm | int | Caseloadnorm | klanten per consulent | Geldt voor teams zonder eigen norm.

# goedkeuring | Goedkeuring door de teamleider nodig bij
general.approvals.routeDeviation | bool | Afwijken van het routeadvies
general.approvals.endWithoutConditions | bool | Eindgesprek zonder dat alle voorwaarden zijn gehaald
general.approvals.instrumentCounting | bool | Meetellen van instrumenten als participatie

# kalender | Mijlpalen, afspraken en DUO
calendar.pvtMonths | int | PVT afgerond binnen | maanden na het PIP
calendar.mapRegistrationLatestMonths | int | Aangemeld voor de MAP uiterlijk | maanden na het PIP
calendar.mapCompletionMonths | int | MAP afgerond binnen | maanden na de aanmelding
calendar.year3CheckFromMonths | int | Controle in jaar 3 vanaf | maanden na het PIP
calendar.year3CheckByMonths | int | Controle in jaar 3 uiterlijk | maanden na het PIP
calendar.endAfterPreEndFromMonths | int | Eindgesprek vanaf | maanden na het pre-eindgesprek
calendar.endAfterPreEndByMonths | int | Eindgesprek uiterlijk | maanden na het pre-eindgesprek
calendar.year1Conversations.ASIELSTATUSHOUDER | int | Persoonlijke gesprekken in jaar 1: asielstatushouder | gesprekken | 0 betekent: geen mijlpaal.
calendar.year1Conversations.GEZINSMIGRANT | int | Persoonlijke gesprekken in jaar 1: gezinsmigrant | gesprekken
calendar.year1Conversations.OVERIGE_MIGRANT | int | Persoonlijke gesprekken in jaar 1: overige migrant | gesprekken
calendar.noShowSignalCount | int | Signaal na zoveel keer op rij niet verschenen | keer
calendar.invitationMinDays | int | Uitnodiging voor een gesprek dat tot handhaving kan leiden minimaal | dagen vooraf
calendar.duoSignalDays | int | Signaal als een melding voor DUO zo lang niet is doorgegeven | dagen

# kosten | Budget per leerroute (zonder brede intake en PIP)
costs.budgetEurosByRoute.B1 | int | B1-route | euro
costs.budgetEurosByRoute.ONDERWIJS | int | Onderwijsroute | euro
costs.budgetEurosByRoute.Z | int | Z-route | euro
costs.warnPct | pct | Waarschuwing vanaf | % van het budget | Precies dit percentage geeft al een waarschuwing. Boven 100% is een reden verplicht.
calendar.providerReportDueDays | int | Rapportage van een aanbieder uiterlijk zo lang na het einde van de maand of week | dagen
`;

const CHOICE_OPTIONS: Record<string, RuleField['options']> = {
  'general.pipDeadlineStart': PIP_DEADLINE_START_OPTIONS,
};

const KINDS: readonly RuleFieldKind[] = ['hours', 'int', 'pct', 'bool', 'choice'];

/** The value at a dotted path (`general.approvals.routeDeviation`), or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], obj);
}

/** What a field's stored value must be, per kind: how the form reads it back depends on it. */
function fitsKind(kind: RuleFieldKind, value: unknown, options: RuleField['options']): boolean {
  switch (kind) {
    case 'bool':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && !!options?.some((o) => o.value === value);
    case 'int':
      return Number.isInteger(value);
    default:
      return typeof value === 'number';
  }
}

/**
 * Reads an editor description (see RULE_FORM) into its groups, and checks it against a rule set: every
 * name is a path to a rule of its kind, named once; numbers have a unit, yes/no and choice fields none, a
 * choice has its options. A mistake is a programming error and fails at start-up, not as an empty field.
 */
export function readRuleGroups(
  description: string,
  choices: Record<string, RuleField['options']> = CHOICE_OPTIONS,
  rules: RuleSet = DEFAULT_RULE_SET,
): RuleGroup[] {
  const groups: RuleGroup[] = [];
  const names = new Set<string>();
  description.split('\n').forEach((line, i) => {
    const fail = (why: string) => new Error(`Rule editor, line ${i + 1} (${line.trim()}): ${why}`);
    if (!line.trim()) return;
    const cells = line
      .replace(/^\s*#/, '')
      .split('|')
      .map((c) => c.trim());
    if (line.trim().startsWith('#')) {
      const [id, title] = cells;
      if (!id || !title || cells.length !== 2) throw fail('a group is `# id | title`');
      if (groups.some((g) => g.id === id)) throw fail(`group ${id} appears twice`);
      groups.push({ id, title, fields: [] });
      return;
    }
    const [name, kind, label, unit, hint, ...rest] = cells;
    const group = groups.at(-1);
    if (!group) throw fail('a field before the first group');
    if (!name || !label || rest.length) throw fail('a field is `name | kind | label | unit | hint`');
    if (!KINDS.includes(kind as RuleFieldKind)) throw fail(`unknown kind ${kind}`);
    const k = kind as RuleFieldKind;
    const numeric = k !== 'bool' && k !== 'choice';
    if (numeric !== !!unit) throw fail(numeric ? 'a number needs a unit' : 'a yes/no or choice field has no unit');
    if (names.has(name)) throw fail(`${name} appears twice`);
    const options = k === 'choice' ? choices[name] : undefined;
    if (!fitsKind(k, getPath(rules, name), options)) throw fail(`${name} is not a ${k} rule${k === 'choice' ? ' with options' : ''}`);
    names.add(name);
    group.fields.push({ name, label, kind: k, ...(unit ? { unit } : {}), ...(hint ? { hint } : {}), ...(options ? { options } : {}) });
  });
  return groups;
}

export const RULE_GROUPS: RuleGroup[] = readRuleGroups(RULE_FORM);

export const RULE_FIELDS: RuleField[] = RULE_GROUPS.flatMap((g) => g.fields);

/** A number as the form and the lines show it: Dutch decimal comma, no grouping. */
export const formatRuleNumber = (n: number) => String(n).replace('.', ',');

// ---- Showing and comparing versions ---------------------------------------------------------------

export interface RuleLine {
  key: string;
  group: string;
  label: string;
  value: string;
}

function display(f: RuleField, v: unknown): string {
  if (f.kind === 'bool') return v ? 'Ja' : 'Nee';
  if (f.kind === 'choice') return f.options?.find((o) => o.value === v)?.label ?? String(v);
  const n = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(Number(v));
  return f.unit ? `${n} ${f.unit}` : n;
}

function instrumentValue(ins: { name: string; fullHours: number | null }): string {
  return ins.fullHours === null ? `${ins.name} (losse uren)` : `${ins.name} (100% = ${formatRuleNumber(ins.fullHours)} uur)`;
}

/** A rule set as readable lines, grouped as in the form; instruments are keyed by code. */
export function ruleLines(rules: RuleSet): RuleLine[] {
  const lines: RuleLine[] = [];
  for (const g of RULE_GROUPS) {
    for (const f of g.fields) {
      lines.push({ key: f.name, group: g.title, label: f.label, value: display(f, getPath(rules, f.name)) });
      if (g.id === 'z-other' && f.name === 'z.guidanceConversationHours') {
        for (const ins of rules.z.instruments) {
          lines.push({
            key: `instrument:${ins.code}`,
            group: 'Z-route: instrumenten die als participatie kunnen meetellen',
            label: `Instrument ${ins.code}`,
            value: instrumentValue(ins),
          });
        }
      }
    }
  }
  return lines;
}

export interface RuleDiff {
  group: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** What changed between two rule sets, in form order (removed instruments last). */
export function diffRuleSets(before: RuleSet, after: RuleSet): RuleDiff[] {
  const old = new Map(ruleLines(before).map((l) => [l.key, l]));
  const diffs: RuleDiff[] = [];
  const seen = new Set<string>();
  for (const line of ruleLines(after)) {
    seen.add(line.key);
    const prev = old.get(line.key);
    if (prev?.value !== line.value) {
      diffs.push({ group: line.group, label: line.label, before: prev?.value ?? null, after: line.value });
    }
  }
  for (const [key, line] of old) {
    if (!seen.has(key)) diffs.push({ group: line.group, label: line.label, before: line.value, after: null });
  }
  return diffs;
}
