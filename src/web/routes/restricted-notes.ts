import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  type BreakGlassForm,
  breakTheGlass,
  chooseNoteForHandover,
  type HandoverChoiceForm,
  loadNoteOpeningsPage,
  loadRestrictedNotePage,
  loadRestrictedNotesPage,
  recordRestrictedNote,
  RESTRICTED_NOTE_KINDS,
  type RestrictedNoteForm,
} from '../../app/restricted-notes.js';
import type { FieldErrors, Refusal } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, choice, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';

const noteSchema = (today: string): z.ZodType<RestrictedNoteForm> =>
  z.object({
    kind: choice('de soort notitie', RESTRICTED_NOTE_KINDS),
    notedOn: requiredDate('de datum').refine((d) => d <= today, { message: 'De datum kan niet in de toekomst liggen' }),
    body: requiredText('de notitie', 4000),
  });

const breakGlassSchema: z.ZodType<BreakGlassForm> = z.object({ reason: requiredText('de reden', 500) });

const handoverSchema: z.ZodType<HandoverChoiceForm> = z.object({ include: checkbox(), reason: optionalText('de reden', 500) });

type Shown = { status?: number; errors?: FieldErrors; values?: Record<string, unknown> };

/** Restricted notes of a client (list, record, open with a reason, give along with the handover) and the teamleider's list. */
export function restrictedNotesRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  const renderList = (req: Request, res: Response, o: Shown = {}) => {
    const page = loadRestrictedNotesPage(services, actorOf(req, services), req.params.id);
    res.status(o.status ?? 200).render('restricted-notes/index', {
      title: `Afgeschermde notities – ${page.header.name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: page.header.name }, { label: 'Afgeschermd' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? { notedOn: page.today },
    });
  };

  const renderNote = (req: Request, res: Response, o: Shown = {}) => {
    const page = loadRestrictedNotePage(services, actorOf(req, services), req.params.id, req.params.noteId);
    res.status(o.status ?? 200).render('restricted-notes/note', {
      title: `Afgeschermde notitie – ${page.header.name}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${page.client.id}`, label: page.header.name },
        { href: `/clients/${page.client.id}/restricted-notes`, label: 'Afgeschermd' },
        { label: 'Notitie' },
      ],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? {},
    });
  };

  router.get('/clients/:id/restricted-notes', staff, (req, res) => renderList(req, res));

  router.post('/clients/:id/restricted-notes', staff, (req, res) => {
    const actor = actorOf(req, services);
    const result = recordRestrictedNote(services, actor, req.params.id, parseInput(noteSchema(actor.today), req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderList(req, res, { status, errors, values: req.body as Record<string, unknown> }),
        closed: (message) => renderClosedDossier(res, Number(req.params.id), message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'De afgeschermde notitie is vastgelegd.' };
    res.redirect(303, `/clients/${result.value.clientId}/restricted-notes`);
  });

  /** A refused write on the note page: the note again with the messages and what was typed. */
  function refuseOnNote(req: Request, res: Response, refusal: Refusal) {
    showRefusal(refusal, {
      form: (status, errors) => renderNote(req, res, { status, errors, values: req.body as Record<string, unknown> }),
      closed: (message) => renderClosedDossier(res, Number(req.params.id), message),
    });
  }

  router.get('/clients/:id/restricted-notes/:noteId', staff, (req, res) => renderNote(req, res));

  router.post('/clients/:id/restricted-notes/:noteId/open', staff, (req, res) => {
    const result = breakTheGlass(services, actorOf(req, services), req.params.id, req.params.noteId, parseInput(breakGlassSchema, req.body));
    if (!result.ok) {
      refuseOnNote(req, res, result.refusal);
      return;
    }
    res.redirect(303, `/clients/${result.value.clientId}/restricted-notes/${result.value.noteId}`);
  });

  router.post('/clients/:id/restricted-notes/:noteId/handover', staff, (req, res) => {
    const result = chooseNoteForHandover(services, actorOf(req, services), req.params.id, req.params.noteId, parseInput(handoverSchema, req.body));
    if (!result.ok) {
      refuseOnNote(req, res, result.refusal);
      return;
    }
    req.session.flash = {
      kind: 'ok',
      message: result.value.included ? 'De notitie gaat mee met de overdracht.' : 'De notitie gaat niet meer mee met de overdracht.',
    };
    res.redirect(303, `/clients/${result.value.clientId}/restricted-notes/${result.value.noteId}`);
  });

  router.get('/team/restricted-notes', requireRole('teamleider'), (req, res) => {
    const page = loadNoteOpeningsPage(services, actorOf(req, services));
    res.render('restricted-notes/team', { title: 'Doorbroken afscherming', ...page });
  });

  return router;
}
