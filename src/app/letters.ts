import { addWeeks, parseISO } from 'date-fns';
import { listAgreementsOfConversation } from '../db/agreements.js';
import { type Appointment, type AppointmentKind, findAppointment, setInvitationDocument } from '../db/appointments.js';
import { findClientDetail } from '../db/clients.js';
import { findConversation, listConversations } from '../db/conversations.js';
import { documentTypeByCode, listDocuments } from '../db/documents.js';
import type { LetterTemplateKind } from '../db/letter-templates.js';
import { CORE_VALUE_LABELS, listPipVersions, type PipContent } from '../db/pips.js';
import { ROUTE_LABELS } from '../domain/index.js';
import { formatDate, formatHours } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { closedRefusal, loadClientPage } from './client-page.js';
import { loadDossierHeader } from './dossier-header.js';
import { type DocumentDeps, storeGeneratedDocument } from './documents.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import { KIND_LABELS, MODE_LABELS } from './ics.js';
import { OWNER_LABELS } from './labels.js';
import { type LetterContent, renderLetterPdf } from './letter-pdf.js';
import { fillPlaceholders, slugOf, TEMPLATE_SPECS, templateInForce } from './letter-templates.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

/** The letters a consulent makes for a client (the sender text is part of every letter, not one itself). */
export const CLIENT_LETTER_KINDS = [
  'PIP_BESCHIKKING',
  'UITNODIGING_VOORTGANG',
  'UITNODIGING_PRE_EIND',
  'UITNODIGING_EIND',
  'AFSPRAKENPLAN',
] as const satisfies readonly LetterTemplateKind[];
export type ClientLetterKind = (typeof CLIENT_LETTER_KINDS)[number];

const INVITATION_KINDS: Record<string, string> = {
  UITNODIGING_VOORTGANG: 'voortgangsgesprek',
  UITNODIGING_PRE_EIND: 'pre-eindgesprek',
  UITNODIGING_EIND: 'eindgesprek',
};
export const isInvitation = (kind: ClientLetterKind) => Object.hasOwn(INVITATION_KINDS, kind);

/** The invitation letter of each kind of appointment that has a template (the others keep the print view). */
export const APPOINTMENT_LETTERS: Partial<Record<AppointmentKind, ClientLetterKind>> = {
  VOORTGANG: 'UITNODIGING_VOORTGANG',
  PRE_EIND: 'UITNODIGING_PRE_EIND',
  EIND: 'UITNODIGING_EIND',
};

/** Where the invitation letter of an appointment is made, prefilled from it (null: its kind has no template). */
export function invitationLetterUrl(clientId: number, a: Pick<Appointment, 'id' | 'kind'>): string | null {
  const kind = APPOINTMENT_LETTERS[a.kind];
  return kind ? `/clients/${clientId}/letters/${slugOf(kind)}?appointment=${a.id}` : null;
}

/**
 * The appointment a letter is made for: the client's own (another client's or team's is not found, so nothing of
 * it is shown) and of the kind the letter invites to.
 */
function appointmentFor(deps: Deps, clientId: number, kind: ClientLetterKind, raw: unknown): Appointment {
  const id = toId(raw);
  const a = id === null ? undefined : findAppointment(deps.db, clientId, id);
  if (!a || APPOINTMENT_LETTERS[a.kind] !== kind) throw notFound('Deze afspraak bestaat niet.');
  return a;
}

/** Where the letter says the conversation is: the place as planned, with how it is held when not at the office. */
function placeOf(a: Appointment): string {
  if (a.mode === 'OFFICE') return a.place ?? MODE_LABELS.OFFICE;
  return a.place ? `${MODE_LABELS[a.mode]}: ${a.place}` : MODE_LABELS[a.mode];
}

export const DEFAULT_BRING = 'uw identiteitsbewijs (paspoort of verblijfsdocument)\ndeze brief';

export function letterKindOf(raw: unknown): ClientLetterKind {
  const kind = typeof raw === 'string' ? raw.toUpperCase().replace(/-/g, '_') : '';
  if (!(CLIENT_LETTER_KINDS as readonly string[]).includes(kind)) throw notFound('Deze brief bestaat niet.');
  return kind as ClientLetterKind;
}

