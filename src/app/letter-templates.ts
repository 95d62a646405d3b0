import {
  addLetterTemplateVersion,
  latestLetterTemplate,
  LETTER_TEMPLATE_KINDS,
  type LetterTemplateKind,
  listLetterTemplateVersions,
} from '../db/letter-templates.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden, notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result, stale } from './result.js';

export { LETTER_TEMPLATE_KINDS, type LetterTemplateKind };

/** One text field of a letter template, as the admin edits it. */
export interface TemplateField {
  name: string;
  label: string;
  hint?: string;
  rows: number;
  required: boolean;
}

export interface TemplateSpec {
  kind: LetterTemplateKind;
  title: string;
  intro: string;
  fields: TemplateField[];
  /** The placeholders a text of this kind may use, with what they become. */
  placeholders: Record<string, string>;
  defaults: Record<string, string>;
}

const COMMON: Record<string, string> = {
  naam: 'de voornaam en achternaam van de cliënt',
  clientnummer: 'het cliëntnummer',
  datum: 'de datum van de brief',
  gemeente: 'de naam van de gemeente (Afzender)',
  consulent: 'de naam van de consulent',
};

const INVITATION: Record<string, string> = {
  ...COMMON,
  gesprek: 'het soort gesprek, bijvoorbeeld "voortgangsgesprek"',
  gespreksdatum: 'de datum van het gesprek',
  tijd: 'de tijd van het gesprek',
  plaats: 'de plaats van het gesprek',
  tolk: 'een zin over de tolk (wel of geen tolk, en de taal)',
  meenemen: 'wat de cliënt meeneemt (een lijst)',
};

const CLOSING =
  'Kunt u niet komen? Neem dan zo snel mogelijk contact met ons op. Dan maken we een nieuwe afspraak. Komt u niet en heeft u niet afgebeld? Dan kan dat gevolgen hebben voor uw inburgering.';

function invitationText(what: string): string {
  return `Beste {{naam}},

Wij nodigen u uit voor een {{gesprek}} met uw consulent. ${what}

## Wanneer en waar?
Datum: {{gespreksdatum}}
Tijd: {{tijd}} uur
Plaats: {{plaats}}

## Tolk
{{tolk}}

## Wat neemt u mee?
{{meenemen}}

${CLOSING}`;
}

const TEXT_FIELDS: TemplateField[] = [
  { name: 'onderwerp', label: 'Onderwerp', rows: 2, required: true },
  {
    name: 'tekst',
    label: 'Tekst van de brief',
    hint: 'Een lege regel begint een nieuwe alinea. Een regel die begint met "## " is een kopje; een regel die begint met "- " een opsommingsteken.',
    rows: 18,
    required: true,
  },
];

