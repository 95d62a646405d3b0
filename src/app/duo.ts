// The DUO ledger: every fact the municipality must pass on to DUO becomes a line "door te geven aan DUO" in the
// same transaction as the fact itself (`recordDuoFact`, called by the use case that makes the fact); the
// consulent or a back-office user marks it passed on (the DUO portal is a manual step). And the signals DUO
// sends: recorded on the dossier, or for a new inburgeringsplichtige on the team, from where a registration starts.
import { differenceInCalendarDays, parseISO } from 'date-fns';
import {
  DUO_FACTS,
  DUO_SIGNAL_KINDS,
  type DuoFact,
  type DuoSignalKind,
  duoWorklist,
  findDuoLine,
  findTeamDuoSignal,
  insertDuoLine,
  insertDuoSignal,
  listClientDuoSignals,
  listDuoLines,
  markDuoLinePassed,
  openNewInburgeringsplichtigen,
} from '../db/duo.js';
import { rulesInForce } from '../db/rules.js';
import { formatDate } from '../lib/format.js';
import { loadClient, toId } from './access.js';
import type { Actor } from './actor.js';
import { loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { conflict, forbidden, notFound } from './errors.js';
import { invalid, ok, type Parsed, type Result, stale } from './result.js';

export { DUO_FACTS, DUO_SIGNAL_KINDS };

export const DUO_FACT_LABELS: Record<DuoFact, string> = {
  ROUTE_CHOSEN: 'Leerroute gekozen',
  PIP_SET: 'PIP vastgesteld',
  ROUTE_CHANGED: 'Leerroute gewijzigd',
  AFSCHALEN: 'Afgeschaald naar A2',
  PVT_COMPLETED: 'PVT afgerond',
  MAP_COMPLETED: 'MAP afgerond',
  VERLENGING: 'Termijn verlengd',
  COMPLETED: 'Inburgering afgerond',
  ONTHEFFING: 'Ontheffing',
  CLOSURE: 'Traject afgesloten',
};

export const DUO_SIGNAL_LABELS: Record<DuoSignalKind, string> = {
  NEW_INBURGERINGSPLICHTIGE: 'Nieuwe inburgeringsplichtige',
  KENNISGEVING: 'Kennisgeving',
  CORRECTION: 'Correctie of intrekking',
  EXAM_RESULT: 'Examenresultaat',
};

/**
 * Records one fact for DUO. Call it INSIDE the `changeDossier` write of the use case that makes the fact, so the
 * fact and its ledger line are saved together or not at all; exactly one line per fact.
 */
export function recordDuoFact(
  deps: Deps,
  actor: Actor,
  clientId: number,
  fact: { fact: DuoFact; factOn: string; data?: Record<string, unknown>; refTable?: string; refId?: number },
): number {
  const data = fact.data ?? {};
  const details = Object.values(data)
    .filter((v) => v !== null && v !== undefined && v !== '')
    .map(String)
    .join(', ');
  return insertDuoLine(
    deps.db,
    {
      clientId,
      fact: fact.fact,
      factOn: fact.factOn,
      data,
      summary: `${DUO_FACT_LABELS[fact.fact]} op ${formatDate(fact.factOn)}${details ? ` (${details})` : ''}`,
      refTable: fact.refTable ?? null,
      refId: fact.refId ?? null,
    },
    actor.user.id,
    actor.nowIso,
  );
}

const daysOpen = (createdAt: string, today: string) => differenceInCalendarDays(parseISO(today), parseISO(createdAt.slice(0, 10)));

/** The DUO page of a client: the ledger lines and the signals received. */
export function loadDuoPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { client } = page;
  actor.audit('duo-bekeken', 'voortgang', { clientId: client.id });
  const signalDays = page.eligibility.rules.calendar.duoSignalDays;
  return {
    ...page,
    lines: listDuoLines(deps.db, client.id).map((l) => ({ ...l, daysOpen: l.passedOn ? null : daysOpen(l.createdAt, actor.today) })),
    signals: listClientDuoSignals(deps.db, client.id),
    signalDays,
    factLabels: DUO_FACT_LABELS,
    signalLabels: DUO_SIGNAL_LABELS,
  };
}

