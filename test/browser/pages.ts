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
  /**
   * The kind of page for the sweep's once-per-kind checks (keyboard walk, 200% zoom); default: the route
   * pattern (`/clients/:id/hours`), see kindOf in sweep.test.ts. Give one when a path renders another template.
   */
  kind?: string;
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
    // Sign-in security (issue 18): second factor (QR code enrolment, passkeys) and own sessions.
    { name: 'second-factor', path: '/account/tweede-factor', h1: 'Tweede factor' },
    { name: 'sessions', path: '/account/sessies', h1: 'Mijn sessies' },
    { name: 'not-found', path: '/bestaat-niet', h1: 'Pagina niet gevonden', status: 404 },
    // Client dossier (issue 5). Demo ids: src/demo/clients.ts seeds first, in its SPECS order.
    // keyboard: false on pages with <input type="date">: Chromium gives it three Tab stops (day, month, year)
    // on one element, which checkKeyboard reports as a trap; the order was checked by hand.
    { name: 'clients', path: '/clients', h1: 'Mijn cliënten' },
    { name: 'clients-team', path: '/clients?scope=team', h1: 'Cliënten van het team' },
    { name: 'client-new', path: '/clients/new', h1: 'Nieuwe cliënt aanmelden', keyboard: false },
    { name: 'dossier-registered', path: '/clients/1', h1: /^Rania Al-Khatib/ },
    { name: 'dossier-pre-end-held', path: '/clients/14', h1: /^Ahmad Karimi/ },
    { name: 'dossier-details', path: '/clients/3/details', h1: /^Siriporn Chaiyaporn/, keyboard: false },
    // Contact log (issue 21): Olena Kovalenko has no recent contact (the "Geen contact" signal); keyboard: date field.
    { name: 'contact-log', path: '/clients/{noContactClient}/contact', h1: /^Olena Kovalenko/, keyboard: false },
    { name: 'contact-log-recent', path: '/clients/{zClient}/contact', h1: /^Amina Yusuf/, keyboard: false },
    { name: 'barriers', path: '/clients/{zClient}/barriers', h1: /^Amina Yusuf/, keyboard: false },
    { name: 'target-group', path: '/clients/{noContactClient}/target-group', h1: /^Olena Kovalenko/, keyboard: false },
    { name: 'caseload-target-group', path: '/caseload?group=PW_UITKERING', h1: 'Mijn cliënten' },
    // Weekly plan (with a clash) and costs (above 80% of the budget) of Amina Yusuf (issue 21); keyboard: date field.
    { name: 'weekly-plan', path: '/clients/{zClient}/weekly-plan', h1: /^Amina Yusuf/ },
    { name: 'weekly-plan-print', path: '/clients/{zClient}/weekly-plan/print', h1: 'Mijn week' },
    { name: 'costs', path: '/clients/{zClient}/costs', h1: /^Amina Yusuf/, keyboard: false },
    { name: 'cost-cancel', path: '/clients/{zClient}/costs/{zCostLine}/cancel', h1: /^Amina Yusuf/ },
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
    { name: 'pip-version', path: '/clients/15/pip/versions/1', h1: /^Lina Darwish/ },
    // Progress, conversations, language, closure, absence and enforcement (issues 6–8). `{key}` is a demo id
    // that demo.ts reads from the database at run time. keyboard: false as above (date fields), or on long
    // pages whose kind is already walked with the keyboard elsewhere in this list.
    { name: 'caseload', path: '/caseload', h1: 'Mijn cliënten' },
    { name: 'hours', path: '/clients/{zClient}/hours', h1: 'Uren en besluiten', keyboard: false },
    { name: 'hours-edit', path: '/clients/{zClient}/hours/{zHourEntry}/edit', h1: /^Urenregel: Taalles/, keyboard: false },
    { name: 'hours-import', path: '/hours/import', h1: 'Uren importeren' },
    { name: 'decisions', path: '/clients/{zClient}/decisions', h1: 'Besluiten', keyboard: false },
    { name: 'conversations', path: '/clients/{zClient}/conversations', h1: 'Gesprekken' },
    { name: 'conversation-new', path: '/clients/{zClient}/conversations/new', h1: 'Voortgangsgesprek vastleggen', keyboard: false },
    { name: 'conversation-show', path: '/clients/{zClient}/conversations/{zConversation}', h1: /^Voortgangsgesprek van / },
    { name: 'pre-end', path: '/clients/{preEndEligible}/pre-end', h1: 'Pre-eindgesprek', keyboard: false },
    { name: 'afsprakenplan', path: '/clients/{preEndHeld}/conversations/{preEndConversation}/afsprakenplan', h1: 'Afsprakenplan' },
    { name: 'end', path: '/clients/{endEligible}/end', h1: 'Eindgesprek', keyboard: false },
    { name: 'agreements', path: '/clients/{zClient}/agreements', h1: 'Afspraken', keyboard: false },
    { name: 'summary', path: '/clients/{zClient}/summary', h1: 'Uw inburgering, Amina' },
    { name: 'placements', path: '/clients/{placementClient}/placements', h1: 'Participatie en werk', keyboard: false },
    { name: 'case-meetings', path: '/clients/{placementClient}/case-meetings', h1: 'Casusoverleg', keyboard: false },
    { name: 'language', path: '/clients/{examClient}/language', h1: /^Taal en examens /, keyboard: false },
    { name: 'language-exam', path: '/clients/{examClient}/language/exams/{exam}', h1: /^Uitslag examen / },
    { name: 'closure-open', path: '/clients/{zClient}/closure', h1: /^Afsluiten en termijn Amina Yusuf/, keyboard: false },
    { name: 'closure-closed', path: '/clients/{closedClient}/closure', h1: /^Afsluiten en termijn Mohammed Idris/ },
    { name: 'handover', path: '/clients/{closedClient}/closure/handover', h1: 'Overdracht inburgering Mohammed Idris' },
    { name: 'dossier-closed', path: '/clients/{closedClient}', h1: /^Mohammed Idris/ },
    { name: 'absence', path: '/clients/{absenceClient}/absence', h1: 'Verzuim van Esra Kaya', keyboard: false },
    { name: 'enforcement', path: '/clients/{enforcementClient}/enforcement', h1: /^Verzuim en handhaving van /, keyboard: false },
    // Documents and letters (issue 19). keyboard: false on pages with a date field (see above).
    { name: 'documents', path: '/clients/{preEndHeld}/documents', h1: 'Documenten en brieven', keyboard: false },
    { name: 'letters', path: '/clients/{preEndHeld}/letters', h1: 'Brieven' },
    { name: 'letter-pip', path: '/clients/15/letters/pip-beschikking', h1: 'Beschikking PIP', keyboard: false },
    { name: 'letter-invitation', path: '/clients/{preEndHeld}/letters/uitnodiging-eind', h1: 'Uitnodiging eindgesprek', keyboard: false },
    {
      name: 'enforcement-letter',
      path: '/clients/{enforcementClient}/enforcement/{enforcementCase}/steps/{enforcementStep}/letter',
      h1: /^Brief: /,
    },
    // Milestones, appointments and DUO (issue 24). keyboard: false on pages with date fields (see above).
    { name: 'planning', path: '/clients/{appointmentClient}/planning', h1: 'Planning: mijlpalen en gesprekken', keyboard: false },
    { name: 'appointment-new', path: '/clients/{appointmentClient}/appointments/new', h1: 'Gesprek plannen', keyboard: false },
    { name: 'appointment', path: '/clients/{appointmentClient}/appointments/{appointment}', h1: /^Handhavingsgesprek op /, keyboard: false },
    { name: 'appointment-invitation', path: '/clients/{appointmentClient}/appointments/{appointment}/invitation', h1: 'Uitnodiging voor een handhavingsgesprek' },
    { name: 'agenda', path: '/agenda', h1: 'Mijn agenda' },
    { name: 'duo-client', path: '/clients/{duoClient}/duo', h1: 'Doorgeven aan DUO', keyboard: false },
    { name: 'duo-worklist', path: '/duo', h1: 'DUO-werklijst van het team', keyboard: false },
    // Restricted notes (issue 20): the own consulent reads them; keyboard: false (date field, see above).
    { name: 'restricted-notes', path: '/clients/{restrictedClient}/restricted-notes', h1: /^Amina Yusuf/, keyboard: false },
    { name: 'restricted-note', path: '/clients/{restrictedClient}/restricted-notes/{restrictedNote}', h1: /^Amina Yusuf/ },
    // Provider portal (issue 17): referrals tab (date fields), the report from the provider awaiting a decision.
    { name: 'referrals', path: '/clients/{referredClient}/referrals', h1: 'Verwijzingen naar aanbieders', keyboard: false },
    { name: 'provider-report', path: '/reports/{submittedReport}', h1: 'Rapportage van Taalschool De Brug' },
  ],
  teamleider: [
    { name: 'start', path: '/', h1: 'Werkvoorraad van Inburgering Noord' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
    { name: 'clients', path: '/clients', h1: 'Cliënten van het team' },
    { name: 'team-placements', path: '/team/placements', h1: 'Participatieplaatsen van Inburgering Noord' },
    { name: 'dossier-ready-for-end', path: '/clients/16', h1: /^Mehmet Demir/ },
    { name: 'caseload', path: '/caseload', h1: 'Cliënten van het team' },
    { name: 'approvals', path: '/team/approvals', h1: 'Goedkeuren' },
    { name: 'figures', path: '/team/figures', h1: 'Kengetallen van het team', keyboard: false },
    { name: 'stations', path: '/team/stations', h1: 'Doorlooptijden per station' },
    { name: 'discretion', path: '/team/discretion', h1: 'Beleidsruimte in het team' },
    // Issue 22: the waiting signal per step as a caseload signal (badge and filter).
    { name: 'caseload-waiting', path: '/caseload?signal=WAITING', h1: 'Cliënten van het team' },
    { name: 'team-costs', path: '/team/costs', h1: 'Kosten van het team', keyboard: false },
    { name: 'consulent-caseload', path: '/team/consulenten/{consulentUser}', h1: 'Caseload van Sanne de Vries', keyboard: false },
    { name: 'hours', path: '/clients/{zClient}/hours', h1: 'Uren en besluiten', keyboard: false },
    { name: 'enforcement', path: '/clients/{enforcementClient}/enforcement', h1: /^Verzuim en handhaving van /, keyboard: false },
    { name: 'decisions', path: '/clients/{zClient}/decisions', h1: 'Besluiten', keyboard: false },
    { name: 'conversation-show', path: '/clients/{zClient}/conversations/{zConversation}', h1: /^Voortgangsgesprek van / },
    { name: 'handover', path: '/clients/{closedClient}/closure/handover', h1: 'Overdracht inburgering Mohammed Idris' },
    { name: 'closure-closed', path: '/clients/{closedClient}/closure', h1: /^Afsluiten en termijn Mohammed Idris/ },
    { name: 'duo-worklist', path: '/duo', h1: 'DUO-werklijst van het team', keyboard: false },
    { name: 'documents', path: '/clients/{closedClient}/documents', h1: 'Documenten en brieven' },
    { name: 'restricted-note-openings', path: '/team/restricted-notes', h1: 'Doorbroken afscherming' },
    // Retention (issue 20): the batch waiting for approval, and a dossier on a legal hold.
    { name: 'retention', path: '/retention', h1: 'Vernietigen volgens de bewaartermijnen' },
    { name: 'retention-hold', path: '/clients/{heldClient}/retention', h1: /^Bewaren en vernietigen Nadia Rahimi/ },
    { name: 'providers', path: '/team/providers', h1: 'Aanbieders: rapporteren en leveren' },
  ],
  admin: [
    { name: 'start', path: '/', h1: 'Functioneel beheer' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
    { name: 'second-factor-policy', path: '/admin/tweede-factor', h1: 'Tweede factor per rol' },
    { name: 'rules', path: '/admin/rules', h1: 'Regels en urennormen' },
    { name: 'targets', path: '/admin/targets', h1: 'Doelen en wachtgrenzen' },
    { name: 'retention-rules', path: '/admin/retention', h1: 'Bewaartermijnen', keyboard: false },
    { name: 'retention', path: '/retention', h1: 'Vernietigen volgens de bewaartermijnen' },
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
    { name: 'letter-templates', path: '/admin/letters', h1: 'Brieven en documenten' },
    { name: 'letter-template', path: '/admin/letters/pip-beschikking', h1: 'Brieftekst: Beschikking PIP' },
    { name: 'documents-settings', path: '/admin/documents', h1: 'Documenten' },
    { name: 'document-type', path: '/admin/documents/types/1', h1: 'Soort document: PVT getekend' },
    { name: 'enforcement-rules', path: '/admin/enforcement-rules', h1: 'Regels voor handhaving', keyboard: false },
    { name: 'list-edit', path: '/admin/lists/aanbieders/{provider}', h1: 'Aanbieder wijzigen' },
    { name: 'team-new', path: '/admin/teams/new', h1: 'Team toevoegen' },
    { name: 'processing-register', path: '/admin/processing-register', h1: /^Verwerkings\u00ADregister$/ },
    { name: 'provider-users', path: '/admin/provider-users', h1: 'Gebruikers van aanbieders' },
  ],
  // Provider portal (issue 17): the language school's user `aanbieder`.
  aanbieder: [
    { name: 'portal', path: '/portal', h1: 'Verwijzingen' },
    { name: 'referral', path: '/portal/referrals/{proposedReferral}', h1: /^Verwijzing: / },
    { name: 'reports', path: '/portal/reports', h1: /^Rapportages: maand / },
    { name: 'figures', path: '/portal/figures', h1: 'Uw cijfers' },
    { name: 'password', path: '/account/password', h1: 'Wachtwoord wijzigen' },
    { name: 'refused', path: '/clients', h1: 'Geen toegang', status: 403 },
  ],
};
