import {
  type ClientDetail,
  type ClientInput,
  countOpenAgreements,
  createClient,
  DOELGROEPEN,
  duplicateFields,
  findClientDetail,
  findClientStatus,
  lastConversation,
  listClients,
  listOpenAgreements,
  updateClient,
} from '../db/clients.js';
import { stationsBarFor } from './stations.js';
import { CLOSURE_LABELS } from '../db/closures.js';
import { registrationPrefill } from './duo.js';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, type ContactChannel, listContacts } from '../db/contacts.js';
import { loadEligibility } from '../db/progress.js';
import { listRouteDecisions } from '../db/routes.js';
import { countClientEvents, listClientEvents } from '../db/timeline.js';
import { listConsulentenOfTeam, type User } from '../db/users.js';
import { DOELGROEP_LABELS, maskBsn, PHASE_LABELS, ROUTE_LABELS } from '../domain/index.js';
import { bsnFor, canSeeFullBsn, loadClient } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { loadDossierHeader } from './dossier-header.js';
import { forbidden, NO_CLIENT_ACCESS, notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';

// The option lists the client forms validate against (the web layer's schemas use them).
export { CONTACT_CHANNELS, DOELGROEPEN };
export type { ContactChannel };

/** The registration fields of a client as the web layer parsed them. */
export type ClientForm = ClientInput;

/** A contact attempt as the web layer parsed it: the contact log's form (src/app/contacts.ts). */
export type { ContactForm as ContactAttemptForm } from './contacts.js';
/** Records a contact attempt: the contact log's use case. */
export { recordContact as recordContactAttempt } from './contacts.js';

const PAGE_SIZE = 25;
const TIMELINE_LIMIT = 15;

type ClosedRefusal = { kind: 'closed'; message: string };
const closedDossier = () => refuse<ClosedRefusal>({ kind: 'closed', message: CLOSED_MESSAGE });

const doelgroepOptions = DOELGROEPEN.map((d) => ({ value: d, label: DOELGROEP_LABELS[d] }));

function consulentOptions(deps: Deps, user: User) {
  return user.teamId ? listConsulentenOfTeam(deps.db, user.teamId).map((u) => ({ value: String(u.id), label: u.displayName })) : [];
}

function requireStaff(actor: Actor): void {
  if (actor.user.role !== 'consulent' && actor.user.role !== 'teamleider') throw forbidden();
}

/** The team a consulent or teamleider works in; someone without a team has no clients to list or register. */
function staffTeamOf(actor: Actor): number {
  requireStaff(actor);
  if (!actor.user.teamId) throw forbidden();
  return actor.user.teamId;
}

function loadDetail(deps: Deps, clientId: number): ClientDetail {
  const client = findClientDetail(deps.db, clientId);
  if (!client) throw notFound(NO_CLIENT_ACCESS);
  return client;
}

/** Whether the actor may see and change the full BSN in the form (the own consulent, or while none is known). */
function mayEditBsn(user: User, client: ClientDetail): boolean {
  return canSeeFullBsn(user, client) || !client.bsn;
}

// ---- List ---------------------------------------------------------------------------------------------------

export interface ClientListQuery {
  /** The consulent asked for the whole team (a teamleider always sees the team). */
  teamScope: boolean;
  /** Name, client number (part of) or exact BSN; '' for none. */
  q: string;
  includeClosed: boolean;
  page: number;
}

/** The list of the actor's clients (or the team's), with search and pages. */
export function loadClientListPage(deps: Deps, actor: Actor, query: ClientListQuery) {
  const teamId = staffTeamOf(actor);
  const { user } = actor;
  const scope: 'team' | 'mine' = user.role === 'teamleider' || query.teamScope ? 'team' : 'mine';
  const { q, includeClosed, page } = query;
  const { rows, total } = listClients(deps.db, {
    teamId,
    consulentId: scope === 'mine' ? user.id : null,
    q: q || null,
    bsnOwnerId: user.role === 'consulent' ? user.id : null,
    includeClosed,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  actor.audit('clienten-lijst-bekeken', 'aanmelding', { details: `${total} cliënten${q ? ', met zoekterm' : ''}` });
  return {
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    q,
    scope,
    includeClosed,
    today: actor.today,
    PHASE_LABELS,
    ROUTE_LABELS,
    DOELGROEP_LABELS,
  };
}

// ---- Register and edit form -----------------------------------------------------------------------------------

/** The empty registration form (no audit row: nothing of a client is shown). */
export function loadRegisterPage(deps: Deps, actor: Actor) {
  requireStaff(actor);
  return {
    client: null,
    showBsnField: true,
    maskedBsn: null,
    doelgroepOptions,
    consulentOptions: consulentOptions(deps, actor.user),
    today: actor.today,
  };
}

/** The form values of the registration form for a new client. */
export function registerValues(actor: Actor, deps?: Deps, duoSignalId?: unknown): Record<string, unknown> {
  // Started from a new inburgeringsplichtige that DUO reported: BSN and the start of the duty prefilled.
  const fromDuo = deps && duoSignalId !== undefined ? registrationPrefill(deps, actor, duoSignalId) : {};
  return { consulentId: actor.user.role === 'consulent' ? String(actor.user.id) : '', linkedOn: '', ...fromDuo };
}

/**
 * The edit form of a client's data, access checked, without a view audit row: used to show the form again after a
 * refused save (the row of viewing was written when the form was opened, see `loadClientEditPage`).
 */
export function loadClientFormPage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const client = loadDetail(deps, ref.id);
  return {
    client,
    showBsnField: mayEditBsn(actor.user, client),
    maskedBsn: client.bsn ? maskBsn(client.bsn) : null,
    doelgroepOptions,
    consulentOptions: consulentOptions(deps, actor.user),
    today: actor.today,
  };
}

export type ClientFormPage = ReturnType<typeof loadClientFormPage>;

/** Opens the edit form of a client's data; a closed dossier is read-only and gets no form. */
export function loadClientEditPage(deps: Deps, actor: Actor, clientId: unknown): Result<ClientFormPage, ClosedRefusal> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closedDossier();
  const page = loadClientFormPage(deps, actor, ref.id);
  actor.audit('gegevens-bekeken', 'aanmelding', { clientId: ref.id });
  return ok(page);
}

/** The form values of a stored client; the BSN only for who may see it in full. */
export function clientFormValues(c: ClientDetail, showBsn: boolean): Record<string, unknown> {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: c.birthDate,
    bsn: showBsn ? (c.bsn ?? '') : '',
    clientNumber: c.clientNumber,
    doelgroep: c.doelgroep,
    linkedOn: c.linkedOn,
    address: c.address,
    postcode: c.postcode,
    city: c.city,
    phone: c.phone,
    email: c.email,
    preferredLanguage: c.preferredLanguage,
    interpreterNeeded: c.interpreterNeeded,
    consulentId: c.consulentId === null ? '' : String(c.consulentId),
    version: c.version,
  };
}

