import { describe, expect, it } from 'vitest';
import type { DocumentDeps } from '../../src/app/documents.js';
import { checkPlaceholders, fillPlaceholders, saveLetterTemplate, TEMPLATE_SPECS } from '../../src/app/letter-templates.js';
import { type LetterForm, makeLetter, planGoalsInPlainDutch } from '../../src/app/letters.js';
import { findAppointment, insertAppointment } from '../../src/db/appointments.js';
import { DocumentFiles } from '../../src/db/document-files.js';
import { pipContentSchema } from '../../src/db/pips.js';
import { actorFor, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

const letterForm = (over: Partial<LetterForm> = {}): { ok: true; data: LetterForm } => ({
  ok: true,
  data: {
    letterDate: '2026-11-24',
    pipVersionNo: null,
    meetingDate: '2026-12-01',
    meetingTime: '10:00',
    place: 'Stadskantoor',
    interpreter: false,
    interpreterLanguage: null,
    bring: null,
    conversationId: null,
    appointmentId: null,
    ...over,
  },
});

async function setup() {
  const ctx = await buildTestApp();
  const deps: DocumentDeps = { db: ctx.db, clock: ctx.clock, files: new DocumentFiles(ctx.documentsPath) };
  const clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  return { ctx, deps, clientId };
}

describe('letter templates', () => {
  it('every built-in text uses only its own placeholders', () => {
    for (const spec of Object.values(TEMPLATE_SPECS)) {
      for (const f of spec.fields) expect(checkPlaceholders(spec.defaults[f.name] ?? '', spec.placeholders), `${spec.kind}.${f.name}`).toBeNull();
    }
  });

  it('names the unknown placeholder and the known ones', () => {
    expect(checkPlaceholders('Beste {{ naam }}, tot {{datum_gesprek}}.', { naam: '', datum: '' })).toBe(
      'Onbekend veld {{datum_gesprek}}. U kunt deze velden gebruiken: {{naam}}, {{datum}}.',
    );
    expect(checkPlaceholders('Beste {{naam}', { naam: '' })).toContain('Er staat een {{ zonder }}');
    expect(fillPlaceholders('Beste {{ naam }}!', { naam: 'Amira' })).toBe('Beste Amira!');
  });

  it('only an admin saves a template; a consulent is forbidden', async () => {
    const { ctx } = await setup();
    const data = { fields: { onderwerp: 'x', tekst: 'y' }, note: null, basedOn: 0 };
    expect(() => saveLetterTemplate(ctx, actorFor(ctx, ctx.users.consulent), 'afsprakenplan', { ok: true, data })).toThrow(
      expect.objectContaining({ kind: 'forbidden' }) as Error,
    );
    expect(saveLetterTemplate(ctx, actorFor(ctx, ctx.users.admin), 'afsprakenplan', { ok: true, data })).toEqual({
      ok: true,
      value: { versionNo: 1, title: 'Bevestiging afsprakenplan' },
    });
  });
});

describe('making a letter', () => {
  it('stores it as a "brief" document with a timeline event and an audit row', async () => {
    const { ctx, deps, clientId } = await setup();
    const r = await makeLetter(deps, actorFor(ctx, ctx.users.consulent), clientId, 'uitnodiging-voortgang', letterForm());
    expect(r).toEqual({ ok: true, value: { documentId: 1, description: 'Uitnodiging voortgangsgesprek op 1 december 2026 om 10:00 uur', appointmentId: null } });
    expect(ctx.db.prepare("SELECT t.code FROM documents d JOIN document_types t ON t.id = d.type_id").pluck().get()).toBe('BRIEF');
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE client_id = ? ORDER BY id DESC").pluck().get(clientId)).toBe('brief-gemaakt');
  });

  it('refuses a closed dossier and another team', async () => {
    const { ctx, deps, clientId } = await setup();
    await expect(makeLetter(deps, actorFor(ctx, ctx.users.otherConsulent), clientId, 'uitnodiging-eind', letterForm())).rejects.toMatchObject({ kind: 'not-found' });
    closeClientDirectly(ctx, clientId);
    const r = await makeLetter(deps, actorFor(ctx, ctx.users.consulent), clientId, 'uitnodiging-eind', letterForm());
    expect(r.ok || r.refusal.kind).toBe('closed');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
  });

  it("an invitation for an appointment is linked on it in the same transaction; another client's appointment is not found", async () => {
    const { ctx, deps, clientId } = await setup();
    const input = {
      kind: 'EIND' as const,
      startsAt: '2026-12-01T10:00',
      durationMinutes: 60,
      mode: 'VIDEO' as const,
      place: null,
      interpreterLanguage: null,
      interpreterBooked: false,
      others: null,
      invitationSentOn: null,
      invitationMethod: null,
    };
    const aid = insertAppointment(ctx.db, clientId, ctx.users.consulent, input, ctx.users.consulent, '2026-11-24T09:00:00.000Z');
    const otherClient = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const otherAid = insertAppointment(ctx.db, otherClient, ctx.users.consulent, input, ctx.users.consulent, '2026-11-24T09:00:00.000Z');
    const actor = actorFor(ctx, ctx.users.consulent);
    await expect(makeLetter(deps, actor, clientId, 'uitnodiging-eind', letterForm({ appointmentId: otherAid }))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(makeLetter(deps, actor, clientId, 'uitnodiging-voortgang', letterForm({ appointmentId: aid }))).rejects.toMatchObject({ kind: 'not-found' });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
    const r = await makeLetter(deps, actor, clientId, 'uitnodiging-eind', letterForm({ appointmentId: aid }));
    expect(r.ok && r.value.appointmentId).toBe(aid);
    expect(findAppointment(ctx.db, clientId, aid)!.invitationDocumentId).toBe(r.ok ? r.value.documentId : -1);
    expect(findAppointment(ctx.db, otherClient, otherAid)!.invitationDocumentId).toBeNull();
  });

  it('writes the plan in plain Dutch, and says so when it has no goals', () => {
    expect(planGoalsInPlainDutch(pipContentSchema.parse({}))).toEqual(['In uw plan staan nog geen doelen. Uw consulent bespreekt ze met u.']);
    expect(planGoalsInPlainDutch(pipContentSchema.parse({ languageGoal: 'A2', hoursPerWeekLanguage: 4.5 }))).toEqual(['Taal leren: A2 (4,5 uur per week)']);
  });
});
