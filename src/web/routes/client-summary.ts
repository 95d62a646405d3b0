import { Router } from 'express';
import { listAgreements } from '../../db/agreements.js';
import { listConversations, statusDates } from '../../db/conversations.js';
import { participationTotal } from '../../domain/index.js';
import type { Services } from '../services.js';
import { clientPage } from '../legacy-progress.js';

const OWNER_PLAIN: Record<string, string> = {
  CLIENT: 'U',
  CONSULENT: 'Uw consulent',
  COACH: 'Uw coach',
  PROVIDER: 'De taalschool of aanbieder',
};

/** A plain-Dutch, printable summary for the client: hours, what is done, next agreements and dates, what goes well. */
export function clientSummaryRouter(services: Services): Router {
  const router = Router();
  const { db } = services;

  router.get('/clients/:id/summary', (req, res) => {
    const page = clientPage(req, services);
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
    res.render('summary/index', {
      title: `Samenvatting voor ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      bars,
      done,
      openAgreements,
      ownerPlain: OWNER_PLAIN,
      goingWell: lastWithGoingWell
        ? { on: lastWithGoingWell.heldOn, text: (lastWithGoingWell.content.goingWell ?? lastWithGoingWell.content.participationSoFar) as string }
        : null,
      dates: statusDates(db, page.client.id),
    });
    req.audit('samenvatting-bekeken', 'voortgang', { clientId: page.client.id });
  });

  return router;
}
