import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { findClientDetail, findClientStatus } from '../../db/clients.js';
import { refreshClientStatus } from '../../db/client-status.js';
import { activeLeefdomeinen, allLeefdomeinen } from '../../db/intakes.js';
import {
  activeProviders,
  addPipVersion,
  CORE_VALUE_LABELS,
  CORE_VALUES,
  findPipVersion,
  findProvider,
  listPipVersions,
  PIP_FIELD_LABELS,
  type PipContent,
  type PipVersion,
  pipContentSchema,
  REVISION_REASON_LABELS,
  type RevisionReason,
} from '../../db/pips.js';
import { currentRoute } from '../../db/progress.js';
import { listRouteDecisions } from '../../db/routes.js';
import { addClientEvent } from '../../db/timeline.js';
import { ROUTE_LABELS, type Route } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { loadClientForRequest } from '../client-access.js';
import { notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { formatDate, formatDateShort } from '../view-helpers.js';
import {
  type FieldErrors,
  optionalChoice,
  optionalDate,
  optionalNumber,
  optionalText,
  parseInput,
  requiredDate,
  requiredText,
} from '../validation.js';
import { loadDossierHeader, refuseIfClosed } from './dossier-common.js';

const EXTRA_GOAL_ROWS = 3;
const LATER_REASONS = ['ROUTE_SWITCH', 'AFSCHALEN', 'MOVE', 'OTHER'] as const;

const pipSchema = (today: string) =>
  z.object({
    vastgesteldOn: requiredDate('de datum waarop het PIP is vastgesteld').refine((d) => d <= today, {
      message: 'De datum van vaststelling kan niet in de toekomst liggen',
    }),
    revisionReason: optionalChoice('reden voor de nieuwe versie', LATER_REASONS),
    revisionNote: optionalText('de toelichting op de reden', 2000),
    taalaanbiederId: optionalNumber('de taalaanbieder', { integer: true, min: 1 }),
    participatiecoachId: optionalNumber('de participatiecoach', { integer: true, min: 1 }),
    languageGoal: requiredText('het taaldoel', 2000),
    hoursPerWeekLanguage: optionalNumber('het aantal uren taal per week', { min: 0, max: 40 }),
    participationGoals: requiredText('de participatiedoelen', 4000),
    hoursPerWeekParticipation: optionalNumber('het aantal uren participatie per week', { min: 0, max: 40 }),
    mapThemes: optionalText('de afspraken over de MAP-thema’s'),
    mapPractice: optionalText('de afspraken over het praktijkdeel'),
    mapWorkingExemption: optionalText('de vrijstelling voor werkenden'),
    pvtHours: optionalNumber('het aantal uren PVT', { min: 12, max: 200 }),
    pvtCoreValue: optionalChoice('kernwaarde', CORE_VALUES),
    pvtActivity: optionalText('de PVT-activiteit', 2000),
    pvtSigningPlannedOn: optionalDate('de geplande datum van ondertekening'),
    knm: optionalText('de afspraken over KNM'),
    supportOntzorgen: optionalText('ontzorgen'),
    supportBegeleiding: optionalText('begeleiding'),
    supportInterpreter: optionalText('tolk of taalassistent', 1000),
  });

/** Goal rows come in as goal_domain_N, goal_text_N, goal_date_N; a row with anything filled must be complete. */
function parseGoalRows(body: Record<string, unknown>, domains: Map<number, string>, errors: FieldErrors): PipContent['domainGoals'] {
  const rows: PipContent['domainGoals'] = [];
  for (let i = 0; i < 100; i++) {
    if (!(`goal_text_${i}` in body) && !(`goal_domain_${i}` in body)) break;
    const domain = String(body[`goal_domain_${i}`] ?? '').trim();
    const goal = String(body[`goal_text_${i}`] ?? '').trim();
    const date = String(body[`goal_date_${i}`] ?? '').trim();
    if (!domain && !goal && !date) continue;
    const domainId = Number(domain);
    if (!domain || !domains.has(domainId)) errors[`goal_domain_${i}`] = `Kies het leefdomein bij doel ${i + 1}`;
    if (!goal) errors[`goal_text_${i}`] = `Beschrijf doel ${i + 1}`;
    else if (goal.length > 1000) errors[`goal_text_${i}`] = `Doel ${i + 1} mag maximaal 1000 tekens zijn`;
    const parsedDate = optionalDate(`de streefdatum bij doel ${i + 1}`).safeParse(date);
    if (!parsedDate.success) errors[`goal_date_${i}`] = parsedDate.error.issues[0]?.message ?? 'Ongeldige datum';
    if (domains.has(domainId) && goal && parsedDate.success) {
      rows.push({ leefdomeinId: domainId, leefdomein: domains.get(domainId)!, goal, targetOn: parsedDate.data });
    }
  }
  return rows;
}

function valuesOf(content: PipContent | null, today: string): Record<string, unknown> {
  const v: Record<string, unknown> = { vastgesteldOn: today };
  if (!content) return v;
  for (const [k, val] of Object.entries(content)) if (k !== 'domainGoals') v[k] = val === null ? '' : String(val);
  content.domainGoals.forEach((g, i) => {
    v[`goal_domain_${i}`] = String(g.leefdomeinId);
    v[`goal_text_${i}`] = g.goal;
    v[`goal_date_${i}`] = g.targetOn ?? '';
  });
  return v;
}

/** One field's value as text for the version view, the comparison, and the provider and print views. */
export function displayValue(key: keyof PipContent, c: PipContent): string {
  const v = c[key];
  if (v === null || v === undefined || v === '') return '';
  switch (key) {
    case 'route':
      return ROUTE_LABELS[v as Route];
    case 'pvtCoreValue':
      return CORE_VALUE_LABELS[v as (typeof CORE_VALUES)[number]];
    case 'pvtSigningPlannedOn':
      return formatDate(v as string);
    case 'hoursPerWeekLanguage':
    case 'hoursPerWeekParticipation':
    case 'pvtHours':
      return `${String(v).replace('.', ',')} uur`;
    case 'domainGoals':
      return (v as PipContent['domainGoals'])
        .map((g) => `${g.leefdomein}: ${g.goal}${g.targetOn ? ` (streefdatum ${formatDateShort(g.targetOn)})` : ''}`)
        .join('\n');
    default:
      return String(v);
  }
}

export function pipRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  const staff = requireRole('consulent', 'teamleider');

  const crumbs = (clientId: number, name: string, last: string, extra: { href: string; label: string }[] = []) => [
    { href: '/clients', label: 'Cliënten' },
    { href: `/clients/${clientId}`, label: name },
    ...extra,
    { label: last },
  ];

  const renderForm = (
    res: Response,
    clientId: number,
    o: { status?: number; values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) => {
    const today = todayOf(clock);
    const header = loadDossierHeader(db, clientId);
    const versions = listPipVersions(db, clientId);
    const latest = versions[0] ?? null;
    const route = currentRoute(db, clientId);
    const providers = activeProviders(db);
    const values = o.values ?? valuesOf(latest?.content ?? null, today);
    if (!o.values && latest && route && latest.content.route && latest.content.route !== route) values.revisionReason = 'ROUTE_SWITCH';
    let filled = 0;
    for (let i = 0; i < 100; i++) {
      if (values[`goal_text_${i}`] !== undefined || values[`goal_domain_${i}`] !== undefined) filled = i + 1;
    }
    const rowCount = o.values ? Math.max(filled, EXTRA_GOAL_ROWS) : filled + EXTRA_GOAL_ROWS;
    const status = findClientStatus(db, clientId);
    res.status(o.status ?? 200).render('pip/form', {
      title: `${latest ? 'Nieuwe PIP-versie' : 'PIP opstellen'} – ${header.name}`,
      breadcrumbs: crumbs(clientId, header.name, latest ? 'Nieuwe versie' : 'PIP opstellen', latest ? [{ href: `/clients/${clientId}/pip`, label: 'PIP' }] : []),
      header,
      clientId,
      route,
      routePending: listRouteDecisions(db, clientId).filter((d) => d.approvalStatus !== 'REJECTED').at(-1)?.approvalStatus === 'PENDING',
      latest,
      nextNo: (latest?.versionNo ?? 0) + 1,
      values,
      errors: o.errors ?? {},
      rowCount,
      domainOptions: activeLeefdomeinen(db).map((d) => ({ value: String(d.id), label: d.name })),
      taalOptions: providers.filter((p) => p.kind === 'TAALAANBIEDER').map((p) => ({ value: String(p.id), label: p.name })),
      coachOptions: providers.filter((p) => p.kind === 'PARTICIPATIECOACH').map((p) => ({ value: String(p.id), label: p.name })),
      reasonOptions: LATER_REASONS.map((r) => ({ value: r, label: REVISION_REASON_LABELS[r] })),
      coreValueOptions: CORE_VALUES.map((c) => ({ value: c, label: CORE_VALUE_LABELS[c] })),
      pipDueOn: status?.pip_due_on ?? null,
      today,
      ROUTE_LABELS,
    });
  };

  const noRoute = (res: Response, clientId: number) => {
    const header = loadDossierHeader(db, clientId);
    res.render('pip/no-route', {
      title: `PIP – ${header.name}`,
      breadcrumbs: crumbs(clientId, header.name, 'PIP'),
      header,
      clientId,
      today: todayOf(clock),
    });
  };

  router.get('/clients/:id/pip', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    req.audit('pip-bekeken', 'pip', { clientId: ref.id });
    const route = currentRoute(db, ref.id);
    const versions = listPipVersions(db, ref.id);
    if (!versions.length) {
      if (!route) return noRoute(res, ref.id);
      if (ref.closedOn) return noRoute(res, ref.id);
      return renderForm(res, ref.id);
    }
    const header = loadDossierHeader(db, ref.id);
    const latest = versions[0]!;
    res.render('pip/show', {
      title: `PIP – ${header.name}`,
      breadcrumbs: crumbs(ref.id, header.name, 'PIP'),
      header,
      clientId: ref.id,
      version: latest,
      versions,
      isLatest: true,
      route,
      rows: PIP_FIELD_LABELS.map(([k, label]) => ({ label, value: displayValue(k, latest.content) })),
      REVISION_REASON_LABELS,
      needsRevision: Boolean(route && latest.content.route && latest.content.route !== route),
      today: todayOf(clock),
      ROUTE_LABELS,
    });
  });

  router.get('/clients/:id/pip/new', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    req.audit('pip-bekeken', 'pip', { clientId: ref.id });
    if (!currentRoute(db, ref.id)) return noRoute(res, ref.id);
    renderForm(res, ref.id);
  });

  router.post('/clients/:id/pip', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    const route = currentRoute(db, ref.id);
    if (!route) {
      req.audit('pip-bekeken', 'pip', { clientId: ref.id });
      return noRoute(res.status(400), ref.id);
    }
    const today = todayOf(clock);
    const latest = listPipVersions(db, ref.id)[0] ?? null;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseInput(pipSchema(today), body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const domains = new Map(allLeefdomeinen(db).map((d) => [d.id, d.name]));
    const goals = parseGoalRows(body, domains, errors);
    let reason: RevisionReason = 'FIRST';
    if (parsed.ok) {
      const d = parsed.data;
      if (latest) {
        if (!d.revisionReason) errors.revisionReason = 'Kies waarom er een nieuwe versie van het PIP komt';
        else reason = d.revisionReason;
        if (d.revisionReason === 'OTHER' && !d.revisionNote) errors.revisionNote = 'Licht de reden toe als u ‘Andere reden’ kiest';
        if (d.vastgesteldOn < latest.vastgesteldOn) {
          errors.vastgesteldOn = `De datum kan niet voor de vorige versie liggen (${formatDateShort(latest.vastgesteldOn)})`;
        }
      }
      if (d.pvtActivity && !d.pvtCoreValue) errors.pvtCoreValue = 'Koppel de PVT-activiteit aan een van de vier kernwaarden';
      if (d.taalaanbiederId !== null && findProvider(db, d.taalaanbiederId)?.kind !== 'TAALAANBIEDER') errors.taalaanbiederId = 'Kies een taalaanbieder uit de lijst';
      if (d.participatiecoachId !== null && findProvider(db, d.participatiecoachId)?.kind !== 'PARTICIPATIECOACH') {
        errors.participatiecoachId = 'Kies een participatiecoach uit de lijst';
      }
    }
    if (!parsed.ok || Object.keys(errors).length) {
      req.audit('pip-bekeken', 'pip', { clientId: ref.id });
      return renderForm(res, ref.id, { status: 400, values: body, errors });
    }
    const d = parsed.data;
    const content = pipContentSchema.parse({
      route,
      taalaanbiederId: d.taalaanbiederId,
      taalaanbiederName: d.taalaanbiederId ? (findProvider(db, d.taalaanbiederId)?.name ?? null) : null,
      participatiecoachId: d.participatiecoachId,
      participatiecoachName: d.participatiecoachId ? (findProvider(db, d.participatiecoachId)?.name ?? null) : null,
      languageGoal: d.languageGoal,
      participationGoals: d.participationGoals,
      hoursPerWeekLanguage: d.hoursPerWeekLanguage,
      hoursPerWeekParticipation: d.hoursPerWeekParticipation,
      domainGoals: goals,
      mapThemes: d.mapThemes,
      mapPractice: d.mapPractice,
      mapWorkingExemption: d.mapWorkingExemption,
      pvtHours: d.pvtHours,
      pvtCoreValue: d.pvtCoreValue,
      pvtActivity: d.pvtActivity,
      pvtSigningPlannedOn: d.pvtSigningPlannedOn,
      knm: d.knm,
      supportOntzorgen: d.supportOntzorgen,
      supportBegeleiding: d.supportBegeleiding,
      supportInterpreter: d.supportInterpreter,
    });
    const user = req.user!;
    const now = clock.now().toISOString();
    const versionNo = db.transaction(() => {
      const no = addPipVersion(
        db,
        {
          clientId: ref.id,
          vastgesteldOn: d.vastgesteldOn,
          revisionReason: reason,
          revisionNote: d.revisionNote,
          content,
          userId: user.id,
        },
        now,
      );
      refreshClientStatus(db, ref.id, today);
      const termijnEnd = findClientStatus(db, ref.id)?.termijn_end ?? null;
      addClientEvent(db, {
        clientId: ref.id,
        occurredOn: d.vastgesteldOn,
        kind: 'PIP_VERSION',
        summary:
          no === 1
            ? `PIP vastgesteld (versie 1, ${ROUTE_LABELS[route]}); de inburgeringstermijn loopt tot ${termijnEnd ? formatDateShort(termijnEnd) : '–'}`
            : `PIP versie ${no} vastgesteld: ${REVISION_REASON_LABELS[reason].toLowerCase()}`,
        refTable: 'pip_versions',
        refId: no,
        userId: user.id,
        createdAt: now,
      });
      return no;
    })();
    const termijnEnd = findClientStatus(db, ref.id)?.termijn_end ?? null;
    req.audit(versionNo === 1 ? 'pip-vastgesteld' : 'pip-herzien', 'pip', { clientId: ref.id });
    req.session.flash = {
      kind: 'ok',
      message:
        versionNo === 1
          ? `Het PIP is vastgesteld. De inburgeringstermijn loopt tot en met ${formatDate(termijnEnd)}.`
          : `Versie ${versionNo} van het PIP is vastgesteld.`,
    };
    res.redirect(303, `/clients/${ref.id}/pip`);
  });

  const versionOr404 = (clientId: number, raw: unknown): PipVersion => {
    const no = Number(raw);
    const v = Number.isInteger(no) && no > 0 ? findPipVersion(db, clientId, no) : undefined;
    if (!v) throw notFound('Deze versie van het PIP bestaat niet.');
    return v;
  };

  router.get('/clients/:id/pip/versions/:no', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    const version = versionOr404(ref.id, req.params.no);
    req.audit('pip-bekeken', 'pip', { clientId: ref.id });
    const header = loadDossierHeader(db, ref.id);
    const versions = listPipVersions(db, ref.id);
    res.render('pip/show', {
      title: `PIP versie ${version.versionNo} – ${header.name}`,
      breadcrumbs: crumbs(ref.id, header.name, `Versie ${version.versionNo}`, [{ href: `/clients/${ref.id}/pip`, label: 'PIP' }]),
      header,
      clientId: ref.id,
      version,
      versions,
      isLatest: version.versionNo === versions[0]?.versionNo,
      route: currentRoute(db, ref.id),
      rows: PIP_FIELD_LABELS.map(([k, label]) => ({ label, value: displayValue(k, version.content) })),
      REVISION_REASON_LABELS,
      needsRevision: false,
      today: todayOf(clock),
      ROUTE_LABELS,
    });
  });

  router.get('/clients/:id/pip/compare', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    const versions = listPipVersions(db, ref.id);
    if (versions.length < 2) throw notFound('Er zijn nog geen twee versies om te vergelijken.');
    const a = versionOr404(ref.id, req.query.a ?? versions[1]!.versionNo);
    const b = versionOr404(ref.id, req.query.b ?? versions[0]!.versionNo);
    req.audit('pip-vergeleken', 'pip', { clientId: ref.id });
    const header = loadDossierHeader(db, ref.id);
    const rows = [
      { label: 'Vastgesteld op', a: formatDate(a.vastgesteldOn), b: formatDate(b.vastgesteldOn) },
      {
        label: 'Reden',
        a: REVISION_REASON_LABELS[a.revisionReason] + (a.revisionNote ? `: ${a.revisionNote}` : ''),
        b: REVISION_REASON_LABELS[b.revisionReason] + (b.revisionNote ? `: ${b.revisionNote}` : ''),
      },
      ...PIP_FIELD_LABELS.map(([k, label]) => ({ label, a: displayValue(k, a.content), b: displayValue(k, b.content) })),
    ].map((r) => ({ ...r, changed: r.a !== r.b }));
    res.render('pip/compare', {
      title: `PIP vergelijken – ${header.name}`,
      breadcrumbs: crumbs(ref.id, header.name, 'Vergelijken', [{ href: `/clients/${ref.id}/pip`, label: 'PIP' }]),
      header,
      clientId: ref.id,
      a,
      b,
      rows,
      changedCount: rows.filter((r) => r.changed).length,
      versionOptions: versions.map((v) => ({ value: String(v.versionNo), label: `Versie ${v.versionNo} (${formatDateShort(v.vastgesteldOn)})` })),
      today: todayOf(clock),
    });
  });

  const shareOrPrint = (kind: 'share' | 'print') => (req: Request, res: Response) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    const versions = listPipVersions(db, ref.id);
    const version = versions[0];
    if (!version) throw notFound('Er is nog geen PIP vastgesteld.');
    req.audit(kind === 'share' ? 'pip-aanbiederversie-bekeken' : 'pip-afdrukversie-bekeken', 'pip', { clientId: ref.id });
    const client = findClientDetail(db, ref.id)!;
    const status = findClientStatus(db, ref.id);
    res.render(kind === 'share' ? 'pip/share' : 'pip/print', {
      title: kind === 'share' ? `PIP voor de aanbieder – ${client.firstName} ${client.lastName}` : `Mijn plan – ${client.firstName} ${client.lastName}`,
      breadcrumbs:
        kind === 'share'
          ? crumbs(ref.id, `${client.firstName} ${client.lastName}`, 'Voor de aanbieder', [{ href: `/clients/${ref.id}/pip`, label: 'PIP' }])
          : [],
      client,
      clientId: ref.id,
      version,
      c: version.content,
      termijnEnd: status?.termijn_end ?? null,
      dv: (k: keyof PipContent) => displayValue(k, version.content),
      ROUTE_LABELS,
      CORE_VALUE_LABELS,
    });
  };
  router.get('/clients/:id/pip/share', staff, shareOrPrint('share'));
  router.get('/clients/:id/pip/print', staff, shareOrPrint('print'));

  return router;
}
