import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { refreshClientStatus } from '../../db/client-status.js';
import { CLOSURE_LABELS } from '../../db/closures.js';
import {
  addContactAttempt,
  CONTACT_CHANNEL_LABELS,
  CONTACT_CHANNELS,
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
  listContactAttempts,
  listOpenAgreements,
  updateClient,
} from '../../db/clients.js';
import { loadEligibility } from '../../db/progress.js';
import { listRouteDecisions } from '../../db/routes.js';
import { addClientEvent, countClientEvents, listClientEvents } from '../../db/timeline.js';
import { listConsulentenOfTeam, type User } from '../../db/users.js';
import { DOELGROEP_LABELS, isValidBsn, maskBsn, PHASE_LABELS, ROUTE_LABELS } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { canSeeFullBsn, loadClientForRequest } from '../client-access.js';
import { forbidden } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import {
  checkbox,
  choice,
  type FieldErrors,
  optionalText,
  parseInput,
  requiredDate,
  requiredText,
} from '../validation.js';
import { loadDossierHeader, refuseIfClosed } from './dossier-common.js';

const PAGE_SIZE = 25;
const TIMELINE_LIMIT = 15;

const bsnField = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s.-]/g, '') : ''),
  z
    .string()
    .transform((v, ctx) => {
      if (v === '') return null;
      if (!/^\d{9}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'Een BSN heeft 9 cijfers. Controleer het nummer of laat het veld leeg.' });
        return z.NEVER;
      }
      if (!isValidBsn(v)) {
        ctx.addIssue({
          code: 'custom',
          message: 'Dit BSN klopt niet (elfproef). Controleer de cijfers, bijvoorbeeld op de brief van de IND of de gemeente.',
        });
        return z.NEVER;
      }
      return v;
    }),
);

const postcodeField = optionalText('de postcode', 10).transform((v, ctx) => {
  if (v === null) return null;
  const m = /^(\d{4})\s?([a-zA-Z]{2})$/.exec(v);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'Vul een postcode in als 1234 AB' });
    return z.NEVER;
  }
  return `${m[1]} ${m[2]!.toUpperCase()}`;
});

const emailField = optionalText('het e-mailadres', 200).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
  message: 'Vul een e-mailadres in als naam@voorbeeld.nl',
});

const phoneField = optionalText('het telefoonnummer', 30).refine((v) => v === null || /^[+\d][\d\s()-]{5,}$/.test(v), {
  message: 'Vul een telefoonnummer in met alleen cijfers, spaties of +, bijvoorbeeld 06 12345678',
});

const consulentField = z.preprocess(
  (v) => (typeof v === 'string' ? v : ''),
  z.string().transform((v) => (v === '' ? null : Number(v))),
);

function clientSchema(today: string) {
  return z.object({
    firstName: requiredText('de voornaam', 100),
    lastName: requiredText('de achternaam', 100),
    birthDate: requiredDate('de geboortedatum').refine((d) => d < today, {
      message: 'De geboortedatum moet in het verleden liggen',
    }),
    bsn: bsnField,
    clientNumber: requiredText('het klantnummer', 30),
    doelgroep: choice('een doelgroep', DOELGROEPEN),
    linkedOn: requiredDate('de datum van koppeling aan de gemeente').refine((d) => d <= today, {
      message: 'De datum van koppeling kan niet in de toekomst liggen',
    }),
    address: optionalText('het adres', 200),
    postcode: postcodeField,
    city: optionalText('de woonplaats', 100),
    phone: phoneField,
    email: emailField,
    preferredLanguage: optionalText('de voorkeurstaal', 100),
    interpreterNeeded: checkbox(),
    consulentId: consulentField,
  });
}

const contactSchema = (today: string) =>
  z.object({
    attemptedOn: requiredDate('de datum van de contactpoging').refine((d) => d <= today, {
      message: 'De datum van de contactpoging kan niet in de toekomst liggen',
    }),
    channel: choice('hoe u contact zocht', CONTACT_CHANNELS),
    reached: choice('of u de cliënt heeft bereikt', ['ja', 'nee'] as const),
    note: optionalText('de notitie', 1000),
  });

