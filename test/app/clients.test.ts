import { beforeEach, describe, expect, it } from 'vitest';
import {
  changeClient,
  type ClientForm,
  loadClientDetailsPage,
  loadClientEditPage,
  loadClientListPage,
  loadDossierPage,
  recordContactAttempt,
  registerClient,
} from '../../src/app/clients.js';
import { CLOSED_MESSAGE } from '../../src/app/client-page.js';
import { UseCaseError } from '../../src/app/errors.js';
import type { Parsed } from '../../src/app/result.js';
import { findClientDetail } from '../../src/db/clients.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { clientFormData, insertClient, status } from '../helpers/fixtures.js';

const BSN = '123456782';
const OTHER_BSN = '231456840';

const data = clientFormData;
const form = (over: Partial<ClientForm> = {}): Parsed<ClientForm> => ({ ok: true, data: data(over) });
/** The edit form as the route parses it: as typed, and with the BSN field left empty. */
const editForm = (over: Partial<ClientForm> = {}) => ({ typed: form(over), withoutBsn: form({ ...over, bsn: null }) });
const contact = { ok: true as const, data: { attemptedOn: '2026-11-20', channel: 'HUISBEZOEK' as const, reached: 'nee' as const, note: 'Niemand thuis' } };

const err = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};
const NOT_FOUND = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';

