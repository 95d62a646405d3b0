// Target-group facts of a client (issue 21): Participatiewet uitkering, laaggeletterd in the own language,
// ondertussengroep; jongere is computed from the birth date.
import { findClientDetail } from '../db/clients.js';
import { findTargetGroupFacts, type TargetGroupFacts, updateTargetGroupFacts } from '../db/target-group.js';
import { hasNoUitkeringLever, isJongere, JONGERE_MAX_AGE } from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { loadDossierHeader } from './dossier-header.js';
import { changeDossier } from './dossier-write.js';
import { NO_CLIENT_ACCESS, notFound } from './errors.js';
import { invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';

export type { TargetGroupFacts };

const yesNo = (v: boolean | null) => (v === null ? 'nog niet bekend' : v ? 'ja' : 'nee');

/** The facts page: the facts, jongere or not today, the no-lever hint, and the form. */
export function loadTargetGroupPage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const detail = findClientDetail(deps.db, ref.id);
  const facts = findTargetGroupFacts(deps.db, ref.id);
  if (!detail || !facts) throw notFound(NO_CLIENT_ACCESS);
  actor.audit('doelgroepkenmerken-bekeken', 'aanmelding', { clientId: ref.id });
  const tri = (v: boolean | null) => (v === null ? '' : v ? 'ja' : 'nee');
  return {
    client: ref,
    header: loadDossierHeader(deps, ref.id),
    facts,
    jongere: isJongere(detail.birthDate, actor.today),
    jongereMaxAge: JONGERE_MAX_AGE,
    noLever: hasNoUitkeringLever(ref.doelgroep, facts.pwUitkering),
    initialValues: {
      pwUitkering: tri(facts.pwUitkering),
      pwUitkeringSince: facts.pwUitkeringSince ?? '',
      laaggeletterd: tri(facts.laaggeletterd),
      ondertussengroep: facts.ondertussengroep ? 'on' : '',
      version: String(ref.version),
    } as Record<string, unknown>,
    today: actor.today,
  };
}

/** Saves the facts; "since" is needed with an uitkering and cannot be after today; stale versions are refused. */
export function changeTargetGroup(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  version: number,
  form: Parsed<TargetGroupFacts>,
): Result<{ clientId: number }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return refuse({ kind: 'closed', message: CLOSED_MESSAGE });
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  if (f.pwUitkering && !f.pwUitkeringSince) return invalid({ pwUitkeringSince: 'Vul in sinds wanneer de cliënt de uitkering heeft' });
  if (f.pwUitkeringSince && f.pwUitkeringSince > actor.today) {
    return invalid({ pwUitkeringSince: `De datum mag niet na vandaag (${formatDate(actor.today)}) liggen` });
  }
  const saved = changeDossier(deps, actor, ref.id, () => {
    if (!Number.isInteger(version) || !updateTargetGroupFacts(deps.db, ref.id, version, f, actor.nowIso)) return null;
    return {
      value: ref.id,
      events: [
        {
          kind: 'CLIENT_UPDATED',
          summary: `Doelgroepkenmerken vastgelegd (uitkering Participatiewet: ${yesNo(f.pwUitkering)}${f.pwUitkering && f.pwUitkeringSince ? ` sinds ${formatDate(f.pwUitkeringSince)}` : ''}; laaggeletterd in eigen taal: ${yesNo(f.laaggeletterd)}${f.ondertussengroep ? '; ondertussengroep' : ''})`,
          refTable: 'clients',
          refId: ref.id,
        },
      ],
    };
  });
  if (!saved) return stale('Niet opgeslagen: iemand anders heeft de gegevens van deze cliënt net gewijzigd.');
  actor.audit('doelgroepkenmerken-gewijzigd', 'aanmelding', { clientId: ref.id });
  return ok({ clientId: ref.id });
}