function formValuesOf(c: ClientDetail, showBsn: boolean): Record<string, unknown> {
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

const doelgroepOptions = DOELGROEPEN.map((d) => ({ value: d, label: DOELGROEP_LABELS[d] }));

export function clientsRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  const staff = requireRole('consulent', 'teamleider');

  const consulentOptions = (user: User) =>
    user.teamId ? listConsulentenOfTeam(db, user.teamId).map((u) => ({ value: String(u.id), label: u.displayName })) : [];

  /** Extra checks that need the database: unique BSN and client number, consulent of the user's team. */
  function checkAgainstDb(input: ClientInput, user: User, exceptId: number | null): FieldErrors {
    const errors: FieldErrors = {};
    const dup = duplicateFields(db, input, exceptId);
    if (dup.clientNumber) errors.clientNumber = 'Dit klantnummer is al in gebruik bij een andere cliënt';
    if (dup.bsn) errors.bsn = 'Dit BSN is al geregistreerd bij een andere cliënt. Zoek de cliënt op in plaats van opnieuw aan te melden.';
    if (input.consulentId !== null && !consulentOptions(user).some((o) => o.value === String(input.consulentId))) {
      errors.consulentId = 'Kies een consulent van uw team';
    }
    return errors;
  }

  // ---- List --------------------------------------------------------------------------------------
  router.get('/clients', staff, (req, res) => {
    const user = req.user!;
    if (!user.teamId) throw forbidden();
    const scope = user.role === 'teamleider' || req.query.scope === 'team' ? 'team' : 'mine';
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const includeClosed = req.query.closed === '1';
    const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
    const { rows, total } = listClients(db, {
      teamId: user.teamId,
      consulentId: scope === 'mine' ? user.id : null,
      q: q || null,
      bsnOwnerId: user.role === 'consulent' ? user.id : null,
      includeClosed,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    req.audit('clienten-lijst-bekeken', 'aanmelding', { details: `${total} cliënten${q ? ', met zoekterm' : ''}` });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const link = (p: number) => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (scope === 'team' && user.role === 'consulent') params.set('scope', 'team');
      if (includeClosed) params.set('closed', '1');
      if (p > 1) params.set('page', String(p));
      const s = params.toString();
      return `/clients${s ? `?${s}` : ''}`;
    };
    res.render('clients/list', {
      title: scope === 'mine' ? 'Mijn cliënten' : 'Cliënten van het team',
      rows,
      total,
      page,
      pages,
      q,
      scope,
      includeClosed,
      link,
      today: todayOf(clock),
      PHASE_LABELS,
      ROUTE_LABELS,
      DOELGROEP_LABELS,
    });
  });

  // ---- Register -------------------------------------------------------------------------------------
  const renderForm = (
    res: Response,
    user: User,
    o: { status?: number; client?: ClientDetail; values: Record<string, unknown>; errors?: FieldErrors; conflict?: boolean; showBsnField: boolean },
  ) => {
    const today = todayOf(clock);
    res.status(o.status ?? 200).render('clients/form', {
      title: o.client ? `Gegevens wijzigen – ${o.client.firstName} ${o.client.lastName}` : 'Nieuwe cliënt aanmelden',
      breadcrumbs: o.client
        ? [
            { href: '/clients', label: 'Cliënten' },
            { href: `/clients/${o.client.id}`, label: `${o.client.firstName} ${o.client.lastName}` },
            { label: 'Gegevens wijzigen' },
          ]
        : [{ href: '/clients', label: 'Cliënten' }, { label: 'Nieuwe cliënt' }],
      client: o.client ?? null,
      values: o.values,
      errors: o.errors ?? {},
      conflict: o.conflict ?? false,
      showBsnField: o.showBsnField,
      maskedBsn: o.client?.bsn ? maskBsn(o.client.bsn) : null,
      doelgroepOptions,
      consulentOptions: consulentOptions(user),
      today,
    });
  };

  router.get('/clients/new', staff, (req, res) => {
    const user = req.user!;
    renderForm(res, user, {
      values: { consulentId: user.role === 'consulent' ? String(user.id) : '', linkedOn: '' },
      showBsnField: true,
    });
  });

  router.post('/clients/new', staff, (req, res) => {
    const user = req.user!;
    if (!user.teamId) throw forbidden();
    const today = todayOf(clock);
    const parsed = parseInput(clientSchema(today), req.body);
    const errors = parsed.ok ? checkAgainstDb(parsed.data, user, null) : parsed.errors;
    if (!parsed.ok || Object.keys(errors).length) {
      renderForm(res, user, { status: 400, values: req.body, errors, showBsnField: true });
      return;
    }
    const input = parsed.data;
    const now = clock.now().toISOString();
    const id = db.transaction(() => {
      const clientId = createClient(db, input, user.teamId!, now);
      addClientEvent(db, {
        clientId,
        occurredOn: today,
        kind: 'CLIENT_REGISTERED',
        summary: `Aangemeld als ${DOELGROEP_LABELS[input.doelgroep].toLowerCase()} (gekoppeld aan de gemeente op ${input.linkedOn.split('-').reverse().join('-')})`,
        refTable: 'clients',
        refId: clientId,
        userId: user.id,
        createdAt: now,
      });
      refreshClientStatus(db, clientId, today);
      return clientId;
    })();
    req.audit('client-aangemeld', 'aanmelding', { clientId: id });
    req.session.flash = { kind: 'ok', message: `${input.firstName} ${input.lastName} is aangemeld. Begin met de brede intake.` };
    res.redirect(303, `/clients/${id}`);
  });

  // ---- Overview ---------------------------------------------------------------------------------------
  router.get('/clients/:id', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    const today = todayOf(clock);
    const client = findClientDetail(db, ref.id)!;
    const header = loadDossierHeader(db, ref.id);
    const status = findClientStatus(db, ref.id);
    const eligibility = loadEligibility(db, ref.id, today);
    const showAll = req.query.tijdlijn === 'alles';
    const eventCount = countClientEvents(db, ref.id);
    const events = listClientEvents(db, ref.id, showAll ? 10_000 : TIMELINE_LIMIT);
    const decisions = listRouteDecisions(db, ref.id);
    const pendingRoute = decisions.filter((d) => d.approvalStatus === 'PENDING').at(-1) ?? null;
    req.audit('dossier-bekeken', 'aanmelding', { clientId: ref.id });
    res.render('clients/show', {
      title: `${client.firstName} ${client.lastName}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { label: `${client.firstName} ${client.lastName}` }],
      client,
      header,
      status,
      eligibility,
      events,
      eventCount,
      showAll,
      agreements: listOpenAgreements(db, ref.id, 5),
      agreementCount: countOpenAgreements(db, ref.id),
      lastConversation: lastConversation(db, ref.id),
      onlyAddress: !client.phone && !client.email,
      pendingRoute,
      today,
      ROUTE_LABELS,
    });
  });

  // ---- Details (Gegevens) and contact attempts -----------------------------------------------------
  const renderDetails = (req: Request, res: Response, clientId: number, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const today = todayOf(clock);
    const client = findClientDetail(db, clientId)!;
    const user = req.user!;
    res.status(o.status ?? 200).render('clients/details', {
      title: `Gegevens – ${client.firstName} ${client.lastName}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
        { label: 'Gegevens' },
      ],
      client,
      header: loadDossierHeader(db, clientId),
      bsn: client.bsn ? (canSeeFullBsn(user, client) ? client.bsn : maskBsn(client.bsn)) : null,
      bsnFull: canSeeFullBsn(user, client),
      attempts: listContactAttempts(db, clientId),
      channelOptions: CONTACT_CHANNELS.map((c) => ({ value: c, label: CONTACT_CHANNEL_LABELS[c] })),
      CONTACT_CHANNEL_LABELS,
      DOELGROEP_LABELS,
      closureLabel: client.closureReason ? ((CLOSURE_LABELS as Record<string, string>)[client.closureReason] ?? client.closureReason) : null,
      onlyAddress: !client.phone && !client.email,
      errors: o.errors ?? {},
      values: o.values ?? { attemptedOn: today },
      today,
    });
  };

  router.get('/clients/:id/details', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    req.audit('gegevens-bekeken', 'aanmelding', { clientId: ref.id });
    renderDetails(req, res, ref.id);
  });

  router.post('/clients/:id/contact-attempts', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    const today = todayOf(clock);
    const parsed = parseInput(contactSchema(today), req.body);
    if (!parsed.ok) {
      req.audit('gegevens-bekeken', 'aanmelding', { clientId: ref.id });
      renderDetails(req, res, ref.id, { status: 400, errors: parsed.errors, values: req.body });
      return;
    }
    const a = parsed.data;
    const user = req.user!;
    const now = clock.now().toISOString();
    db.transaction(() => {
      const id = addContactAttempt(
        db,
        { clientId: ref.id, attemptedOn: a.attemptedOn, channel: a.channel, reached: a.reached === 'ja', note: a.note, userId: user.id },
        now,
      );
      addClientEvent(db, {
        clientId: ref.id,
        occurredOn: a.attemptedOn,
        kind: 'CONTACT_ATTEMPT',
        summary: `Contactpoging via ${CONTACT_CHANNEL_LABELS[a.channel].toLowerCase()}: ${a.reached === 'ja' ? 'bereikt' : 'niet bereikt'}`,
        refTable: 'contact_attempts',
        refId: id,
        userId: user.id,
        createdAt: now,
      });
      refreshClientStatus(db, ref.id, today);
    })();
    req.audit('contactpoging-vastgelegd', 'aanmelding', { clientId: ref.id });
    req.session.flash = { kind: 'ok', message: 'De contactpoging is vastgelegd.' };
    res.redirect(303, `/clients/${ref.id}/details#contactpogingen`);
  });

  // ---- Edit -------------------------------------------------------------------------------------------
  router.get('/clients/:id/edit', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    const client = findClientDetail(db, ref.id)!;
    const showBsnField = canSeeFullBsn(req.user!, client) || !client.bsn;
    req.audit('gegevens-bekeken', 'aanmelding', { clientId: ref.id });
    renderForm(res, req.user!, { client, values: formValuesOf(client, showBsnField), showBsnField });
  });

  router.post('/clients/:id/edit', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    const user = req.user!;
    const today = todayOf(clock);
    const client = findClientDetail(db, ref.id)!;
    const showBsnField = canSeeFullBsn(user, client) || !client.bsn;
    // Someone who may not see the BSN cannot change it either: keep the stored one.
    const body = showBsnField ? req.body : { ...req.body, bsn: client.bsn ?? '' };
    const parsed = parseInput(clientSchema(today), body);
    const version = Number(req.body?.version);
    const errors = parsed.ok ? checkAgainstDb(parsed.data, user, client.id) : parsed.errors;
    if (!parsed.ok || Object.keys(errors).length) {
      renderForm(res, user, { status: 400, client, values: req.body, errors, showBsnField });
      return;
    }
    const input = parsed.data;
    const now = clock.now().toISOString();
    const saved = db.transaction(() => {
      if (!Number.isInteger(version) || !updateClient(db, client.id, version, input, now)) return false;
      const changes: string[] = [];
      if (client.consulentId !== input.consulentId) changes.push('consulent gewijzigd');
      if (client.doelgroep !== input.doelgroep) changes.push(`doelgroep nu ${DOELGROEP_LABELS[input.doelgroep].toLowerCase()}`);
      addClientEvent(db, {
        clientId: client.id,
        occurredOn: today,
        kind: client.consulentId !== input.consulentId ? 'REASSIGNED' : 'CLIENT_UPDATED',
        summary: `Gegevens gewijzigd${changes.length ? ` (${changes.join(', ')})` : ''}`,
        refTable: 'clients',
        refId: client.id,
        userId: user.id,
        createdAt: now,
      });
      refreshClientStatus(db, client.id, today);
      return true;
    })();
    if (!saved) {
      const fresh = findClientDetail(db, client.id)!;
      res.status(409);
      renderForm(res, user, {
        status: 409,
        client: fresh,
        values: { ...req.body, version: fresh.version },
        errors: {},
        conflict: true,
        showBsnField,
      });
      return;
    }
    req.audit('gegevens-gewijzigd', 'aanmelding', { clientId: client.id });
    req.session.flash = { kind: 'ok', message: 'De gegevens zijn opgeslagen.' };
    res.redirect(303, `/clients/${client.id}/details`);
  });

  return router;
}
