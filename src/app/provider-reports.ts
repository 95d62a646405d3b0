// Providers' reports per referral and period, and the consulent's decision on them. A report is entered in a grid
// for all the provider's referred clients at once or uploaded as a CSV; both go through the hour import's one
// validator (./hour-import-file.ts) with the report's own columns checked there too. Accepting registers the hours
// (linked to the report, under the import's natural key so nothing counts twice), the excused absence and the
// levels through the same repository functions the consulent's own forms use.
import { findClientByNumber } from '../db/hour-import.js';
import { insertHour, listActivityKinds } from '../db/hours.js';
import { insertExcusedAbsence } from '../db/absence.js';
import { insertLevel, LEVEL_NAMES, LEVEL_SCALE, LEVEL_SKILL_LABELS, LEVEL_SKILLS, type LevelSkill } from '../db/language.js';
import type { Level } from '../domain/index.js';
import type { HourKind } from '../db/progress.js';
import {
  type CompletedComponent,
  decideReport,
  findReport,
  insertReport,
  linkHourToReport,
  listReportsOfProvider,
  listSubmittedReports,
  markRejectedReplaced,
  type NewReport,
  type ProviderReport,
  type ReportLevel,
  reportsOfReferralPeriod,
} from '../db/provider-reports.js';
import { listRunningReferralsOfProvider, type ProviderReferralRow, type ReferralComponent } from '../db/referrals.js';
import { importKeyExists } from '../db/hour-import.js';
import { periodOfDates, periodOfKey, previousMonth, type ReportPeriod } from '../domain/report-periods.js';
import { formatDate, formatHours } from '../lib/format.js';
import { loadClient, toId } from './access.js';
import type { Actor } from './actor.js';
import { closedRefusal } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { conflict, forbidden, notFound } from './errors.js';
import { checkImportRows, type ClientScope, type ImportCheck, type ImportProblem, parseHourCsv, type RawRow } from './hour-import-file.js';
import { auditProvider, requireProvider } from './provider-access.js';
import { COMPONENT_LABELS } from './referrals.js';
import { invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';

/** The report's own columns (after the hour import's columns) in a CSV and in the grid. */
export const REPORT_COLUMNS = [
  'geoorloofd',
  'reden',
  'ongeoorloofd',
  'voortgang',
  'niveaus',
  'afgerond',
  'uitval',
  'uitval_toelichting',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];
export type ReportRow = RawRow & Record<ReportColumn, string>;

/** The hours a component's report registers. */
export const COMPONENT_HOUR_KIND: Record<ReferralComponent, HourKind> = {
  LANGUAGE: 'LANGUAGE',
  PARTICIPATION: 'PARTICIPATION',
  MAP: 'MAP',
  KNM: 'KNM',
  PVT: 'PVT',
  JOB_COACHING: 'PARTICIPATION',
};
const KIND_WORD: Record<HourKind, string> = {
  LANGUAGE: 'taal',
  KNM: 'knm',
  PARTICIPATION: 'participatie',
  MAP: 'map',
  PVT: 'pvt',
  PAID_WORK: 'betaald werk',
};

const SKILL_WORDS: Record<string, LevelSkill> = {
  lezen: 'READING',
  luisteren: 'LISTENING',
  schrijven: 'WRITING',
  spreken: 'SPEAKING',
  gesprekken: 'CONVERSATION',
};
const LEVEL_WORDS: Record<string, Level> = { 'pre-a1': 'PRE_A1', prea1: 'PRE_A1', a1: 'A1', a2: 'A2', b1: 'B1', b2: 'B2' };
const COMPLETED_WORDS: Record<string, CompletedComponent> = { knm: 'KNM', map: 'MAP', pvt: 'PVT', certificaat: 'CERTIFICATE' };
export const COMPLETED_LABELS: Record<CompletedComponent, string> = { KNM: 'KNM afgerond', MAP: 'MAP afgerond', PVT: 'PVT afgerond', CERTIFICATE: 'Certificaat behaald' };

export const REPORT_STATUS_LABELS: Record<ProviderReport['status'], string> = {
  SUBMITTED: 'Ingediend, wacht op de consulent',
  ACCEPTED: 'Geaccepteerd',
  REJECTED: 'Teruggestuurd',
  REPLACED: 'Vervangen door een correctie',
};

export const TEMPLATE_REPORT_CSV = `\uFEFFclientnummer;soort;activiteit;van;tot;uren;gepland;aanbieder;${REPORT_COLUMNS.join(';')}
K-00001;taal;;01-10-2026;31-10-2026;36;40;;2;ziek;2;Goede vooruitgang bij spreken;spreken A2, lezen A1;;nee;
`;

function toNumber(v: string): number | null {
  if (!/^\d+([.,]\d+)?$/.test(v)) return null;
  return Number(v.replace(',', '.'));
}

function parseLevels(v: string): ReportLevel[] | string {
  const out: ReportLevel[] = [];
  for (const part of v.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s+(pre-?a1|a1|a2|b1|b2)$/i.exec(part);
    const skill = m ? SKILL_WORDS[m[1]!.toLowerCase()] : undefined;
    const level = m ? LEVEL_WORDS[m[2]!.toLowerCase()] : undefined;
    if (!skill || !level) {
      return `Niveau "${part}" is niet te lezen. Schrijf bijvoorbeeld: spreken A2, lezen A1 (lezen, luisteren, schrijven, spreken, gesprekken; pre-A1 t/m B2).`;
    }
    out.push({ skill, level });
  }
  return out;
}

const yes = (v: string) => /^(ja|j|yes|1|x|on|true)$/i.test(v.trim());

/** The checks of the report's own columns, in the validator's problem list (line and column, Dutch). */
function checkReportColumns(r: ReportRow, add: (field: string, message: string) => void): void {
  const excused = r.geoorloofd ? toNumber(r.geoorloofd) : 0;
  const unexcused = r.ongeoorloofd ? toNumber(r.ongeoorloofd) : 0;
  if (excused === null) add('geoorloofd', `Geoorloofd verzuim "${r.geoorloofd}" is geen getal.`);
  if (unexcused === null) add('ongeoorloofd', `Ongeoorloofd verzuim "${r.ongeoorloofd}" is geen getal.`);
  if (excused && !r.reden) add('reden', 'Reden ontbreekt; die is verplicht bij geoorloofd verzuim.');
  const attended = toNumber(r.uren);
  const planned = toNumber(r.gepland);
  if (!r.gepland) add('gepland', 'Gepland ontbreekt; die is verplicht in een rapportage.');
  else if (planned !== null && attended !== null && excused !== null && unexcused !== null && attended + excused + unexcused > planned + 0.001) {
    add('gepland', 'Gevolgd plus verzuim is meer dan gepland.');
  }
  const van = normal(r.van);
  const tot = normal(r.tot);
  if (van && tot && tot >= van && !periodOfDates(van, tot)) {
    add('van', 'De periode moet een hele maand (de 1e t/m de laatste dag) of een week (maandag t/m zondag) zijn.');
  }
  if (r.niveaus) {
    const levels = parseLevels(r.niveaus);
    if (typeof levels === 'string') add('niveaus', levels);
  }
  if (r.afgerond && !COMPLETED_WORDS[r.afgerond.toLowerCase()]) add('afgerond', `Onbekend onderdeel "${r.afgerond}". Gebruik knm, map, pvt of certificaat.`);
  if (r.uitval && !yes(r.uitval) && !/^(nee|n|no|0)$/i.test(r.uitval)) add('uitval', `Dreigende uitval "${r.uitval}": vul ja of nee in.`);
  if (yes(r.uitval) && !r.uitval_toelichting) add('uitval_toelichting', 'Toelichting ontbreekt; schrijf kort waarom uitval dreigt.');
  if (r.voortgang.length > 2000) add('voortgang', 'De voortgang mag maximaal 2000 tekens zijn.');
}

function normal(v: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

/** The provider's scope for the validator: clients with a confirmed, running referral to it for the kind of hours. */
function providerScope(deps: Deps, referrals: ProviderReferralRow[], found: Map<string, ProviderReferralRow>): ClientScope {
  return (clientNumber, kind) => {
    const c = findClientByNumber(deps.db, clientNumber);
    const r = referrals.find(
      (x) => x.clientNumber.toLowerCase() === clientNumber.toLowerCase() && x.status === 'CONFIRMED' && (!kind || COMPONENT_HOUR_KIND[x.component] === kind),
    );
    if (!c || !r) return { problem: `Cliëntnummer ${clientNumber} is niet naar u verwezen voor deze soort, of de verwijzing loopt niet (meer).` };
    found.set(`${clientNumber.toLowerCase()}|${kind}`, r);
    return { id: c.id };
  };
}

interface CheckedReports {
  check: ImportCheck;
  reports: (NewReport & { line: number; already: boolean; name: string })[];
}

/** Checks report rows (from the grid or a CSV) with the hour import's validator and builds the reports. */
function checkReportRows(deps: Deps, actor: Actor, providerName: string, rows: ReportRow[], source: 'GRID' | 'CSV', referrals: ProviderReferralRow[]): CheckedReports {
  const found = new Map<string, ProviderReferralRow>();
  const check = checkImportRows(deps.db, rows, providerScope(deps, referrals, found), actor.today, checkReportColumns, { zeroHoursWhenPlanned: true });
  const activities = listActivityKinds(deps.db);
  const reports: CheckedReports['reports'] = [];
  for (const v of check.valid) {
    const r = rows[v.line - 2]!;
    const referral = found.get(`${v.clientNumber.toLowerCase()}|${v.input.kind}`)!;
    const period = periodOfDates(v.input.periodStart, v.input.periodEnd)!;
    const live = reportsOfReferralPeriod(deps.db, referral.id, period.start, period.end).find((x) => x.status === 'SUBMITTED' || x.status === 'ACCEPTED');
    const levels = r.niveaus ? (parseLevels(r.niveaus) as ReportLevel[]) : [];
    const activityKindId = v.input.kind === 'PARTICIPATION' ? (activities.find((a) => a.name.toLowerCase() === r.activiteit.toLowerCase())?.id ?? null) : null;
    reports.push({
      line: v.line,
      name: `${referral.firstName} ${referral.lastName}`,
      already: Boolean(live) || v.alreadyImported,
      referralId: referral.id,
      clientId: referral.clientId,
      providerId: referral.providerId,
      periodKind: period.kind,
      periodStart: period.start,
      periodEnd: period.end,
      hoursPlanned: v.input.plannedHours ?? 0,
      hoursAttended: v.input.hours,
      activityKindId,
      excusedHours: toNumber(r.geoorloofd) ?? 0,
      excusedReason: r.reden || null,
      unexcusedHours: toNumber(r.ongeoorloofd) ?? 0,
      progressNote: r.voortgang || null,
      levels,
      completed: r.afgerond ? COMPLETED_WORDS[r.afgerond.toLowerCase()]! : null,
      dropoutRisk: yes(r.uitval),
      dropoutNote: yes(r.uitval) ? r.uitval_toelichting : null,
      importKey: v.importKey,
      source,
    });
  }
  void providerName;
  return { check, reports };
}

function describePeriod(p: Pick<ReportPeriod, 'kind' | 'start' | 'end'>): string {
  return p.kind === 'MONTH' ? `maand ${formatDate(p.start).replace(/^\d+ /, '')}` : `week ${formatDate(p.start)} t/m ${formatDate(p.end)}`;
}

export function describeReport(r: Pick<ProviderReport, 'periodKind' | 'periodStart' | 'periodEnd' | 'hoursAttended' | 'hoursPlanned'>): string {
  return `${describePeriod({ kind: r.periodKind, start: r.periodStart, end: r.periodEnd })}: ${formatHours(r.hoursAttended)} van ${formatHours(r.hoursPlanned)} uur gevolgd`;
}

/** Saves checked reports in one transaction: a corrected report replaces a rejected one; live ones are skipped. */
function saveReports(deps: Deps, actor: Actor, provider: { id: number; name: string }, checked: CheckedReports): { saved: number; skipped: number } {
  const toSave = checked.reports.filter((r) => !r.already);
  const byClient = new Map<number, typeof toSave>();
  for (const r of toSave) byClient.set(r.clientId, [...(byClient.get(r.clientId) ?? []), r]);
  deps.db.transaction(() => {
    for (const [clientId, reports] of byClient) {
      changeDossier(deps, actor, clientId, () => {
        const events: DossierEvent[] = reports.map((r) => {
          markRejectedReplaced(deps.db, r.referralId, r.periodStart, r.periodEnd);
          const id = insertReport(deps.db, r, actor.user.id, actor.nowIso);
          return { kind: 'PROVIDER_REPORT', summary: `Rapportage van ${provider.name} ingediend (${describeReport({ ...r })})`, refTable: 'provider_reports', refId: id };
        });
        return { value: null, events };
      });
    }
  })();
  for (const clientId of byClient.keys()) auditProvider(actor, { ...provider, kind: '', active: true }, 'aanbieder-rapportage-ingediend', { clientId });
  return { saved: toSave.length, skipped: checked.reports.length - toSave.length };
}

// ---- The grid

export interface GridClient {
  referral: ProviderReferralRow;
  componentLabel: string;
  current: ProviderReport | null;
  editable: boolean;
  activityNeeded: boolean;
}

/** The report grid of a period: every confirmed referral of the provider that runs in the period. */
export function loadReportGrid(deps: Deps, actor: Actor, periodKey: unknown) {
  const provider = requireProvider(deps, actor);
  const period = (typeof periodKey === 'string' ? periodOfKey(periodKey) : null) ?? previousMonth(actor.today);
  const referrals = listRunningReferralsOfProvider(deps.db, provider.id, actor.today).filter(
    (r) => r.status === 'CONFIRMED' && r.startOn <= period.end,
  );
  const clients: GridClient[] = referrals.map((r) => {
    const reports = reportsOfReferralPeriod(deps.db, r.id, period.start, period.end);
    const current = reports.find((x) => x.status !== 'REPLACED') ?? null;
    return {
      referral: r,
      componentLabel: COMPONENT_LABELS[r.component],
      current,
      editable: !current || current.status === 'REJECTED',
      activityNeeded: COMPONENT_HOUR_KIND[r.component] === 'PARTICIPATION',
    };
  });
  for (const c of new Set(clients.map((c) => c.referral.clientId))) auditProvider(actor, provider, 'aanbieder-rapportages-bekeken', { clientId: c });
  return {
    provider,
    period,
    periodLabel: describePeriod(period),
    clients,
    history: listReportsOfProvider(deps.db, provider.id, 50),
    statusLabels: REPORT_STATUS_LABELS,
    activityOptions: listActivityKinds(deps.db).map((a) => ({ value: a.name, label: a.name })),
    periodEnded: period.end < actor.today,
  };
}

/** One grid row as posted: field → text. */
export type GridInput = Record<string, Partial<Record<'uren' | 'gepland' | 'activiteit' | ReportColumn, string>>>;

/** Submits the grid: every filled row of an editable referral, checked as one file; all or nothing. */
export function submitReportGrid(deps: Deps, actor: Actor, periodKey: unknown, input: GridInput): Result<{ message: string }> {
  const provider = requireProvider(deps, actor);
  const period = typeof periodKey === 'string' ? periodOfKey(periodKey) : null;
  if (!period) throw notFound('Deze periode bestaat niet.');
  if (period.end >= actor.today) return invalid({ _form: `U kunt pas rapporteren als de periode voorbij is (na ${formatDate(period.end)}).` });
  const referrals = listRunningReferralsOfProvider(deps.db, provider.id, actor.today);
  const rows: ReportRow[] = [];
  const refIds: number[] = [];
  for (const [rawId, v] of Object.entries(input)) {
    if (!Object.values(v).some((x) => x && x.trim())) continue;
    const referral = referrals.find((r) => String(r.id) === rawId);
    if (!referral) throw notFound('Deze verwijzing bestaat niet of u heeft er geen toegang (meer) toe.');
    refIds.push(referral.id);
    const t = (k: keyof typeof v) => (v[k] ?? '').trim();
    rows.push({
      clientnummer: referral.clientNumber,
      soort: KIND_WORD[COMPONENT_HOUR_KIND[referral.component]],
      activiteit: t('activiteit'),
      van: period.start,
      tot: period.end,
      uren: t('uren'),
      gepland: t('gepland'),
      aanbieder: provider.name,
      geoorloofd: t('geoorloofd'),
      reden: t('reden'),
      ongeoorloofd: t('ongeoorloofd'),
      voortgang: t('voortgang'),
      niveaus: t('niveaus'),
      afgerond: t('afgerond'),
      uitval: t('uitval'),
      uitval_toelichting: t('uitval_toelichting'),
    });
  }
  if (!rows.length) return invalid({ _form: 'Vul voor minstens één cliënt de uren in.' });
  const checked = checkReportRows(deps, actor, provider.name, rows, 'GRID', referrals);
  if (checked.check.problems.length) {
    const errors: Record<string, string> = {};
    for (const p of checked.check.problems) {
      const field = p.field === 'clientnummer' || p.field === 'soort' || p.field === 'van' || p.field === 'tot' ? 'uren' : p.field;
      errors[`r${refIds[p.line - 2]}_${field}`] ??= p.message;
    }
    return invalid(errors);
  }
  const { saved, skipped } = saveReports(deps, actor, provider, checked);
  return ok({ message: `${saved} rapportage${saved === 1 ? '' : 's'} ingediend${skipped ? `; ${skipped} ${skipped === 1 ? 'was' : 'waren'} al eerder ingediend` : ''}.` });
}

export type CsvRefusal = { kind: 'invalid'; errors: { file: string } } | { kind: 'problems'; problems: ImportProblem[] };

/** Uploads a CSV of reports: checked by the hour import's validator; all or nothing; a report sent before counts once. */
export function submitReportCsv(
  deps: Deps,
  actor: Actor,
  file: { name: string; bytes: Buffer } | null,
): Result<{ message: string }, CsvRefusal> {
  const provider = requireProvider(deps, actor);
  if (!file || file.bytes.length === 0) return refuse({ kind: 'invalid', errors: { file: 'Kies een CSV-bestand met rapportages.' } });
  const parsed = parseHourCsv(file.bytes, REPORT_COLUMNS);
  if (parsed.problems.length) return refuse({ kind: 'problems', problems: parsed.problems });
  const rows = parsed.rows.map((r) => ({ ...r, aanbieder: r.aanbieder || provider.name }));
  const checked = checkReportRows(deps, actor, provider.name, rows, 'CSV', listRunningReferralsOfProvider(deps.db, provider.id, actor.today));
  if (checked.check.problems.length) {
    auditProvider(actor, provider, 'aanbieder-rapportage-geweigerd', { outcome: 'error', extra: file.name.slice(0, 100) });
    return refuse({ kind: 'problems', problems: checked.check.problems });
  }
  const { saved, skipped } = saveReports(deps, actor, provider, checked);
  return ok({
    message: `${saved} rapportage${saved === 1 ? '' : 's'} ingediend uit ${file.name.slice(0, 100)}${skipped ? `; ${skipped} ${skipped === 1 ? 'regel was' : 'regels waren'} al eerder ingediend en ${skipped === 1 ? 'is' : 'zijn'} overgeslagen` : ''}.`,
  });
}

// ---- The consulent's side

/** The inbox of the start page: submitted reports of the consulent's own clients (a teamleider: the team's). */
export function loadReportInbox(deps: Deps, actor: Actor): ProviderReport[] {
  const { user } = actor;
  if ((user.role !== 'consulent' && user.role !== 'teamleider') || user.teamId === null) return [];
  return listSubmittedReports(deps.db, user.teamId, user.role === 'consulent' ? user.id : null);
}

function loadReportFor(deps: Deps, actor: Actor, rawId: unknown) {
  const id = toId(rawId);
  const report = id === null ? undefined : findReport(deps.db, id);
  if (!report || report.status === 'REPLACED') throw notFound('Deze rapportage bestaat niet.');
  const client = loadClient(deps, actor, report.clientId);
  return { report, client };
}

/** One report for the consulent's decision. */
export function loadReportReview(deps: Deps, actor: Actor, reportId: unknown) {
  const { report, client } = loadReportFor(deps, actor, reportId);
  actor.audit('aanbiederrapportage-bekeken', 'voortgang', { clientId: client.id });
  return {
    report,
    client,
    componentLabel: COMPONENT_LABELS[report.component as ReferralComponent],
    statusLabels: REPORT_STATUS_LABELS,
    completedLabels: COMPLETED_LABELS,
    levelText: report.levels.map((l) => `${LEVEL_SKILL_LABELS[l.skill as LevelSkill]} ${LEVEL_NAMES[l.level as Level]}`).join(', '),
    canDecide: report.status === 'SUBMITTED' && actor.user.role === 'consulent' && !client.closedOn,
  };
}

/**
 * Accepts a submitted report: the hours (source = the provider, linked to the report; skipped when the natural key
 * was counted before), the excused absence and the levels, as the consulent's own forms record them; one transaction.
 */
export function acceptReport(deps: Deps, actor: Actor, reportId: unknown, version: number): Result<{ message: string }> {
  const { report, client } = loadReportFor(deps, actor, reportId);
  if (actor.user.role !== 'consulent') throw forbidden('Alleen een consulent beslist over een rapportage.');
  const closed = closedRefusal(actor, client, 'uren');
  if (closed) return { ok: false, refusal: closed };
  if (report.status !== 'SUBMITTED') throw conflict('Over deze rapportage is al beslist.');
  const { db } = deps;
  const kind = COMPONENT_HOUR_KIND[report.component as ReferralComponent];
  const saved = changeDossier(deps, actor, client.id, () => {
    const events: DossierEvent[] = [];
    let hourId: number | null = null;
    if (!importKeyExists(db, report.importKey)) {
      hourId = insertHour(
        db,
        client.id,
        {
          kind,
          activityKindId: report.activityKindId,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          hours: report.hoursAttended,
          plannedHours: report.hoursPlanned,
          providerId: report.providerId,
          organisation: null,
          note: report.progressNote,
        },
        actor.user.id,
        actor.nowIso,
        { importId: null, importKey: report.importKey },
      );
      linkHourToReport(db, hourId, report.id);
      events.push({ kind: 'HOURS', summary: `Uren uit de rapportage van ${report.providerName}: ${describeReport(report)}`, refTable: 'hour_entries', refId: hourId });
    }
    if (!decideReport(db, report.id, version, { status: 'ACCEPTED', rejectReason: null, hourEntryId: hourId }, actor.user.id, actor.nowIso)) return null;
    if (report.excusedHours > 0) {
      const id = insertExcusedAbsence(
        db,
        { clientId: client.id, fromDate: report.periodStart, toDate: report.periodEnd, hours: report.excusedHours, reasonKind: 'OVERIG', note: `Gemeld door ${report.providerName}: ${report.excusedReason ?? ''}` },
        actor.user.id,
        actor.nowIso,
      );
      events.push({ kind: 'EXCUSED_ABSENCE', summary: `Verzuim: ${formatHours(report.excusedHours)} uur geoorloofd afwezig (gemeld door ${report.providerName})`, refTable: 'excused_absences', refId: id, occurredOn: report.periodStart });
    }
    for (const l of report.levels) {
      const id = insertLevel(db, client.id, { skill: l.skill as LevelSkill, level: l.level as Level, source: 'PROVIDER_TEST', measuredOn: report.periodEnd, note: `Gemeten door ${report.providerName}` }, actor.user.id, actor.nowIso);
      events.push({ kind: 'LANGUAGE_LEVEL', summary: `Taalniveau ${LEVEL_SKILL_LABELS[l.skill as LevelSkill].toLowerCase()}: ${LEVEL_NAMES[l.level as Level]} (${report.providerName})`, refTable: 'language_levels', refId: id });
    }
    events.push({ kind: 'PROVIDER_REPORT', summary: `Rapportage van ${report.providerName} geaccepteerd (${describeReport(report)})`, refTable: 'provider_reports', refId: report.id });
    return { value: hourId, events };
  });
  if (!saved) return stale('Over deze rapportage is intussen beslist of ze is gewijzigd; er is niets opgeslagen.');
  actor.audit('aanbiederrapportage-geaccepteerd', 'voortgang', { clientId: client.id });
  return ok({
    message: `Geaccepteerd: ${report.firstName} ${report.lastName}, ${describeReport(report)}.${saved.value === null ? ' Deze uren waren al eerder geteld en zijn niet nog eens opgeteld.' : ''}`,
  });
}

/** Sends a submitted report back with a reason the provider sees. */
export function rejectReport(deps: Deps, actor: Actor, reportId: unknown, version: number, form: Parsed<{ reason: string }>): Result<{ message: string }> {
  const { report, client } = loadReportFor(deps, actor, reportId);
  if (actor.user.role !== 'consulent') throw forbidden('Alleen een consulent beslist over een rapportage.');
  const closed = closedRefusal(actor, client, 'rapportages');
  if (closed) return { ok: false, refusal: closed };
  if (report.status !== 'SUBMITTED') throw conflict('Over deze rapportage is al beslist.');
  if (!form.ok) return invalid(form.errors);
  const { reason } = form.data;
  const saved = changeDossier(deps, actor, client.id, () =>
    decideReport(deps.db, report.id, version, { status: 'REJECTED', rejectReason: reason, hourEntryId: null }, actor.user.id, actor.nowIso)
      ? { value: report.id, events: [{ kind: 'PROVIDER_REPORT', summary: `Rapportage van ${report.providerName} teruggestuurd (${describeReport(report)}). Reden: ${reason}`, refTable: 'provider_reports', refId: report.id }] }
      : null,
  );
  if (!saved) return stale('Over deze rapportage is intussen beslist of ze is gewijzigd; er is niets opgeslagen.');
  actor.audit('aanbiederrapportage-teruggestuurd', 'voortgang', { clientId: client.id });
  return ok({ message: `Teruggestuurd naar ${report.providerName}: ${report.firstName} ${report.lastName}, ${describeReport(report)}.` });
}

export { LEVEL_SCALE, LEVEL_SKILLS };
