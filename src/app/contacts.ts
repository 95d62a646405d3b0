// The contact log of a client (issue 21): every contact with the client or about the client, and where the
// no-contact signal stands. Replaces the contact attempts (the old form still posts here).
import { clientSignals } from '../db/caseload.js';
import {
  addContact,
  CONTACT_CHANNEL_LABELS,
  CONTACT_CHANNELS,
  CONTACT_PARTICIPANT_LABELS,
  CONTACT_PARTICIPANTS,
  type ContactChannel,
  type ContactParticipant,
  contactSignalFacts,
  contactSummary,
  participantsText,
  listContacts,
} from '../db/contacts.js';
import { rulesInForce } from '../db/rules.js';
import { noContactDaysFor } from '../domain/index.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { loadDossierHeader } from './dossier-header.js';
import { changeDossier } from './dossier-write.js';
import { invalid, ok, type Parsed, refuse, type Result } from './result.js';

export { CONTACT_CHANNELS, CONTACT_PARTICIPANTS, contactSummary, participantsText };
export type { ContactChannel, ContactParticipant };

/** A contact as the web layer parsed it; without participants it was a contact (attempt) with the client. */
export interface ContactForm {
  attemptedOn: string;
  channel: ContactChannel;
  participants?: readonly ContactParticipant[];
  reached: 'ja' | 'nee';
  note: string | null;
}

type ClosedRefusal = { kind: 'closed'; message: string };

const channelOptions = CONTACT_CHANNELS.map((c) => ({ value: c, label: CONTACT_CHANNEL_LABELS[c] }));
const participantOptions = CONTACT_PARTICIPANTS.map((p) => ({ value: p, label: CONTACT_PARTICIPANT_LABELS[p] }));

/** The contact log page: the log, the form and where the no-contact signal stands today. */
export function loadContactPage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const header = loadDossierHeader(deps, ref.id);
  const facts = contactSignalFacts(deps.db, ref.id);
  const days = noContactDaysFor(rulesInForce(deps.db, actor.today).general, ref.doelgroep, header.pipSet);
  actor.audit('contactlog-bekeken', 'aanmelding', { clientId: ref.id });
  return {
    client: ref,
    header,
    contacts: listContacts(deps.db, ref.id),
    lastClientContactOn: facts?.lastClientContactOn ?? null,
    contactDueOn: facts?.contactDueOn ?? null,
    noContactDays: days,
    signal: clientSignals(deps.db, ref.id, actor.today).includes('NO_CONTACT'),
    channelOptions,
    participantOptions,
    CONTACT_CHANNEL_LABELS,
    participantsText,
    today: actor.today,
  };
}

/** Records a contact (on the timeline at the day of the contact); a reached contact with the client clears the signal. */
export function recordContact(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<ContactForm>,
): Result<{ clientId: number }> {
  const client = loadClient(deps, actor, clientId);
  if (client.closedOn) return refuse<ClosedRefusal>({ kind: 'closed', message: CLOSED_MESSAGE });
  if (!form.ok) return invalid(form.errors);
  const c = form.data;
  const reached = c.reached === 'ja';
  const participants: readonly ContactParticipant[] = c.participants?.length ? c.participants : ['CLIENT'];
  const ordered = CONTACT_PARTICIPANTS.filter((p) => participants.includes(p));
  changeDossier(deps, actor, client.id, () => {
    const id = addContact(
      deps.db,
      { clientId: client.id, contactOn: c.attemptedOn, channel: c.channel, participants: ordered, reached, note: c.note, userId: actor.user.id },
      actor.nowIso,
    );
    return {
      value: id,
      events: [
        {
          kind: 'CONTACT_ATTEMPT',
          summary: contactSummary(c.channel, ordered, reached),
          refTable: 'contact_attempts',
          refId: id,
          occurredOn: c.attemptedOn,
        },
      ],
    };
  });
  actor.audit('contactpoging-vastgelegd', 'aanmelding', { clientId: client.id });
  return ok({ clientId: client.id });
}
