import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { findUserByUsername, setPassword } from '../../db/users.js';
import type { Clock } from '../../lib/clock.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { LoginThrottle } from '../login-throttle.js';
import { requireLogin } from '../middleware/auth.js';
import { parseInput, requiredText } from '../validation.js';

const loginSchema = z.object({
  username: requiredText('uw gebruikersnaam', 100),
  password: requiredText('uw wachtwoord', 200),
});

const passwordSchema = z
  .object({
    current: requiredText('uw huidige wachtwoord', 200),
    next: z
      .string()
      .min(12, 'Het nieuwe wachtwoord moet minstens 12 tekens lang zijn')
      .max(200, 'Het nieuwe wachtwoord mag maximaal 200 tekens zijn'),
    repeat: z.string(),
  })
  .refine((v) => v.next === v.repeat, { path: ['repeat'], message: 'De twee nieuwe wachtwoorden zijn niet gelijk' });

/** Only same-site relative paths are followed after log-in. */
function safeReturnTo(value: string | undefined): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

export function authRouter(db: Db, clock: Clock, throttle: LoginThrottle): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (req.user) {
      res.redirect(303, '/');
      return;
    }
    res.render('auth/login', { title: 'Inloggen', values: {}, errors: {} });
  });

  router.post('/login', async (req, res, next) => {
    const parsed = parseInput(loginSchema, req.body);
    const values = { username: typeof req.body?.username === 'string' ? req.body.username : '' };
    if (!parsed.ok) {
      res.status(400).render('auth/login', { title: 'Inloggen', values, errors: parsed.errors });
      return;
    }
    const { username, password } = parsed.data;
    const ip = req.ip ?? 'unknown';
    const wait = await throttle.retryAfter(username, ip);
    if (wait > 0) {
      req.audit('inloggen-geblokkeerd', 'toegang', { outcome: 'error', details: `gebruikersnaam: ${username}` });
      res.status(429).set('Retry-After', String(wait)).render('auth/login', {
        title: 'Inloggen',
        values,
        errors: {
          _form: `Te veel mislukte pogingen. Probeer het over ${minutes(wait)} minuten opnieuw, of vraag functioneel beheer om hulp.`,
        },
      });
      return;
    }
    const user = findUserByUsername(db, username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await throttle.recordFailure(username, ip);
      req.audit('inloggen-mislukt', 'toegang', {
        outcome: 'error',
        details: user ? `gebruiker ${user.id}` : `onbekende gebruikersnaam`,
      });
      res.status(401).render('auth/login', {
        title: 'Inloggen',
        values,
        errors: { _form: 'De gebruikersnaam of het wachtwoord klopt niet.' },
      });
      return;
    }
    await throttle.recordSuccess(username, ip);
    const returnTo = safeReturnTo(req.session.returnTo);
    // A new session id at log-in prevents session fixation.
    req.session.regenerate((err) => {
      if (err) {
        next(err);
        return;
      }
      req.session.userId = user.id;
      req.user = user;
      req.audit('inloggen', 'toegang');
      req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, returnTo)));
    });
  });

  router.post('/logout', (req, res, next) => {
    if (req.user) req.audit('uitloggen', 'toegang');
    req.session.destroy((err) => {
      if (err) {
        next(err);
        return;
      }
      res.clearCookie('koers.sid');
      res.redirect(303, '/login');
    });
  });

  router.get('/account/password', requireLogin, (_req, res) => {
    res.render('auth/password', { title: 'Wachtwoord wijzigen', errors: {} });
  });

  router.post('/account/password', requireLogin, async (req, res) => {
    const parsed = parseInput(passwordSchema, req.body);
    if (!parsed.ok) {
      res.status(400).render('auth/password', { title: 'Wachtwoord wijzigen', errors: parsed.errors });
      return;
    }
    const user = req.user!;
    const ip = req.ip ?? 'unknown';
    // Guessing the current password from a borrowed session counts against the same limits as log-ins.
    const wait = await throttle.retryAfter(user.username, ip);
    if (wait > 0) {
      req.audit('wachtwoord-wijzigen-geblokkeerd', 'toegang', { outcome: 'error' });
      res.status(429).set('Retry-After', String(wait)).render('auth/password', {
        title: 'Wachtwoord wijzigen',
        errors: {
          _form: `Te veel mislukte pogingen. Probeer het over ${minutes(wait)} minuten opnieuw, of vraag functioneel beheer om hulp.`,
        },
      });
      return;
    }
    const withHash = findUserByUsername(db, user.username);
    if (!withHash || !(await verifyPassword(parsed.data.current, withHash.passwordHash))) {
      await throttle.recordFailure(user.username, ip);
      req.audit('wachtwoord-wijzigen-mislukt', 'toegang', { outcome: 'error' });
      res.status(400).render('auth/password', {
        title: 'Wachtwoord wijzigen',
        errors: { current: 'Het huidige wachtwoord klopt niet' },
      });
      return;
    }
    await throttle.recordSuccess(user.username, ip);
    setPassword(db, user.id, await hashPassword(parsed.data.next), false, clock.now().toISOString());
    req.audit('wachtwoord-gewijzigd', 'toegang');
    req.session.flash = { kind: 'ok', message: 'Uw wachtwoord is gewijzigd.' };
    res.redirect(303, '/');
  });

  return router;
}
