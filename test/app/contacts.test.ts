import { beforeEach, describe, expect, it } from 'vitest';
import { type ContactForm, loadContactPage, recordContact } from '../../src/app/contacts.js';
import { CLOSED_MESSAGE } from '../../src/app/client-page.js';
import { UseCaseError } from '../../src/app/errors.js';
import { clientSignals } from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listContacts } from '../../src/db/contacts.js';
import { addRuleSetVersion } from '../../src/db/rules.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { DEFAULT_RULE_SET, type RuleSet } from '../../src/domain/index.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addConversation, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

const form = (over: Partial<ContactForm> = {}): { ok: true; data: ContactForm } => ({
  ok: true,
  data: { attemptedOn: '2026-11-02', channel: 'TELEFOON', participants: ['CLIENT'], reached: 'ja', note: 'Gebeld over de taalles', ...over },
});

/** Whether the caseload shows "Geen contact" for the client on `today` (status recomputed as the daily refresh does). */
function noContactOn(ctx: TestContext, id: number, today: string): boolean {
  refreshClientStatus(ctx.db, id, today);
  return clientSignals(ctx.db, id, today).includes('NO_CONTACT');
}

function withNoContactDays(ctx: TestContext, change: (r: RuleSet) => void): void {
  const rules = structuredClone(DEFAULT_RULE_SET);
  change(rules);
  addRuleSetVersion(ctx.db, { effectiveFrom: '2026-01-01', rules, note: null, createdBy: null }, '2026-01-01T00:00:00Z');
}

