import type { Role } from './helpers.js';

/**
 * Every page each role can open, for the sweep in sweep.test.ts: it loads each one (fresh context, logged in as
 * the role), checks the status and the h1, runs axe (WCAG 2.1 AA), the 320 px reflow check, the 200% zoom check
 * and the keyboard check, and saves screenshots as test-results/screenshots/<role>-<name>.png and
 * <role>-<name>-320.png.
 *
 * When you add a page, add its URL here (use demo data ids that `npm start` creates: the suite runs on a fresh
 * demo database). Forms in an error state and multi-step flows belong in a file under flows/.
 */
export interface PageSpec {
  /** Short name, used in the test title and the screenshot file name. */
  name: string;
  path: string;
  /** The h1 text (exact string or pattern). */
  h1: string | RegExp;
  /** Expected HTTP status; default 200. */
  status?: number;
  /** Skip the keyboard check (only with a reason in a comment). */
  keyboard?: false;
}

export type SweepRole = Role | 'anonymous';

export const PAGES_BY_ROLE: Record<SweepRole, PageSpec[]> = {
  anonymous: [
    { name: 'login', path: '/login', h1: 'Inloggen bij Koers' },
    { name: 'accessibility', path: '/accessibility', h1: 'Toegankelijkheidsverklaring' },
  ],
  consulent: [
    { name: 'start', path: '/', h1: 'Goedemorgen, Sanne de Vries' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
    { name: 'not-found', path: '/bestaat-niet', h1: 'Pagina niet gevonden', status: 404 },
  ],
  teamleider: [
    { name: 'start', path: '/', h1: 'Team Inburgering Noord' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
  ],
  admin: [
    { name: 'start', path: '/', h1: 'Functioneel beheer' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
  ],
};
