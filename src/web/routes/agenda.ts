import { Router } from 'express';
import { loadAgendaPage, loadCalendarFeed, resetCalendarFeed, stopCalendarFeed } from '../../app/agenda.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import type { Services } from '../services.js';

/**
 * The private iCalendar feed, served without a session (a calendar program subscribes to it): the secret token
 * in the URL is the key. A wrong, reset or stopped token gets a plain 404.
 */
export function calendarFeedRouter(services: Services): Router {
  const router = Router();
  router.get('/agenda/feed/:token.ics', (req, res) => {
    const body = loadCalendarFeed(services, req.params.token, req.audit);
    res.setHeader('Cache-Control', 'no-store');
    if (body === null) {
      res.status(404).type('text/plain').send('Deze agenda-link bestaat niet (meer).');
      return;
    }
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.send(body);
  });
  return router;
}

/** The consulent's own agenda: a week of appointments and the subscription link. */
export function agendaRouter(services: Services): Router {
  const router = Router();
  const consulent = requireRole('consulent');

  router.get('/agenda', consulent, (req, res) => {
    const week = typeof req.query.week === 'string' ? req.query.week : null;
    const page = loadAgendaPage(services, actorOf(req, services), week);
    res.render('agenda/index', { title: 'Mijn agenda', ...page, feedUrl: null });
  });

  router.post('/agenda/feed', consulent, (req, res) => {
    const actor = actorOf(req, services);
    const { token } = resetCalendarFeed(services, actor);
    const page = loadAgendaPage(services, actor, null);
    // The link is shown once: only its hash is kept.
    res.render('agenda/index', {
      title: 'Mijn agenda',
      ...page,
      feedUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}/agenda/feed/${token}.ics`,
    });
  });

  router.post('/agenda/feed/stop', consulent, (req, res) => {
    stopCalendarFeed(services, actorOf(req, services));
    req.session.flash = { kind: 'ok', message: 'De agenda-link werkt niet meer.' };
    res.redirect(303, '/agenda');
  });

  return router;
}