/** Marks a ledger line passed on to DUO on a date (not after today). Allowed on a closed dossier: the closure itself must go to DUO. */
export function markPassedToDuo(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  lineId: unknown,
  form: Parsed<{ passedOn: string; version: number }>,
): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  const id = toId(lineId);
  const line = id === null ? undefined : findDuoLine(deps.db, client.id, id);
  if (!line) throw notFound('Deze DUO-melding bestaat niet.');
  if (line.passedOn) throw conflict(`Deze melding is al doorgegeven aan DUO op ${formatDate(line.passedOn)}.`);
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  if (d.passedOn > actor.today) return invalid({ passedOn: `De datum mag niet na vandaag (${formatDate(actor.today)}) liggen` });
  if (d.passedOn < line.createdAt.slice(0, 10)) return invalid({ passedOn: 'De datum kan niet voor het ontstaan van de melding liggen' });
  const saved = changeDossier(deps, actor, client.id, () =>
    markDuoLinePassed(deps.db, client.id, line.id, d.version, d.passedOn, actor.user.id)
      ? { value: line.id, events: [{ kind: 'DUO', summary: `Doorgegeven aan DUO: ${line.summary}`, refTable: 'duo_ledger', refId: line.id, occurredOn: d.passedOn }] }
      : null,
  );
  if (!saved) return stale('Iemand anders heeft deze melding intussen bijgewerkt; er is niets vastgelegd.');
  actor.audit('duo-doorgegeven', 'voortgang', { clientId: client.id });
  return ok({ message: `Vastgelegd: ${DUO_FACT_LABELS[line.fact].toLowerCase()} doorgegeven aan DUO op ${formatDate(d.passedOn)}.` });
}

function teamOf(actor: Actor): number {
  if (actor.user.role === 'admin' || actor.user.teamId === null) throw forbidden('De DUO-werklijst is er voor consulenten en teamleiders.');
  return actor.user.teamId;
}

/** The team's worklist: every line not passed on, how long it waits, and the new inburgeringsplichtigen from DUO. */
export function loadDuoWorklist(deps: Deps, actor: Actor) {
  const teamId = teamOf(actor);
  const signalDays = rulesInForce(deps.db, actor.today).calendar.duoSignalDays;
  actor.audit('duo-werklijst-bekeken', 'caseload');
  return {
    today: actor.today,
    signalDays,
    lines: duoWorklist(deps.db, teamId).map((l) => {
      const days = daysOpen(l.createdAt, actor.today);
      return { ...l, daysOpen: days, late: days >= signalDays };
    }),
    newcomers: openNewInburgeringsplichtigen(deps.db, teamId),
    factLabels: DUO_FACT_LABELS,
    signalLabels: DUO_SIGNAL_LABELS,
  };
}

export interface DuoSignalForm {
  kind: DuoSignalKind;
  receivedOn: string;
  bsn: string | null;
  dutyStartOn: string | null;
  note: string | null;
}

/** Records a signal from DUO on a client's dossier. */
export function recordClientDuoSignal(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<DuoSignalForm>): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  if (d.receivedOn > actor.today) return invalid({ receivedOn: `De datum mag niet na vandaag (${formatDate(actor.today)}) liggen` });
  changeDossier(deps, actor, client.id, () => {
    const id = insertDuoSignal(deps.db, { ...d, teamId: client.teamId, clientId: client.id, bsn: null }, actor.user.id, actor.nowIso);
    return {
      value: id,
      events: [{ kind: 'DUO', summary: `Bericht van DUO: ${DUO_SIGNAL_LABELS[d.kind].toLowerCase()}${d.note ? ` (${d.note})` : ''}`, refTable: 'duo_signals', refId: id, occurredOn: d.receivedOn }],
    };
  });
  actor.audit('duo-bericht-vastgelegd', 'voortgang', { clientId: client.id });
  return ok({ message: `Vastgelegd: ${DUO_SIGNAL_LABELS[d.kind].toLowerCase()} van DUO.` });
}

/** Records a new inburgeringsplichtige that DUO reported (BSN and start of the duty) on the team's worklist. */
export function recordNewInburgeringsplichtige(
  deps: Deps,
  actor: Actor,
  form: Parsed<{ receivedOn: string; bsn: string; dutyStartOn: string; note: string | null }>,
): Result<{ message: string }> {
  const teamId = teamOf(actor);
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  if (d.receivedOn > actor.today) return invalid({ receivedOn: `De datum mag niet na vandaag (${formatDate(actor.today)}) liggen` });
  deps.db.transaction(() => {
    insertDuoSignal(deps.db, { ...d, kind: 'NEW_INBURGERINGSPLICHTIGE', teamId, clientId: null }, actor.user.id, actor.nowIso);
  })();
  actor.audit('duo-nieuwe-inburgeringsplichtige', 'aanmelding');
  return ok({ message: 'Vastgelegd: nieuwe inburgeringsplichtige van DUO. Registreer de cliënt vanuit de werklijst.' });
}

/** The first values of the registration form, started from a new-inburgeringsplichtige signal (`?duo=`). */
export function registrationPrefill(deps: Deps, actor: Actor, rawSignalId: unknown): Record<string, unknown> {
  const id = toId(rawSignalId);
  if (id === null || actor.user.teamId === null) return {};
  const s = findTeamDuoSignal(deps.db, actor.user.teamId, id);
  if (!s || s.kind !== 'NEW_INBURGERINGSPLICHTIGE') return {};
  return { bsn: s.bsn ?? '', linkedOn: s.dutyStartOn ?? '' };
}
