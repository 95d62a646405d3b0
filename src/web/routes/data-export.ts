import { Router } from 'express';
import { clientDataExport } from '../../db/data-export.js';
import { maskBsn } from '../../domain/index.js';
import type { Services } from '../services.js';
import { canSeeFullBsn, loadClientForRequest } from '../client-access.js';

/**
 * Download of everything Koers holds about a client, for an access request (inzageverzoek, AVG art. 15) or a
 * transfer: JSON, readable by people and programs. Same access as the dossier; the BSN in full only for the
 * client's own consulent, as everywhere.
 */
export function dataExportRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;

  router.get('/clients/:id/data-export.json', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const fullBsn = canSeeFullBsn(req.user!, client);
    const data = clientDataExport(db, client.id, (bsn) => (fullBsn ? bsn : maskBsn(bsn)));
    if (!data) throw new Error('client vanished');
    req.audit('gegevens-geexporteerd', 'inzage', { clientId: client.id });
    const exportedAt = clock.now().toISOString();
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="koers-gegevens-${client.clientNumber.replace(/[^A-Za-z0-9-]/g, '')}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(
      JSON.stringify(
        {
          toelichting:
            'Alle gegevens die Koers over deze inburgeraar bewaart, per onderdeel. "inzageEnWijzigingen" laat zien welke medewerker het dossier wanneer heeft bekeken of gewijzigd; "medewerkers" geeft de namen bij de nummers.',
          geexporteerdOp: exportedAt,
          geexporteerdDoor: req.user!.displayName,
          ...data,
        },
        null,
        2,
      ),
    );
  });

  return router;
}