describe('client use cases (no HTTP)', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });

  it('registers a client in the actor’s team with a timeline event, a status and an audit row', () => {
    const r = registerClient(ctx, actorFor(ctx, ctx.users.consulent), form({ bsn: BSN, consulentId: ctx.users.consulent }));
    expect(r.ok).toBe(true);
    const id = r.ok ? r.value.clientId : 0;
    expect(r).toEqual({ ok: true, value: { clientId: id, name: 'Amina Haddad' } });
    expect(findClientDetail(ctx.db, id)).toMatchObject({ teamId: ctx.teamA, bsn: BSN, consulentId: ctx.users.consulent, version: 1 });
    expect(status(ctx.db, id).phase).toBe('INTAKE');
    expect(listClientEvents(ctx.db, id)).toMatchObject([
      {
        kind: 'CLIENT_REGISTERED',
        summary: 'Aangemeld als asielstatushouder (gekoppeld aan de gemeente op 01-10-2026)',
        occurredOn: '2026-11-24',
        refTable: 'clients',
        refId: id,
        userId: ctx.users.consulent,
        createdAt: '2026-11-24T09:00:00.000Z',
      },
    ]);
    expect(auditActions(ctx, id)).toEqual(['client-aangemeld']);
  });

  it('refuses duplicates and a consulent of another team next to the fields, and saves nothing', () => {
    const taken = insertClient(ctx.db, { teamId: ctx.teamB, consulentId: ctx.users.otherConsulent, bsn: BSN });
    const number = findClientDetail(ctx.db, taken)!.clientNumber;
    const n = ctx.db.prepare('SELECT COUNT(*) FROM clients').pluck().get();
    const r = registerClient(ctx, actorFor(ctx, ctx.users.consulent), form({ bsn: BSN, clientNumber: number, consulentId: ctx.users.otherConsulent }));
    expect(r).toEqual({
      ok: false,
      refusal: {
        kind: 'invalid',
        errors: {
          clientNumber: 'Dit klantnummer is al in gebruik bij een andere cliënt',
          bsn: 'Dit BSN is al geregistreerd bij een andere cliënt. Zoek de cliënt op in plaats van opnieuw aan te melden.',
          consulentId: 'Kies een consulent van uw team',
        },
      },
    });
    const parseErrors = registerClient(ctx, actorFor(ctx, ctx.users.consulent), { ok: false, errors: { lastName: 'Vul de achternaam in' } });
    expect(parseErrors).toEqual({ ok: false, refusal: { kind: 'invalid', errors: { lastName: 'Vul de achternaam in' } } });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM clients').pluck().get()).toBe(n);
    expect(err(() => registerClient(ctx, actorFor(ctx, ctx.users.admin), form()))).toMatch(/^forbidden/);
  });

  it('changes a client’s data with the version it was opened with, and says who got the client', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, bsn: BSN });
    const r = changeClient(ctx, actorFor(ctx, ctx.users.consulent), id, 1, editForm({ bsn: BSN, consulentId: ctx.users.consulent2, doelgroep: 'GEZINSMIGRANT' }));
    expect(r).toEqual({ ok: true, value: { clientId: id } });
    expect(findClientDetail(ctx.db, id)).toMatchObject({ firstName: 'Amina', consulentId: ctx.users.consulent2, doelgroep: 'GEZINSMIGRANT', version: 2 });
    expect(listClientEvents(ctx.db, id, 1)[0]).toMatchObject({
      kind: 'REASSIGNED',
      summary: 'Gegevens gewijzigd (consulent gewijzigd, doelgroep nu gezinsmigrant)',
    });
    expect(auditActions(ctx, id)).toEqual(['gegevens-gewijzigd']);
  });

  it('keeps the stored BSN when someone who may not see it saves the form', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, bsn: BSN });
    const typed = { typed: { ok: false as const, errors: { bsn: 'Dit BSN klopt niet (elfproef).' } }, withoutBsn: form({ consulentId: ctx.users.consulent }) };
    const r = changeClient(ctx, actorFor(ctx, ctx.users.teamleider), id, 1, typed);
    expect(r.ok).toBe(true);
    expect(findClientDetail(ctx.db, id)).toMatchObject({ bsn: BSN, city: 'Koersdam', version: 2 });
    expect(listClientEvents(ctx.db, id, 1)[0]).toMatchObject({ kind: 'CLIENT_UPDATED', summary: 'Gegevens gewijzigd' });
    // The own consulent changes it; a BSN the form got wrong is refused for them.
    expect(changeClient(ctx, actorFor(ctx, ctx.users.consulent), id, 2, typed)).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { bsn: 'Dit BSN klopt niet (elfproef).' } },
    });
    expect(changeClient(ctx, actorFor(ctx, ctx.users.consulent), id, 2, editForm({ bsn: OTHER_BSN, consulentId: ctx.users.consulent })).ok).toBe(true);
    expect(findClientDetail(ctx.db, id)!.bsn).toBe(OTHER_BSN);
  });

  it('refuses a stale version (or none) and keeps what is stored', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(changeClient(ctx, actor, id, 1, editForm({ city: 'Eerst', consulentId: ctx.users.consulent })).ok).toBe(true);
    const events = listClientEvents(ctx.db, id).length;
    for (const version of [1, Number.NaN]) {
      const r = changeClient(ctx, actor, id, version, editForm({ city: 'Later', consulentId: ctx.users.consulent }));
      expect(r).toEqual({ ok: false, refusal: { kind: 'stale', message: 'Niet opgeslagen: iemand anders heeft deze gegevens net gewijzigd.' } });
    }
    expect(findClientDetail(ctx.db, id)).toMatchObject({ city: 'Eerst', version: 2 });
    expect(listClientEvents(ctx.db, id)).toHaveLength(events);
    expect(auditActions(ctx, id)).toEqual(['gegevens-gewijzigd']);
  });

  it('records a contact attempt on the day of the attempt, with an audit row', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    expect(recordContactAttempt(ctx, actorFor(ctx, ctx.users.consulent), id, contact)).toEqual({ ok: true, value: { clientId: id } });
    const row = ctx.db.prepare('SELECT * FROM contact_attempts WHERE client_id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ attempted_on: '2026-11-20', channel: 'HUISBEZOEK', reached: 0, note: 'Niemand thuis', created_by: ctx.users.consulent });
    expect(listClientEvents(ctx.db, id)).toMatchObject([
      { kind: 'CONTACT_ATTEMPT', occurredOn: '2026-11-20', summary: 'Contactpoging via huisbezoek: niet bereikt', refTable: 'contact_attempts', refId: row.id },
    ]);
    expect(status(ctx.db, id)).toBeDefined();
    expect(auditActions(ctx, id)).toEqual(['contactpoging-vastgelegd']);
    const bad = recordContactAttempt(ctx, actorFor(ctx, ctx.users.consulent), id, { ok: false, errors: { reached: 'Kies of u de cliënt heeft bereikt' } });
    expect(!bad.ok && bad.refusal.kind).toBe('invalid');
  });

  it('refuses every write to a closed dossier before looking at the input', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    closeClientDirectly(ctx, id);
    const actor = actorFor(ctx, ctx.users.consulent);
    const closed = { ok: false, refusal: { kind: 'closed', message: CLOSED_MESSAGE } };
    expect(changeClient(ctx, actor, id, 1, { typed: { ok: false, errors: { x: 'y' } }, withoutBsn: { ok: false, errors: { x: 'y' } } })).toEqual(closed);
    expect(changeClient(ctx, actor, id, 1, editForm())).toEqual(closed);
    expect(recordContactAttempt(ctx, actor, id, contact)).toEqual(closed);
    expect(loadClientEditPage(ctx, actor, id)).toEqual(closed);
    expect(findClientDetail(ctx.db, id)!.version).toBe(1);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM contact_attempts WHERE client_id = ?').pluck().get(id)).toBe(0);
    expect(listClientEvents(ctx.db, id)).toEqual([]);
    expect(auditActions(ctx, id)).toEqual([]);
    // Still readable.
    expect(loadClientDetailsPage(ctx, actor, id).client.closedOn).toBe('2026-11-01');
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const other = actorFor(ctx, ctx.users.otherConsulent);
    expect(err(() => changeClient(ctx, other, id, 1, editForm()))).toBe(NOT_FOUND);
    expect(err(() => recordContactAttempt(ctx, other, id, contact))).toBe(NOT_FOUND);
    expect(err(() => loadDossierPage(ctx, other, id, false))).toBe(NOT_FOUND);
    expect(err(() => loadClientDetailsPage(ctx, other, id))).toBe(NOT_FOUND);
    expect(err(() => loadClientEditPage(ctx, other, id))).toBe(NOT_FOUND);
    expect(err(() => loadDossierPage(ctx, other, 999999, false))).toBe(NOT_FOUND);
    expect(err(() => loadDossierPage(ctx, actorFor(ctx, ctx.users.admin), id, false))).toMatch(/^forbidden/);
    expect(err(() => loadClientListPage(ctx, actorFor(ctx, ctx.users.admin), { teamScope: true, q: '', includeClosed: false, page: 1 }))).toMatch(
      /^forbidden/,
    );
    expect(findClientDetail(ctx.db, id)!.version).toBe(1);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM contact_attempts WHERE client_id = ?').pluck().get(id)).toBe(0);
    expect(auditActions(ctx, id)).toEqual(['dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd']);
  });

  it('reads the pages with their view audit rows; the BSN masked for all but the own consulent', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, bsn: BSN, lastName: 'Lijst' });
    const own = actorFor(ctx, ctx.users.consulent);
    expect(loadClientDetailsPage(ctx, own, id)).toMatchObject({ bsn: BSN, bsnFull: true });
    expect(loadClientDetailsPage(ctx, actorFor(ctx, ctx.users.teamleider), id)).toMatchObject({ bsn: '*****6782', bsnFull: false });
    const edit = loadClientEditPage(ctx, actorFor(ctx, ctx.users.teamleider), id);
    expect(edit.ok && edit.value).toMatchObject({ showBsnField: false, maskedBsn: '*****6782' });
    const overview = loadDossierPage(ctx, own, id, false);
    expect(overview.header).toMatchObject({ id, phase: 'INTAKE' });
    expect(overview.onlyAddress).toBe(true);
    expect(auditActions(ctx, id)).toEqual(['gegevens-bekeken', 'gegevens-bekeken', 'gegevens-bekeken', 'dossier-bekeken']);
    const mine = loadClientListPage(ctx, own, { teamScope: false, q: 'lijst', includeClosed: false, page: 1 });
    expect(mine).toMatchObject({ scope: 'mine', total: 1, pages: 1 });
    expect(loadClientListPage(ctx, actorFor(ctx, ctx.users.consulent2), { teamScope: false, q: 'lijst', includeClosed: false, page: 1 }).total).toBe(0);
    expect(loadClientListPage(ctx, actorFor(ctx, ctx.users.teamleider), { teamScope: false, q: 'lijst', includeClosed: false, page: 1 }).scope).toBe('team');
    const details = ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'clienten-lijst-bekeken' ORDER BY id").pluck().all();
    expect(details).toEqual(['1 cliënten, met zoekterm', '0 cliënten, met zoekterm', '1 cliënten, met zoekterm']);
  });
});