/** The letter form as the web layer parsed it; which fields are required depends on the kind. */
export interface LetterForm {
  letterDate: string;
  pipVersionNo: number | null;
  meetingDate: string | null;
  meetingTime: string | null;
  place: string | null;
  interpreter: boolean;
  interpreterLanguage: string | null;
  bring: string | null;
  conversationId: number | null;
  /** The appointment the invitation is for; making the letter records it on that appointment. */
  appointmentId: number | null;
}

/** The plan of a PIP version in plain Dutch, one line per goal, as the beschikking lists them. */
export function planGoalsInPlainDutch(c: PipContent): string[] {
  const lines: string[] = [];
  if (c.languageGoal) {
    lines.push(`Taal leren: ${c.languageGoal}${c.hoursPerWeekLanguage ? ` (${formatHours(c.hoursPerWeekLanguage)} uur per week)` : ''}`);
  }
  if (c.participationGoals) {
    lines.push(`Meedoen: ${c.participationGoals}${c.hoursPerWeekParticipation ? ` (${formatHours(c.hoursPerWeekParticipation)} uur per week)` : ''}`);
  }
  for (const g of c.domainGoals) {
    if (g.goal.trim()) lines.push(`${g.leefdomein}: ${g.goal}${g.targetOn ? ` (klaar op ${formatDate(g.targetOn)})` : ''}`);
  }
  if (c.pvtCoreValue || c.pvtSigningPlannedOn) {
    lines.push(
      `Participatieverklaring (PVT)${c.pvtCoreValue ? ` over ${CORE_VALUE_LABELS[c.pvtCoreValue].toLowerCase()}` : ''}${c.pvtSigningPlannedOn ? `: tekenen op ${formatDate(c.pvtSigningPlannedOn)}` : ''}`,
    );
  }
  if (c.knm) lines.push(`Kennis van de Nederlandse maatschappij (KNM): ${c.knm}`);
  return lines.length ? lines : ['In uw plan staan nog geen doelen. Uw consulent bespreekt ze met u.'];
}

const asList = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');

// ---- pages -------------------------------------------------------------------------------------------------

function letterDocuments(deps: Deps, clientId: number) {
  const brief = documentTypeByCode(deps.db, 'BRIEF');
  return listDocuments(deps.db, clientId).filter((d) => d.typeId === brief?.id);
}

/** The letters tab: which letters can be made, and the letters made before (documents of type "brief"). */
export function loadLettersPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  actor.audit('brieven-bekeken', 'documenten', { clientId: page.client.id });
  return {
    ...page,
    kinds: CLIENT_LETTER_KINDS.map((k) => ({ kind: k, slug: slugOf(k), title: TEMPLATE_SPECS[k].title, intro: TEMPLATE_SPECS[k].intro })),
    letters: letterDocuments(deps, page.client.id),
  };
}

/** The form of one letter, with the choices it needs (PIP versions, pre-eindgesprekken) and its first values. */
export function loadLetterFormPage(deps: Deps, actor: Actor, clientId: unknown, rawKind: unknown, rawAppointmentId?: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const kind = letterKindOf(rawKind);
  const a = rawAppointmentId === undefined || rawAppointmentId === '' ? null : appointmentFor(deps, page.client.id, kind, rawAppointmentId);
  const header = loadDossierHeader(deps, page.client.id);
  const pipVersions = listPipVersions(deps.db, page.client.id);
  const preEnd = listConversations(deps.db, page.client.id).filter((c) => c.kind === 'PRE_EIND');
  actor.audit('briefformulier-bekeken', 'documenten', { clientId: page.client.id, details: kind });
  return {
    ...page,
    kind,
    slug: slugOf(kind),
    spec: TEMPLATE_SPECS[kind],
    invitation: isInvitation(kind),
    pipOptions: pipVersions.map((v) => ({ value: v.versionNo, label: `Versie ${v.versionNo}, vastgesteld op ${formatDate(v.vastgesteldOn)}` })),
    conversationOptions: preEnd.map((c) => ({ value: c.id, label: `Pre-eindgesprek van ${formatDate(c.heldOn)}` })),
    initialValues: {
      letterDate: page.today,
      pipVersionNo: pipVersions[0]?.versionNo ?? '',
      conversationId: preEnd[0]?.id ?? '',
      interpreter: header.interpreterNeeded ? 'on' : '',
      interpreterLanguage: header.preferredLanguage ?? '',
      bring: DEFAULT_BRING,
      ...(a && {
        appointmentId: a.id,
        meetingDate: a.startsAt.slice(0, 10),
        meetingTime: a.startsAt.slice(11, 16),
        place: placeOf(a),
        interpreter: a.interpreterLanguage ? 'on' : '',
        interpreterLanguage: a.interpreterLanguage ?? '',
      }),
    } as Record<string, unknown>,
    appointment: a && { id: a.id, label: `${KIND_LABELS[a.kind].toLowerCase()} op ${formatDate(a.startsAt.slice(0, 10))} om ${a.startsAt.slice(11, 16)} uur` },
  };
}

