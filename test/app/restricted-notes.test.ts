import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import {
  breakTheGlass,
  chooseNoteForHandover,
  handoverNotesFor,
  loadRestrictedNotePage,
  loadRestrictedNotesPage,
  type RestrictedNoteForm,
  recordRestrictedNote,
  restrictedNotesForExport,
} from '../../src/app/restricted-notes.js';
import { findClientRef } from '../../src/db/clients.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

const SECRET = 'Vermoeden van huiselijk geweld, Veilig Thuis geraadpleegd';
const noteForm = (over: Partial<RestrictedNoteForm> = {}) => ({
  ok: true as const,
  data: { kind: 'MELDCODE' as const, notedOn: '2026-11-20', body: SECRET, ...over },
});
const reason = (r: string) => ({ ok: true as const, data: { reason: r } });

describe('restricted notes use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  let noteId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const r = recordRestrictedNote(ctx, actorFor(ctx, ctx.users.consulent), clientId, noteForm());
    if (!r.ok) throw new Error('not recorded');
    noteId = r.value.noteId;
  });

  it('records a note with an audit row and no timeline line (the timeline is read by the whole team)', () => {
    const row = ctx.db.prepare('SELECT kind, body, created_by FROM restricted_notes WHERE id = ?').get(noteId);
    expect(row).toEqual({ kind: 'MELDCODE', body: SECRET, created_by: ctx.users.consulent });
    expect(auditActions(ctx, clientId)).toContain('afgeschermde-notitie-vastgelegd');
    expect(listClientEvents(ctx.db, clientId, 100).map((e) => e.summary).join(' ')).not.toMatch(/Veilig Thuis|afgeschermd/i);
  });

  it('refuses a new note on a closed dossier, and another team (not found)', () => {
    closeClientDirectly(ctx, clientId);
    expect(recordRestrictedNote(ctx, actorFor(ctx, ctx.users.consulent), clientId, noteForm())).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
    expect(() => loadRestrictedNotesPage(ctx, actorFor(ctx, ctx.users.otherConsulent), clientId)).toThrow(UseCaseError);
    expect(() => loadRestrictedNotesPage(ctx, actorFor(ctx, ctx.users.admin), clientId)).toThrow(/geen toegang/);
  });

  it('shows the text to the own consulent and the teamleider, kind and date only to another consulent', () => {
    const own = loadRestrictedNotesPage(ctx, actorFor(ctx, ctx.users.consulent), clientId);
    const lead = loadRestrictedNotesPage(ctx, actorFor(ctx, ctx.users.teamleider), clientId);
    const other = loadRestrictedNotesPage(ctx, actorFor(ctx, ctx.users.consulent2), clientId);
    expect(own.notes[0]?.note?.body).toBe(SECRET);
    expect(lead.notes[0]?.note?.body).toBe(SECRET);
    expect(other.notes[0]).toMatchObject({ kind: 'MELDCODE', notedOn: '2026-11-20', readable: false, note: null });
    expect(JSON.stringify(other)).not.toContain('Veilig Thuis');
    expect(JSON.stringify(loadRestrictedNotePage(ctx, actorFor(ctx, ctx.users.consulent2), clientId, noteId))).not.toContain('Veilig Thuis');
  });

  it('break the glass: a reason is needed, it opens the note for that day only (before, on, after), and is stored and audited', () => {
    const other = () => actorFor(ctx, ctx.users.consulent2);
    expect(breakTheGlass(ctx, other(), clientId, noteId, reason('kort'))).toMatchObject({ ok: false, refusal: { kind: 'invalid', errors: { reason: expect.any(String) } } });
    expect(breakTheGlass(ctx, other(), clientId, noteId, { ok: false, errors: { reason: 'Vul de reden in' } })).toMatchObject({ ok: false });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM restricted_note_access').pluck().get()).toBe(0);

    ctx.clock.set('2026-11-24T08:00:00.000Z'); // the day of the opening (business date in the server's time zone)
    expect(breakTheGlass(ctx, other(), clientId, noteId, reason('Vervang Sanne tijdens haar verlof, huisbezoek morgen'))).toMatchObject({ ok: true });
    expect(loadRestrictedNotePage(ctx, other(), clientId, noteId).note?.body).toBe(SECRET);
    ctx.clock.set('2026-11-24T21:30:00.000Z'); // late the same day
    expect(loadRestrictedNotePage(ctx, other(), clientId, noteId).note?.body).toBe(SECRET);
    ctx.clock.set('2026-11-25T08:00:00.000Z'); // the next day
    expect(loadRestrictedNotePage(ctx, other(), clientId, noteId).note).toBeNull();
    ctx.clock.set('2026-11-23T12:00:00.000Z'); // the day before
    expect(loadRestrictedNotePage(ctx, other(), clientId, noteId).note).toBeNull();

    const opening = ctx.db.prepare('SELECT user_id, reason, opened_on FROM restricted_note_access').get();
    expect(opening).toEqual({ user_id: ctx.users.consulent2, reason: 'Vervang Sanne tijdens haar verlof, huisbezoek morgen', opened_on: '2026-11-24' });
    expect(auditActions(ctx, clientId)).toContain('afscherming-doorbroken');
    const details = ctx.db.prepare("SELECT details FROM audit_log WHERE action LIKE 'afgeschermde-notitie-bekeken' ORDER BY id").pluck().all() as string[];
    expect(details).toContain(`notitie ${noteId}: inhoud getoond na doorbreken afscherming`);
    expect(details).toContain(`notitie ${noteId}: alleen soort en datum`);
    // No note text in the audit log.
    expect(JSON.stringify(ctx.db.prepare('SELECT * FROM audit_log').all())).not.toContain('Veilig Thuis');
  });

  it('only the own consulent gives a note along with the handover, and only with a reason', () => {
    const yes = (r: string | null) => ({ ok: true as const, data: { include: true, reason: r } });
    expect(() => chooseNoteForHandover(ctx, actorFor(ctx, ctx.users.consulent2), clientId, noteId, yes('Nieuwe gemeente moet dit weten'))).toThrow(UseCaseError);
    expect(() => chooseNoteForHandover(ctx, actorFor(ctx, ctx.users.teamleider), clientId, noteId, yes('Nieuwe gemeente moet dit weten'))).toThrow(UseCaseError);
    expect(chooseNoteForHandover(ctx, actorFor(ctx, ctx.users.consulent), clientId, noteId, yes(null))).toMatchObject({ ok: false, refusal: { kind: 'invalid' } });
    closeClientDirectly(ctx, clientId); // the handover follows the closure
    expect(chooseNoteForHandover(ctx, actorFor(ctx, ctx.users.consulent), clientId, noteId, yes('Veiligheidsplan loopt door'))).toMatchObject({ ok: true });
    expect(ctx.db.prepare('SELECT handover_reason FROM restricted_notes WHERE id = ?').pluck().get(noteId)).toBe('Veiligheidsplan loopt door');
    expect(auditActions(ctx, clientId)).toContain('afgeschermde-notitie-overdracht');
    expect(() => chooseNoteForHandover(ctx, actorFor(ctx, ctx.users.consulent), clientId, 9999, yes('Veiligheidsplan loopt door'))).toThrow(UseCaseError);
  });

  it('gives a provider (any role but consulent and teamleider of the team) nothing, not even that a note exists', () => {
    const provider = actorFor(ctx, ctx.users.consulent);
    // The aanbieder role is added on another branch; whatever client access it gets, the notes stay closed.
    provider.user = { ...provider.user, role: 'aanbieder' as never };
    const client = findClientRef(ctx.db, clientId)!;
    expect(() => loadRestrictedNotesPage(ctx, provider, clientId)).toThrow(UseCaseError);
    expect(() => loadRestrictedNotePage(ctx, provider, clientId, noteId)).toThrow(UseCaseError);
    expect(handoverNotesFor(ctx, provider, client)).toEqual([]);
    expect(restrictedNotesForExport(ctx, provider, client)).toEqual({});
    const yes = { ok: true as const, data: { include: true, reason: 'Veiligheidsplan loopt door' } };
    expect(chooseNoteForHandover(ctx, actorFor(ctx, ctx.users.consulent), clientId, noteId, yes)).toMatchObject({ ok: true });
    expect(handoverNotesFor(ctx, provider, client)).toEqual([]);
  });
});