export const TEMPLATE_SPECS: Record<LetterTemplateKind, TemplateSpec> = {
  AFZENDER: {
    kind: 'AFZENDER',
    title: 'Afzender en ondertekening',
    intro: 'De gegevens van de gemeente die in elke brief staan: naam, adres, contact, ondertekening en het adres voor bezwaar.',
    fields: [
      { name: 'gemeente', label: 'Naam van de gemeente', rows: 1, required: true },
      { name: 'adres', label: 'Adres van de afzender', hint: 'Elke regel wordt een regel in de brief.', rows: 4, required: true },
      { name: 'contact', label: 'Contact (onderaan elke brief)', rows: 2, required: true },
      { name: 'ondertekening', label: 'Ondertekening', rows: 4, required: true },
      { name: 'bezwaarAdres', label: 'Adres voor bezwaar', hint: 'Waar de cliënt een bezwaarschrift heen stuurt.', rows: 4, required: true },
    ],
    placeholders: { gemeente: COMMON.gemeente!, consulent: COMMON.consulent! },
    defaults: {
      gemeente: 'Gemeente Koersdam',
      adres: 'Afdeling Inburgering\nPostbus 100\n1000 AA Koersdam',
      contact: 'Heeft u vragen? Bel 14 0000 (op werkdagen van 9.00 tot 17.00 uur) of mail naar inburgering@koersdam.nl.',
      ondertekening: 'Met vriendelijke groet,\n\n{{consulent}}\nConsulent inburgering\n{{gemeente}}',
      bezwaarAdres: 'College van burgemeester en wethouders van de gemeente Koersdam\nt.a.v. Juridische Zaken, bezwaarschriften\nPostbus 100\n1000 AA Koersdam',
    },
  },
  PIP_BESCHIKKING: {
    kind: 'PIP_BESCHIKKING',
    title: 'Beschikking PIP',
    intro: 'Het besluit over het persoonlijk plan inburgering en participatie (PIP), met de route, de termijn, de doelen en hoe de cliënt bezwaar maakt.',
    fields: [
      ...TEXT_FIELDS,
      {
        name: 'bezwaar',
        label: 'Bezwaarclausule',
        hint: 'Verplicht in een beschikking: binnen zes weken, naar het college, en waar de cliënt het bezwaar heen stuurt.',
        rows: 8,
        required: true,
      },
    ],
    placeholders: {
      ...COMMON,
      route: 'de gekozen leerroute',
      termijnEinde: 'de einddatum van de inburgeringstermijn',
      vastgesteldOp: 'de datum waarop het PIP is vastgesteld',
      doelen: 'de doelen van het plan (een lijst in gewone taal)',
      bezwaarAdres: 'het adres voor bezwaar (Afzender)',
      bezwaarUiterlijk: 'de laatste dag om bezwaar te maken (zes weken na de datum van de brief)',
    },
    defaults: {
      onderwerp: 'Besluit over uw persoonlijk plan inburgering en participatie (PIP)',
      tekst: `Beste {{naam}},

U heeft met uw consulent gepraat over uw inburgering. Samen hebben we uw plan gemaakt. Dit plan heet het persoonlijk plan inburgering en participatie (PIP). In deze brief leest u wat wij hebben besloten.

## Wat hebben wij besloten?
Wij stellen uw PIP vast op {{vastgesteldOp}}. U volgt de {{route}}.

## Wanneer moet u klaar zijn?
U moet uw inburgering afronden vóór {{termijnEinde}}. Dit heet uw inburgeringstermijn.

## Wat gaat u doen?
{{doelen}}

U doet mee aan alles wat in uw plan staat. Lukt iets niet? Neem dan snel contact op met uw consulent.`,
      bezwaar: `Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Dat doet u binnen zes weken na de datum van deze brief, dus uiterlijk op {{bezwaarUiterlijk}}. Stuur uw bezwaarschrift naar het college van burgemeester en wethouders:

{{bezwaarAdres}}

Zet in uw brief: uw naam en adres, de datum, over welk besluit het gaat (stuur een kopie van deze brief mee), waarom u het niet eens bent met het besluit, en uw handtekening.`,
    },
  },
  UITNODIGING_VOORTGANG: {
    kind: 'UITNODIGING_VOORTGANG',
    title: 'Uitnodiging voortgangsgesprek',
    intro: 'De uitnodiging voor een voortgangsgesprek: datum, tijd, plaats, tolk en wat de cliënt meeneemt.',
    fields: TEXT_FIELDS,
    placeholders: INVITATION,
    defaults: {
      onderwerp: 'Uitnodiging voor een voortgangsgesprek op {{gespreksdatum}}',
      tekst: invitationText('In dit gesprek praten we over hoe het gaat met uw inburgering en wat u nog gaat doen.'),
    },
  },
  UITNODIGING_PRE_EIND: {
    kind: 'UITNODIGING_PRE_EIND',
    title: 'Uitnodiging pre-eindgesprek',
    intro: 'De uitnodiging voor het pre-eindgesprek (Z-route).',
    fields: TEXT_FIELDS,
    placeholders: INVITATION,
    defaults: {
      onderwerp: 'Uitnodiging voor het pre-eindgesprek op {{gespreksdatum}}',
      tekst: invitationText(
        'Uw inburgering is bijna klaar. In dit gesprek kijken we samen terug en maken we afspraken voor de tijd daarna. Die afspraken heten het afsprakenplan.',
      ),
    },
  },
  UITNODIGING_EIND: {
    kind: 'UITNODIGING_EIND',
    title: 'Uitnodiging eindgesprek',
    intro: 'De uitnodiging voor het eindgesprek (Z-route).',
    fields: TEXT_FIELDS,
    placeholders: INVITATION,
    defaults: {
      onderwerp: 'Uitnodiging voor het eindgesprek op {{gespreksdatum}}',
      tekst: invitationText('In dit gesprek ronden we uw inburgering af. We kijken of u alles heeft gedaan wat in uw plan staat.'),
    },
  },
  AFSPRAKENPLAN: {
    kind: 'AFSPRAKENPLAN',
    title: 'Bevestiging afsprakenplan',
    intro: 'De bevestiging van de afspraken uit het pre-eindgesprek.',
    fields: TEXT_FIELDS,
    placeholders: {
      ...COMMON,
      gespreksdatum: 'de datum van het pre-eindgesprek',
      afspraken: 'de afspraken van het afsprakenplan (een lijst)',
    },
    defaults: {
      onderwerp: 'Uw afsprakenplan',
      tekst: `Beste {{naam}},

Op {{gespreksdatum}} had u het pre-eindgesprek met uw consulent. Samen hebben we afspraken gemaakt voor de tijd na uw inburgering. Dit heet het afsprakenplan. In deze brief staan de afspraken nog een keer.

## Uw afspraken
{{afspraken}}

Kloppen de afspraken niet? Neem dan binnen twee weken contact op met uw consulent.`,
    },
  },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Checks the placeholders of a template text: every `{{naam}}` must be one the kind knows, and braces must
 * pair. Returns the Dutch message, or null when the text is fine.
 */
export function checkPlaceholders(text: string, allowed: Record<string, string>): string | null {
  const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !Object.hasOwn(allowed, name));
  if (unknown.length) {
    const list = [...new Set(unknown)].map((n) => `{{${n}}}`).join(', ');
    const known = Object.keys(allowed).map((n) => `{{${n}}}`).join(', ');
    return `Onbekend veld ${list}. U kunt deze velden gebruiken: ${known}.`;
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) return 'Er staat een {{ zonder }} (of andersom). Schrijf een veld zo: {{naam}}.';
  return null;
}