describe('contact log use cases (no HTTP)', () => {
  let ctx: TestContext;
  let id: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    // Registered 1 January 2026 (the fixture's created_at), asielstatushouder, no intake yet.
    id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
  });

  it('records a contact with who took part: row, timeline event, fresh status, audit row', () => {
    const r = recordContact(ctx, actorFor(ctx, ctx.users.consulent), id, form({ channel: 'KANTOOR', participants: ['TOLK', 'CLIENT', 'JOBCOACH'] }));
    expect(r).toEqual({ ok: true, value: { clientId: id } });
    expect(listContacts(ctx.db, id)).toMatchObject([
      { contactOn: '2026-11-02', channel: 'KANTOOR', participants: ['CLIENT', 'JOBCOACH', 'TOLK'], withClient: true, reached: true, note: 'Gebeld over de taalles' },
    ]);
    expect(listClientEvents(ctx.db, id)).toMatchObject([
      { kind: 'CONTACT_ATTEMPT', occurredOn: '2026-11-02', summary: 'Contactpoging via gesprek op kantoor (met cliënt, jobcoach en tolk): bereikt' },
    ]);
    expect(status(ctx.db, id)).toMatchObject({ last_client_contact_on: '2026-11-02', contact_due_on: '2026-12-14' });
    expect(auditActions(ctx, id)).toEqual(['contactpoging-vastgelegd']);
  });

  it('shows the no-contact signal on day N after the last reached contact, not on day N-1', () => {
    recordContact(ctx, actorFor(ctx, ctx.users.consulent), id, form({ attemptedOn: '2026-11-02' }));
    expect(noContactOn(ctx, id, '2026-12-13')).toBe(false); // 41 days
    expect(noContactOn(ctx, id, '2026-12-14')).toBe(true); // 42 days
    expect(noContactOn(ctx, id, '2026-12-15')).toBe(true);
  });

  it('is cleared by a reached contact with the client, not by an unreached attempt or a contact without the client', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordContact(ctx, actor, id, form({ attemptedOn: '2026-09-01' }));
    expect(noContactOn(ctx, id, '2026-11-24')).toBe(true);
    recordContact(ctx, actor, id, form({ attemptedOn: '2026-11-20', channel: 'HUISBEZOEK', reached: 'nee' }));
    expect(noContactOn(ctx, id, '2026-11-24')).toBe(true);
    recordContact(ctx, actor, id, form({ attemptedOn: '2026-11-21', participants: ['JOBCOACH'], reached: 'ja' }));
    expect(noContactOn(ctx, id, '2026-11-24')).toBe(true);
    recordContact(ctx, actor, id, form({ attemptedOn: '2026-11-22', participants: ['CLIENT', 'JOBCOACH'], reached: 'ja' }));
    expect(noContactOn(ctx, id, '2026-11-24')).toBe(false);
    expect(status(ctx.db, id).last_client_contact_on).toBe('2026-11-22');
  });

  it('signals a new client without a first contact N days after the registration', () => {
    expect(noContactOn(ctx, id, '2026-02-11')).toBe(false); // registered 1 January: 41 days
    expect(noContactOn(ctx, id, '2026-02-12')).toBe(true); // 42 days
  });

  it('counts a voortgangsgesprek and the brede intake as contact', () => {
    completeIntake(ctx.db, id, '2026-02-01', '2026-02-20');
    expect(noContactOn(ctx, id, '2026-03-14')).toBe(false);
    expect(noContactOn(ctx, id, '2026-03-15')).toBe(true); // 42 days after the intake started
    addConversation(ctx.db, id, 'VOORTGANG', '2026-03-10', ctx.users.consulent);
    expect(noContactOn(ctx, id, '2026-04-20')).toBe(false);
    expect(noContactOn(ctx, id, '2026-04-21')).toBe(true);
  });

  it('takes N from the rules: the smaller of the doelgroep and the phase (14 days in the trajectory)', () => {
    withNoContactDays(ctx, (r) => {
      r.general.noContactDays.byPhase.trajectory = 14;
      r.general.noContactDays.byDoelgroep.GEZINSMIGRANT = 21;
    });
    recordContact(ctx, actorFor(ctx, ctx.users.consulent), id, form({ attemptedOn: '2026-11-02' }));
    // Before the PIP: 42 days.
    expect(noContactOn(ctx, id, '2026-11-16')).toBe(false);
    setPip(ctx.db, id, ctx.users.consulent, '2026-10-01');
    expect(noContactOn(ctx, id, '2026-11-15')).toBe(false); // 13 days
    expect(noContactOn(ctx, id, '2026-11-16')).toBe(true); // 14 days
    const gezin = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, doelgroep: 'GEZINSMIGRANT' });
    recordContact(ctx, actorFor(ctx, ctx.users.consulent), gezin, form({ attemptedOn: '2026-11-02' }));
    expect(noContactOn(ctx, gezin, '2026-11-22')).toBe(false); // 20 days
    expect(noContactOn(ctx, gezin, '2026-11-23')).toBe(true); // 21 days
  });

  it('gives no signal on a closed dossier, and refuses a contact there before looking at the input', () => {
    closeClientDirectly(ctx, id);
    expect(noContactOn(ctx, id, '2026-11-24')).toBe(false);
    const actor = actorFor(ctx, ctx.users.consulent);
    const closed = { ok: false, refusal: { kind: 'closed', message: CLOSED_MESSAGE } };
    expect(recordContact(ctx, actor, id, { ok: false, errors: { reached: 'x' } })).toEqual(closed);
    expect(recordContact(ctx, actor, id, form())).toEqual(closed);
    expect(listContacts(ctx.db, id)).toEqual([]);
    expect(loadContactPage(ctx, actor, id).contacts).toEqual([]);
  });

  it('does not serve another team or an admin, and writes nothing', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof UseCaseError ? `${e.kind}` : String(e);
      }
      return 'no error';
    };
    expect(err(() => recordContact(ctx, actorFor(ctx, ctx.users.otherConsulent), id, form()))).toBe('not-found');
    expect(err(() => loadContactPage(ctx, actorFor(ctx, ctx.users.otherConsulent), id))).toBe('not-found');
    expect(err(() => loadContactPage(ctx, actorFor(ctx, ctx.users.admin), id))).toBe('forbidden');
    expect(listContacts(ctx.db, id)).toEqual([]);
  });

  it('shows where the signal stands on the page, with a view audit row', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordContact(ctx, actor, id, form({ attemptedOn: '2026-10-01' }));
    const page = loadContactPage(ctx, actor, id);
    expect(page).toMatchObject({ lastClientContactOn: '2026-10-01', contactDueOn: '2026-11-12', noContactDays: 42, signal: true });
    expect(auditActions(ctx, id)).toEqual(['contactpoging-vastgelegd', 'contactlog-bekeken']);
  });
});