/** The rules that need the database: unique BSN and client number, a consulent of the actor's team. */
function checkAgainstDb(deps: Deps, actor: Actor, input: ClientForm, exceptId: number | null): FieldErrors {
  const errors: FieldErrors = {};
  const dup = duplicateFields(deps.db, input, exceptId);
  if (dup.clientNumber) errors.clientNumber = 'Dit klantnummer is al in gebruik bij een andere cliënt';
  if (dup.bsn) errors.bsn = 'Dit BSN is al geregistreerd bij een andere cliënt. Zoek de cliënt op in plaats van opnieuw aan te melden.';
  if (input.consulentId !== null && !consulentOptions(deps, actor.user).some((o) => o.value === String(input.consulentId))) {
    errors.consulentId = 'Kies een consulent van uw team';
  }
  return errors;
}

const dashDate = (iso: string) => iso.split('-').reverse().join('-');

/** Registers a new client in the actor's team; the timeline starts with the registration. */
export function registerClient(deps: Deps, actor: Actor, form: Parsed<ClientForm>): Result<{ clientId: number; name: string }> {
  const teamId = staffTeamOf(actor);
  if (!form.ok) return invalid(form.errors);
  const input = form.data;
  const errors = checkAgainstDb(deps, actor, input, null);
  if (Object.keys(errors).length) return invalid(errors);
  const id = deps.db.transaction(() => {
    const clientId = createClient(deps.db, input, teamId, actor.nowIso);
    changeDossier(deps, actor, clientId, () => ({
      value: clientId,
      events: [
        {
          kind: 'CLIENT_REGISTERED',
          summary: `Aangemeld als ${DOELGROEP_LABELS[input.doelgroep].toLowerCase()} (gekoppeld aan de gemeente op ${dashDate(input.linkedOn)})`,
          refTable: 'clients',
          refId: clientId,
        },
      ],
    }));
    return clientId;
  })();
  actor.audit('client-aangemeld', 'aanmelding', { clientId: id });
  return ok({ clientId: id, name: `${input.firstName} ${input.lastName}` });
}

