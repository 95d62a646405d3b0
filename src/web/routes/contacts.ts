import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { CONTACT_CHANNELS, CONTACT_PARTICIPANTS, type ContactForm, loadContactPage, recordContact } from '../../app/contacts.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalText, parseInput, requiredDate } from '../validation.js';

const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/**
 * The contact form. `participantsShown` is sent by the contact page's form: there at least one participant must be
 * ticked. Without it (the older short form) the contact was with the client.
 */
const contactSchema = (today: string): z.ZodType<ContactForm> =>
  z
    .object({
      attemptedOn: requiredDate('de datum van het contact').refine((d) => d <= today, {
        message: 'De datum van de contactpoging kan niet in de toekomst liggen',
      }),
      channel: choice('hoe u contact zocht', CONTACT_CHANNELS),
      participantsShown: z.unknown().optional(),
      participants: z.preprocess(list, z.array(z.enum(CONTACT_PARTICIPANTS, { error: 'Kies wie er meededen uit de lijst' })).max(CONTACT_PARTICIPANTS.length)),
      reached: choice('of u de cliënt heeft bereikt', ['ja', 'nee'] as const),
      note: optionalText('de notitie', 1000),
    })
    .superRefine((v, ctx) => {
      if (v.participantsShown !== undefined && v.participants.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['participants'], message: 'Kies wie er meededen (of met wie u contact zocht)' });
      }
    })
    .transform(({ participantsShown: _shown, ...rest }) => rest);

/** The contact log of a client: the list, the form, and where the no-contact signal stands. */
export function contactsRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  const renderPage = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = loadContactPage(services, actorOf(req, services), req.params.id);
    res.status(o.status ?? 200).render('contacts/index', {
      title: `Contact – ${page.header.name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: page.header.name }, { label: 'Contact' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? { attemptedOn: page.today, participants: ['CLIENT'] },
    });
  };

  router.get('/clients/:id/contact', staff, (req, res) => renderPage(req, res));

  router.post('/clients/:id/contact-attempts', staff, (req, res) => {
    const actor = actorOf(req, services);
    const result = recordContact(services, actor, req.params.id, parseInput(contactSchema(actor.today), req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderPage(req, res, { status, errors, values: { ...req.body, participants: list(req.body?.participants) } }),
        closed: (message) => renderClosedDossier(res, Number(req.params.id), message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'Het contact is vastgelegd.' };
    res.redirect(303, `/clients/${result.value.clientId}/contact`);
  });

  return router;
}
