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
    { name: 'start', path: '/', h1: 'Wat moet ik deze week doen?' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
    { name: 'not-found', path: '/bestaat-niet', h1: 'Pagina niet gevonden', status: 404 },
    // Client dossier (issue 5). Demo ids: src/db/demo/clients.ts seeds first, in its SPECS order.
    // keyboard: false on pages with <input type="date">: Chromium gives it three Tab stops (day, month, year)
    // on one element, which checkKeyboard reports as a trap; the order was checked by hand.
    { name: 'clients', path: '/clients', h1: 'Mijn cliënten' },
    { name: 'clients-team', path: '/clients?scope=team', h1: 'Cliënten van het team' },
    { name: 'client-new', path: '/clients/new', h1: 'Nieuwe cliënt aanmelden', keyboard: false },
    { name: 'dossier-registered', path: '/clients/1', h1: /^Rania Al-Khatib/ },
    { name: 'dossier-pre-end-held', path: '/clients/14', h1: /^Ahmad Karimi/ },
    { name: 'dossier-details', path: '/clients/3/details', h1: /^Siriporn Chaiyaporn/, keyboard: false },
    { name: 'dossier-edit', path: '/clients/3/edit', h1: 'Gegevens wijzigen', keyboard: false },
    { name: 'intake-draft', path: '/clients/2/intake', h1: /^Tesfay Gebremedhin/, keyboard: false },
    { name: 'route-choice', path: '/clients/4/route', h1: /^Omar Haddad/, keyboard: false },
    { name: 'route-history', path: '/clients/13/route', h1: /^Helen Berhane/, keyboard: false },
    { name: 'pip-first', path: '/clients/6/pip', h1: /^Yonas Tekle/, keyboard: false },
    { name: 'pip-show', path: '/clients/15/pip', h1: /^Lina Darwish/ },
    { name: 'pip-new-version', path: '/clients/15/pip/new', h1: /^Lina Darwish/, keyboard: false },
    { name: 'pip-compare', path: '/clients/15/pip/compare?a=1&b=3', h1: /^Lina Darwish/ },
    { name: 'pip-share', path: '/clients/15/pip/share', h1: 'PIP voor de aanbieder' },
    { name: 'pip-print', path: '/clients/15/pip/print', h1: 'Mijn plan voor inburgering' },
  ],
  teamleider: [
    { name: 'start', path: '/', h1: 'Werkvoorraad van Inburgering Noord' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
    { name: 'clients', path: '/clients', h1: 'Cliënten van het team' },
    { name: 'dossier-ready-for-end', path: '/clients/16', h1: /^Mehmet Demir/ },
  ],
  admin: [
    { name: 'start', path: '/', h1: 'Functioneel beheer' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
    { name: 'rules', path: '/admin/rules', h1: 'Regels en urennormen' },
    { name: 'rules-new', path: '/admin/rules/new', h1: 'Nieuwe versie van de regels' },
    { name: 'rules-version', path: '/admin/rules/versions/1', h1: /^Regels vanaf / },
    { name: 'lists', path: '/admin/lists', h1: 'Lijsten' },
    { name: 'list-new', path: '/admin/lists/aanbieders/new', h1: 'Aanbieder toevoegen' },
    { name: 'users', path: '/admin/users', h1: 'Gebruikers' },
    { name: 'user-new', path: '/admin/users/new', h1: 'Gebruiker toevoegen' },
    { name: 'user-edit', path: '/admin/users/1', h1: 'Sanne de Vries' },
    { name: 'teams', path: '/admin/teams', h1: 'Teams' },
    { name: 'team-edit', path: '/admin/teams/1', h1: /^Team .* wijzigen$/ },
    { name: 'audit', path: '/admin/audit', h1: 'Auditlog' },
  ],
};
