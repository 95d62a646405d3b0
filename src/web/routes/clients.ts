import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  type ClientForm,
  type ClientFormPage,
  clientFormValues,
  changeClient,
  DOELGROEPEN,
  loadClientDetailsPage,
  loadClientEditPage,
  loadClientFormPage,
  loadClientListPage,
  loadDossierPage,
  loadRegisterPage,
  registerClient,
  registerValues,
} from '../../app/clients.js';
import type { FieldErrors } from '../../app/result.js';
import { isValidBsn } from '../../domain/index.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, choice, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';

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

function clientSchema(today: string): z.ZodType<ClientForm> {
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

type FormPage = ReturnType<typeof loadRegisterPage> | ClientFormPage;

export function clientsRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  // ---- List --------------------------------------------------------------------------------------
  router.get('/clients', staff, (req, res) => {
    const actor = actorOf(req, services);
    const page = loadClientListPage(services, actor, {
      teamScope: req.query.scope === 'team',
      q: typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '',
      includeClosed: req.query.closed === '1',
      page: Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1),
    });
    const link = (p: number) => {
      const params = new URLSearchParams();
      if (page.q) params.set('q', page.q);
      if (page.scope === 'team' && actor.user.role === 'consulent') params.set('scope', 'team');
      if (page.includeClosed) params.set('closed', '1');
      if (p > 1) params.set('page', String(p));
      const s = params.toString();
      return `/clients${s ? `?${s}` : ''}`;
    };
    res.render('clients/list', {
      title: page.scope === 'mine' ? 'Mijn cliënten' : 'Cliënten van het team',
      ...page,
      link,
    });
  });

  // ---- Register and edit form ---------------------------------------------------------------------
  const renderForm = (
    res: Response,
    page: FormPage,
    o: { status?: number; values: Record<string, unknown>; errors?: FieldErrors; conflict?: boolean },
  ) => {
    const { client } = page;
    res.status(o.status ?? 200).render('clients/form', {
      title: client ? `Gegevens wijzigen – ${client.firstName} ${client.lastName}` : 'Nieuwe cliënt aanmelden',
      breadcrumbs: client
        ? [
            { href: '/clients', label: 'Cliënten' },
            { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
            { label: 'Gegevens wijzigen' },
          ]
        : [{ href: '/clients', label: 'Cliënten' }, { label: 'Nieuwe cliënt' }],
      ...page,
      values: o.values,
      errors: o.errors ?? {},
      conflict: o.conflict ?? false,
    });
  };

  router.get('/clients/new', staff, (req, res) => {
    const actor = actorOf(req, services);
    renderForm(res, loadRegisterPage(services, actor), { values: registerValues(actor, services, req.query.duo) });
  });

  router.post('/clients/new', staff, (req, res) => {
    const actor = actorOf(req, services);
    const result = registerClient(services, actor, parseInput(clientSchema(actor.today), req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderForm(res, loadRegisterPage(services, actor), { status, values: req.body, errors }),
        closed: (message) => renderClosedDossier(res, Number(req.params.id), message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `${result.value.name} is aangemeld. Begin met de brede intake.` };
    res.redirect(303, `/clients/${result.value.clientId}`);
  });

  // ---- Overview ---------------------------------------------------------------------------------------
  router.get('/clients/:id', staff, (req, res) => {
    const page = loadDossierPage(services, actorOf(req, services), req.params.id, req.query.tijdlijn === 'alles');
    const name = `${page.client.firstName} ${page.client.lastName}`;
    res.render('clients/show', {
      title: name,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { label: name }],
      ...page,
    });
  });

  // ---- Details (Gegevens); the contact log is in contacts.ts ------------------------------------------
  const renderDetails = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = loadClientDetailsPage(services, actorOf(req, services), req.params.id);
    const name = `${page.client.firstName} ${page.client.lastName}`;
    res.status(o.status ?? 200).render('clients/details', {
      title: `Gegevens – ${name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: name }, { label: 'Gegevens' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? {},
    });
  };

  router.get('/clients/:id/details', staff, (req, res) => renderDetails(req, res));

  // ---- Edit -------------------------------------------------------------------------------------------
  router.get('/clients/:id/edit', staff, (req, res) => {
    const result = loadClientEditPage(services, actorOf(req, services), req.params.id);
    if (!result.ok) {
      renderClosedDossier(res, Number(req.params.id), result.refusal.message);
      return;
    }
    const page = result.value;
    renderForm(res, page, { values: clientFormValues(page.client, page.showBsnField) });
  });

  router.post('/clients/:id/edit', staff, (req, res) => {
    const actor = actorOf(req, services);
    const schema = clientSchema(actor.today);
    const version = Number(req.body?.version);
    const result = changeClient(services, actor, req.params.id, version, {
      typed: parseInput(schema, req.body),
      withoutBsn: parseInput(schema, { ...req.body, bsn: '' }),
    });
    if (!result.ok) {
      showRefusal(result.refusal, {
        // A stale save shows what the user typed (not lost) next to what is stored now, with the stored version.
        form: (status, errors) => {
          const page = loadClientFormPage(services, actor, req.params.id);
          if (status === 409) renderForm(res, page, { status, values: { ...req.body, version: page.client.version }, conflict: true });
          else renderForm(res, page, { status, values: req.body, errors });
        },
        closed: (message) => renderClosedDossier(res, Number(req.params.id), message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'De gegevens zijn opgeslagen.' };
    res.redirect(303, `/clients/${result.value.clientId}/details`);
  });

  return router;
}