// ---- making a letter -----------------------------------------------------------------------------------------

/** The kind's own values (beyond the common ones), or the errors of the fields the kind needs. */
function kindValues(
  deps: Deps,
  clientId: number,
  kind: ClientLetterKind,
  f: LetterForm,
  today: string,
): { values: Record<string, string>; description: string; link: { table: 'conversations'; id: number } | null } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (kind === 'PIP_BESCHIKKING') {
    const versions = listPipVersions(deps.db, clientId);
    const v = f.pipVersionNo === null ? versions[0] : versions.find((x) => x.versionNo === f.pipVersionNo);
    if (!versions.length) return { errors: { pipVersionNo: 'Er is nog geen PIP vastgesteld. Stel eerst het PIP vast; daarna kunt u de beschikking maken.' } };
    if (!v) return { errors: { pipVersionNo: 'Kies een versie van het PIP uit de lijst' } };
    const header = loadDossierHeader(deps, clientId);
    const route = v.content.route ? ROUTE_LABELS[v.content.route] : header.routeLabel;
    if (!route) return { errors: { pipVersionNo: 'Er is nog geen route gekozen. Kies eerst de route.' } };
    return {
      values: {
        route,
        termijnEinde: header.termijnEnd ? formatDate(header.termijnEnd) : 'de datum die uw consulent met u bespreekt',
        vastgesteldOp: formatDate(v.vastgesteldOn),
        doelen: asList(planGoalsInPlainDutch(v.content)),
        bezwaarUiterlijk: formatDate(addWeeks(parseISO(f.letterDate), 6).toISOString().slice(0, 10)),
        pipVersie: String(v.versionNo),
      },
      description: `Beschikking PIP (versie ${v.versionNo})`,
      link: null,
    };
  }
  if (kind === 'AFSPRAKENPLAN') {
    const c = f.conversationId === null ? undefined : findConversation(deps.db, clientId, f.conversationId);
    if (!c || c.kind !== 'PRE_EIND') {
      const any = listConversations(deps.db, clientId).some((x) => x.kind === 'PRE_EIND');
      return { errors: { conversationId: any ? 'Kies een pre-eindgesprek uit de lijst' : 'Er is nog geen pre-eindgesprek vastgelegd. Leg eerst het pre-eindgesprek vast.' } };
    }
    const agreements = listAgreementsOfConversation(deps.db, c.id);
    return {
      values: {
        gespreksdatum: formatDate(c.heldOn),
        afspraken: agreements.length
          ? asList(agreements.map((a) => `${a.description} (wie: ${OWNER_LABELS[a.owner].toLowerCase()}${a.dueOn ? `, klaar op ${formatDate(a.dueOn)}` : ''})`))
          : '- Er staan geen afspraken in het afsprakenplan.',
      },
      description: `Bevestiging afsprakenplan van het pre-eindgesprek van ${formatDate(c.heldOn)}`,
      link: { table: 'conversations', id: c.id },
    };
  }
  // Invitations.
  if (!f.meetingDate) errors.meetingDate = 'Vul de datum van het gesprek in';
  else if (f.meetingDate < today) errors.meetingDate = `De datum van het gesprek mag niet voor vandaag (${formatDate(today)}) liggen`;
  if (!f.meetingTime) errors.meetingTime = 'Vul de tijd van het gesprek in';
  if (!f.place) errors.place = 'Vul de plaats van het gesprek in';
  if (f.interpreter && !f.interpreterLanguage) errors.interpreterLanguage = 'Vul de taal van de tolk in';
  if (Object.keys(errors).length || !f.meetingDate || !f.meetingTime || !f.place) return { errors };
  const bring = (f.bring ?? '').split('\n').map((l) => l.replace(/^\s*[-•]\s*/, '').trim()).filter(Boolean);
  const gesprek = INVITATION_KINDS[kind]!;
  return {
    values: {
      gesprek,
      gespreksdatum: formatDate(f.meetingDate),
      tijd: f.meetingTime,
      plaats: f.place,
      tolk: f.interpreter
        ? `Bij het gesprek is een tolk ${f.interpreterLanguage}. U hoeft zelf geen tolk mee te nemen.`
        : 'Bij het gesprek is geen tolk. Heeft u wel een tolk nodig? Laat het ons dan een week van tevoren weten.',
      meenemen: bring.length ? asList(bring) : '- Niets bijzonders.',
    },
    description: `Uitnodiging ${gesprek} op ${formatDate(f.meetingDate)} om ${f.meetingTime} uur`,
    link: null,
  };
}