/** Fills in the placeholders (values as text; unknown ones cannot be stored, see checkPlaceholders). */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? '');
}

export function specOf(rawKind: unknown): TemplateSpec {
  const kind = typeof rawKind === 'string' ? rawKind.toUpperCase().replace(/-/g, '_') : '';
  if (!(LETTER_TEMPLATE_KINDS as readonly string[]).includes(kind)) throw notFound('Deze brief bestaat niet.');
  return TEMPLATE_SPECS[kind as LetterTemplateKind];
}

export const slugOf = (kind: LetterTemplateKind) => kind.toLowerCase().replace(/_/g, '-');

/** The text in force of a kind: the newest stored version, else the built-in text (version 0). */
export function templateInForce(deps: Deps, kind: LetterTemplateKind): { versionNo: number; fields: Record<string, string> } {
  const spec = TEMPLATE_SPECS[kind];
  const stored = latestLetterTemplate(deps.db, kind);
  if (!stored) return { versionNo: 0, fields: { ...spec.defaults } };
  return { versionNo: stored.versionNo, fields: { ...spec.defaults, ...stored.fields } };
}

function requireAdmin(actor: Actor): void {
  if (actor.user.role !== 'admin') throw forbidden('Alleen functioneel beheerders beheren de teksten van brieven.');
}

/** The admin's list of letter texts with the version in force. */
export function loadLetterTemplatesPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  actor.audit('briefteksten-bekeken', 'beheer');
  return {
    templates: LETTER_TEMPLATE_KINDS.map((k) => {
      const v = latestLetterTemplate(deps.db, k);
      return { kind: k, slug: slugOf(k), title: TEMPLATE_SPECS[k].title, intro: TEMPLATE_SPECS[k].intro, versionNo: v?.versionNo ?? 0, createdAt: v?.createdAt ?? null, createdByName: v?.createdByName ?? null };
    }),
  };
}

/** One letter text: the form with the text in force and the earlier versions. */
export function loadLetterTemplatePage(deps: Deps, actor: Actor, rawKind: unknown) {
  requireAdmin(actor);
  const spec = specOf(rawKind);
  const inForce = templateInForce(deps, spec.kind);
  actor.audit('brieftekst-bekeken', 'beheer', { details: spec.kind });
  return {
    spec,
    slug: slugOf(spec.kind),
    inForce,
    versions: listLetterTemplateVersions(deps.db, spec.kind),
    placeholderList: Object.entries(spec.placeholders).map(([name, meaning]) => ({ name: `{{${name}}}`, meaning })),
  };
}

export interface TemplateForm {
  fields: Record<string, string>;
  note: string | null;
  /** The version the form was loaded with (0 = the built-in text). */
  basedOn: number;
}

/** Saves a new version of a letter text after checking every field's placeholders. */
export function saveLetterTemplate(deps: Deps, actor: Actor, rawKind: unknown, form: Parsed<TemplateForm>): Result<{ versionNo: number; title: string }> {
  requireAdmin(actor);
  const spec = specOf(rawKind);
  if (!form.ok) return invalid(form.errors);
  const errors: FieldErrors = {};
  const fields: Record<string, string> = {};
  for (const f of spec.fields) {
    const value = (form.data.fields[f.name] ?? '').replace(/\r\n?/g, '\n').trim();
    if (f.required && !value) {
      errors[f.name] = `Vul ${f.label.toLowerCase()} in`;
      continue;
    }
    if (value.length > 8000) {
      errors[f.name] = `${f.label} mag maximaal 8000 tekens zijn`;
      continue;
    }
    const problem = checkPlaceholders(value, spec.placeholders);
    if (problem) errors[f.name] = problem;
    fields[f.name] = value;
  }
  if (Object.keys(errors).length) return invalid(errors);
  const versionNo = deps.db.transaction(() =>
    addLetterTemplateVersion(deps.db, spec.kind, form.data.basedOn, fields, form.data.note, actor.user.id, actor.nowIso),
  )();
  if (versionNo === null) {
    return stale('Iemand anders heeft deze brieftekst intussen opgeslagen; uw tekst is niet opgeslagen. Hieronder staat wat u invulde: sla opnieuw op om dat als nieuwe versie te bewaren.');
  }
  actor.audit('brieftekst-opgeslagen', 'beheer', { details: `${spec.kind} versie ${versionNo}` });
  return ok({ versionNo, title: spec.title });
}