/**
 * The edit form as the web layer parsed it, twice: as typed, and with the BSN field left empty. Who may not see
 * the full BSN cannot change it either: for them the second is used, with the stored BSN, whatever the form sent.
 */
export interface ClientEditForm {
  typed: Parsed<ClientForm>;
  withoutBsn: Parsed<ClientForm>;
}

/** Changes a client's data; refused when someone else saved it in between (`version`). */
export function changeClient(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  version: number,
  form: ClientEditForm,
): Result<{ clientId: number }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closedDossier();
  const client = loadDetail(deps, ref.id);
  const keepBsn = !mayEditBsn(actor.user, client);
  const parsed = keepBsn ? form.withoutBsn : form.typed;
  if (!parsed.ok) return invalid(parsed.errors);
  const input: ClientForm = keepBsn ? { ...parsed.data, bsn: client.bsn } : parsed.data;
  const errors = checkAgainstDb(deps, actor, input, client.id);
  if (Object.keys(errors).length) return invalid(errors);
  const saved = changeDossier(deps, actor, client.id, () => {
    if (!Number.isInteger(version) || !updateClient(deps.db, client.id, version, input, actor.nowIso)) return null;
    const changes: string[] = [];
    if (client.consulentId !== input.consulentId) changes.push('consulent gewijzigd');
    if (client.doelgroep !== input.doelgroep) changes.push(`doelgroep nu ${DOELGROEP_LABELS[input.doelgroep].toLowerCase()}`);
    return {
      value: client.id,
      events: [
        {
          kind: client.consulentId !== input.consulentId ? 'REASSIGNED' : 'CLIENT_UPDATED',
          summary: `Gegevens gewijzigd${changes.length ? ` (${changes.join(', ')})` : ''}`,
          refTable: 'clients',
          refId: client.id,
        },
      ],
    };
  });
  if (!saved) return stale('Niet opgeslagen: iemand anders heeft deze gegevens net gewijzigd.');
  actor.audit('gegevens-gewijzigd', 'aanmelding', { clientId: client.id });
  return ok({ clientId: client.id });
}

// ---- Overview -----------------------------------------------------------------------------------------------------

/** The overview tab of a dossier: header, where the client stands, open agreements and the timeline. */
export function loadDossierPage(deps: Deps, actor: Actor, clientId: unknown, showAll: boolean) {
  const ref = loadClient(deps, actor, clientId);
  const { db } = deps;
  const client = loadDetail(deps, ref.id);
  const header = loadDossierHeader(deps, ref.id);
  const decisions = listRouteDecisions(db, ref.id);
  const page = {
    client,
    header,
    status: findClientStatus(db, ref.id),
    eligibility: loadEligibility(db, ref.id, actor.today),
    events: listClientEvents(db, ref.id, showAll ? 10_000 : TIMELINE_LIMIT),
    eventCount: countClientEvents(db, ref.id),
    showAll,
    agreements: listOpenAgreements(db, ref.id, 5),
    agreementCount: countOpenAgreements(db, ref.id),
    lastConversation: lastConversation(db, ref.id),
    onlyAddress: !client.phone && !client.email,
    pendingRoute: decisions.filter((d) => d.approvalStatus === 'PENDING').at(-1) ?? null,
    stations: stationsBarFor(deps, ref.id, actor.today),
    today: actor.today,
    ROUTE_LABELS,
  };
  actor.audit('dossier-bekeken', 'aanmelding', { clientId: ref.id });
  return page;
}

// ---- Details (Gegevens) ------------------------------------------------------------------

/** The details tab: the client's data (BSN masked unless the own consulent) and the contact attempts. */
export function loadClientDetailsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  actor.audit('gegevens-bekeken', 'aanmelding', { clientId: ref.id });
  const client = loadDetail(deps, ref.id);
  return {
    client,
    header: loadDossierHeader(deps, ref.id),
    bsn: bsnFor(actor.user, client, client.bsn, maskBsn),
    bsnFull: canSeeFullBsn(actor.user, client),
    /** The latest contacts; the whole log is on the contact page. */
    attempts: listContacts(deps.db, ref.id, 5),
    CONTACT_CHANNEL_LABELS,
    DOELGROEP_LABELS,
    closureLabel: client.closureReason ? ((CLOSURE_LABELS as Record<string, string>)[client.closureReason] ?? client.closureReason) : null,
    onlyAddress: !client.phone && !client.email,
    today: actor.today,
  };
}
