import {
  activeLeefdomeinen,
  createIntake,
  findIntake,
  HIGHEST_EDUCATION,
  HIGHEST_EDUCATION_LABELS,
  type Intake,
  type IntakeFields,
  LITERACY,
  LITERACY_LABELS,
  type Leefdomein,
  updateIntake,
} from '../db/intakes.js';
import { LEERBAARHEID_MAX_SCORE } from '../domain/index.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { loadDossierHeader } from './dossier-header.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';

// The option lists the intake form validates against (the web layer's schema uses them).
export { HIGHEST_EDUCATION, LITERACY };
export type { IntakeFields, Leefdomein };

/** The leefdomeinen in use: the intake form has a score and a note for each (the form's schema is built from them). */
export function intakeDomains(deps: Deps): Leefdomein[] {
  return activeLeefdomeinen(deps.db);
}

/** The intake tab of a dossier: the intake so far (or none yet) and the lists of its form. */
export function loadIntakePage(deps: Deps, actor: Actor, clientId: unknown) {
  const client = loadClient(deps, actor, clientId);
  actor.audit('intake-bekeken', 'intake', { clientId: client.id });
  return {
    header: loadDossierHeader(deps, client.id),
    clientId: client.id,
    intake: findIntake(deps.db, client.id),
    domains: activeLeefdomeinen(deps.db),
    educationOptions: HIGHEST_EDUCATION.map((e) => ({ value: e, label: HIGHEST_EDUCATION_LABELS[e] })),
    literacyOptions: LITERACY.map((e) => ({ value: e, label: LITERACY_LABELS[e] })),
    maxScore: LEERBAARHEID_MAX_SCORE,
    today: actor.today,
  };
}

/** The form values of a stored intake (version 0: not begun yet). */
export function intakeValues(i: Intake | undefined): Record<string, unknown> {
  if (!i) return { version: '0' };
  const v: Record<string, unknown> = {
    educationHistory: i.educationHistory,
    highestEducation: i.highestEducation,
    workHistory: i.workHistory,
    languagesSpoken: i.languagesSpoken,
    literacy: i.literacy,
    health: i.health,
    barrierChildcare: i.barrierChildcare,
    barrierFamilyReunification: i.barrierFamilyReunification,
    barrierPsychological: i.barrierPsychological,
    barrierTravelTime: i.barrierTravelTime,
    barrierNotes: i.barrierNotes,
    family: i.family,
    finances: i.finances,
    wishesWork: i.wishesWork,
    wishesEducation: i.wishesEducation,
    wantsEducation: i.wantsEducation ? 'ja' : i.completedOn || i.wishesEducation ? 'nee' : '',
    leerbaarheidScore: i.leerbaarheidScore,
    leerbaarheidOn: i.leerbaarheidOn,
    version: String(i.version),
  };
  for (const s of i.scores) {
    v[`score_${s.leefdomeinId}`] = s.score === null ? '' : String(s.score);
    v[`note_${s.leefdomeinId}`] = s.note;
  }
  return v;
}

/** What completing the intake requires beyond a valid draft. */
function completionErrors(f: IntakeFields, domains: Leefdomein[]): FieldErrors {
  const errors: FieldErrors = {};
  if (f.leerbaarheidScore === null) errors.leerbaarheidScore = 'Vul de score van de leerbaarheidstoets in om de intake af te ronden';
  if (f.leerbaarheidOn === null) errors.leerbaarheidOn = 'Vul de datum van de leerbaarheidstoets in om de intake af te ronden';
  for (const d of domains) {
    const s = f.scores.find((x) => x.leefdomeinId === d.id);
    if (!s || s.score === null) errors[`score_${d.id}`] = `Kies een score voor ${d.name} om de intake af te ronden`;
  }
  return errors;
}

function intakeEvent(kind: string, summary: string, refId: number | null): DossierEvent {
  return { kind, summary, refTable: 'intakes', refId };
}

/**
 * Saves the brede intake: the first save starts it (that day drives the PIP due date); `finish` completes it (then
 * the leerbaarheidstoets and a score for every leefdomein are required). A completed intake stays completed and
 * can still be filled in. `version` is the intake's version the form was opened with (0: not begun); refused when
 * someone else saved it in between.
 */
export function saveIntake(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  version: number,
  finish: boolean,
  form: Parsed<IntakeFields>,
): Result<{ clientId: number; justCompleted: boolean; completed: boolean }> {
  const client = loadClient(deps, actor, clientId);
  if (client.closedOn) return refuse({ kind: 'closed' as const, message: CLOSED_MESSAGE });
  const { db } = deps;
  const domains = activeLeefdomeinen(db);
  const existing = findIntake(db, client.id);
  const complete = finish || Boolean(existing?.completedOn);
  if (!form.ok) return invalid(form.errors);
  const fields = form.data;
  if (complete) {
    const errors = completionErrors(fields, domains);
    if (Object.keys(errors).length) return invalid(errors);
  }
  const { today, nowIso } = actor;
  const userId = actor.user.id;
  const completedOn = existing?.completedOn ?? (complete ? today : null);
  const justCompleted = completedOn !== null && !existing?.completedOn;
  const saved = changeDossier(deps, actor, client.id, () => {
    const events: DossierEvent[] = [];
    if (!existing) {
      if (version !== 0) return null;
      const id = createIntake(db, client.id, fields, { startedOn: today, completedOn, userId, nowIso });
      events.push(intakeEvent('INTAKE_STARTED', 'Brede intake begonnen', id));
    } else if (!updateIntake(db, existing.id, version, fields, { completedOn, userId, nowIso })) {
      return null;
    } else if (existing.completedOn) {
      events.push(intakeEvent('INTAKE_UPDATED', 'Brede intake gewijzigd na afronding', existing.id));
    }
    if (justCompleted) {
      events.push(
        intakeEvent(
          'INTAKE_COMPLETED',
          `Brede intake afgerond (leerbaarheidstoets ${fields.leerbaarheidScore} van ${LEERBAARHEID_MAX_SCORE})`,
          existing?.id ?? null,
        ),
      );
    }
    return { value: true, events };
  });
  if (!saved) return stale('Niet opgeslagen: iemand anders heeft de intake net opgeslagen.');
  actor.audit(justCompleted ? 'intake-afgerond' : 'intake-opgeslagen', 'intake', { clientId: client.id });
  return ok({ clientId: client.id, justCompleted, completed: completedOn !== null });
}
