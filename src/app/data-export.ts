import { clientDataExport } from '../db/data-export.js';
import { tombstonesOf } from '../db/retention.js';
import { maskBsn } from '../domain/index.js';
import { bsnFor, loadClient } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { restrictedNotesForExport } from './restricted-notes.js';

const EXPLANATION =
  'Alle gegevens die Koers over deze inburgeraar bewaart, per onderdeel. "inzageEnWijzigingen" laat zien welke medewerker het dossier wanneer heeft bekeken of gewijzigd; "medewerkers" geeft de namen bij de nummers.';

/**
 * Everything Koers holds about a client, for an access request (inzageverzoek, AVG art. 15) or a transfer. Same
 * access as the dossier; the BSN in full only for the client's own consulent, as everywhere. Returns the document
 * and the client number (for the file name).
 */
export function exportClientData(deps: Deps, actor: Actor, clientId: unknown) {
  const client = loadClient(deps, actor, clientId);
  const data = clientDataExport(deps.db, client.id, (bsn) => bsnFor(actor.user, client, bsn, maskBsn) ?? bsn);
  if (!data) throw new Error('client vanished');
  actor.audit('gegevens-geexporteerd', 'inzage', { clientId: client.id });
  return {
    clientNumber: client.clientNumber,
    document: {
      toelichting: EXPLANATION,
      geexporteerdOp: actor.nowIso,
      geexporteerdDoor: actor.user.displayName,
      ...data,
      // The client's restricted notes: in no other export (issue 20).
      ...restrictedNotesForExport(deps, actor, client),
      // Deletions done under the retention rules (issue 20): when, by whose approval, what kinds; never the content.
      vernietigingen: tombstonesOf(deps.db, client.id),
    },
  };
}