/**
 * Makes a letter from the template in force: fills in the placeholders with the dossier's data, lays it out
 * as a PDF and stores it as a document of type "brief" with the data it was made from (template version and
 * values), with its timeline event and audit row.
 */
export async function makeLetter(
  deps: DocumentDeps,
  actor: Actor,
  clientId: unknown,
  rawKind: unknown,
  form: Parsed<LetterForm>,
): Promise<Result<{ documentId: number; description: string; appointmentId: number | null }>> {
  const page = loadClientPage(deps, actor, clientId);
  const kind = letterKindOf(rawKind);
  const closed = closedRefusal(actor, page.client, 'brieven');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  const appointment = f.appointmentId === null ? null : appointmentFor(deps, page.client.id, kind, f.appointmentId);
  const own = kindValues(deps, page.client.id, kind, f, actor.today);
  if ('errors' in own) return invalid(own.errors);
  const brief = documentTypeByCode(deps.db, 'BRIEF');
  if (!brief) throw new Error('document type BRIEF is missing');

  const detail = findClientDetail(deps.db, page.client.id)!;
  const header = loadDossierHeader(deps, page.client.id);
  const sender = templateInForce(deps, 'AFZENDER');
  const template = templateInForce(deps, kind);
  const common: Record<string, string> = {
    naam: `${detail.firstName} ${detail.lastName}`,
    clientnummer: detail.clientNumber,
    datum: formatDate(f.letterDate),
    gemeente: sender.fields.gemeente ?? '',
    consulent: header.consulentName ?? actor.user.displayName,
  };
  const values: Record<string, string> = { ...common, ...own.values, bezwaarAdres: sender.fields.bezwaarAdres ?? '' };
  const spec = TEMPLATE_SPECS[kind];
  const subject = fillPlaceholders(template.fields.onderwerp ?? spec.title, values);
  const content: LetterContent = {
    title: `${spec.title} – ${common.naam}`,
    sender: { name: common.gemeente!, addressLines: (sender.fields.adres ?? '').split('\n') },
    addressee: [common.naam!, detail.address ?? '', [detail.postcode, detail.city].filter(Boolean).join('  ')].filter(Boolean),
    meta: [
      ['Datum', common.datum!],
      ['Cliëntnummer', detail.clientNumber],
    ],
    subject,
    body: fillPlaceholders(template.fields.tekst ?? '', values),
    extra: kind === 'PIP_BESCHIKKING' ? { heading: 'Bezwaar maken', text: fillPlaceholders(template.fields.bezwaar ?? '', values) } : null,
    signature: fillPlaceholders(sender.fields.ondertekening ?? '', common),
    contact: fillPlaceholders(sender.fields.contact ?? '', common),
    createdAtIso: actor.nowIso,
  };
  const bytes = await renderLetterPdf(content);
  const letterData = JSON.stringify({
    template: { kind, versionNo: template.versionNo, senderVersionNo: sender.versionNo },
    input: f,
    data: values,
  });
  const documentId = storeGeneratedDocument(
    deps,
    actor,
    page.client,
    {
      typeId: brief.id,
      documentDate: f.letterDate,
      description: own.description,
      linkTable: own.link?.table ?? null,
      linkId: own.link?.id ?? null,
      sharedWithProvider: false,
    },
    { name: `brief-${slugOf(kind)}-${f.letterDate}.pdf`, bytes, mimeType: 'application/pdf', letterData },
    `Brief gemaakt: ${own.description}`,
    (id) => {
      if (appointment) setInvitationDocument(deps.db, page.client.id, appointment.id, id);
    },
  );
  actor.audit('brief-gemaakt', 'documenten', {
    clientId: page.client.id,
    details: `${kind}, document ${documentId}${appointment ? `, afspraak ${appointment.id}` : ''}`,
  });
  return ok({ documentId, description: own.description, appointmentId: appointment?.id ?? null });
}
