import { listAgreements } from '../db/agreements.js';
import { listConversations, statusDates } from '../db/conversations.js';
import { participationTotal } from '../domain/index.js';
import type { Actor } from './actor.js';
import { loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';

/** Who does an agreement, in the words of the summary (which speaks to the client). */
const OWNER_PLAIN: Record<string, string> = {
  CLIENT: 'U',
  CONSULENT: 'Uw consulent',
  COACH: 'Uw coach',
  PROVIDER: 'De taalschool of aanbieder',
};

/** A plain-Dutch, printable summary for the client: hours, what is done, next agreements and dates, what goes well. */
export function loadClientSummaryPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { db } = deps;
  const e = page.eligibility;
  const a = e.progress.totals.attended;
  const bars: { label: string; actual: number; norm: number }[] = [];
  if (e.norms.languageHours !== null) bars.push({ label: 'Taalles', actual: a.LANGUAGE, norm: e.norms.languageHours });
  if (e.norms.participationHours !== null && e.progress.snapshot) {
    bars.push({
      label: 'Meedoen (participatie)',
      actual: participationTotal(e.progress.snapshot, e.rules.z),
      norm: e.norms.participationHours,
    });
  }
  const done = [
    { label: 'KNM (kennis van de Nederlandse maatschappij)', done: e.progress.knmCompleted },
    { label: 'MAP (module arbeidsmarkt en participatie)', done: e.progress.mapCompleted },
    { label: 'PVT (participatieverklaring)', done: e.progress.pvtCompleted },
  ];
  const openAgreements = listAgreements(db, page.client.id)
    .filter((x) => x.status === 'OPEN' || x.status === 'LOOPT_ACHTER' || x.status === 'HERZIEN')
    .slice(0, 6);
  const lastWithGoingWell = listConversations(db, page.client.id).find(
    (c) => typeof c.content.goingWell === 'string' || typeof c.content.participationSoFar === 'string',
  );
  actor.audit('samenvatting-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    bars,
    done,
    openAgreements,
    ownerPlain: OWNER_PLAIN,
    goingWell: lastWithGoingWell
      ? { on: lastWithGoingWell.heldOn, text: (lastWithGoingWell.content.goingWell ?? lastWithGoingWell.content.participationSoFar) as string }
      : null,
    dates: statusDates(db, page.client.id),
  };
}
