// Dutch labels of stored codes that more than one feature shows or writes into the timeline. A label used by
// one feature only stays with that feature's use cases.
import { format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import type { AgreementOwner } from '../db/agreements.js';
import type { ConversationKind } from '../db/conversations.js';
import type { HourKind } from '../db/progress.js';

export const HOUR_KIND_LABELS: Record<HourKind, string> = {
  LANGUAGE: 'Taalles',
  KNM: 'KNM',
  PARTICIPATION: 'Participatie',
  MAP: 'MAP',
  PVT: 'PVT',
  PAID_WORK: 'Betaald werk',
};

export const HOUR_SOURCE_LABELS: Record<string, string> = { MANUAL: 'Handmatig', IMPORT: 'Import aanbieder' };

export const CONVERSATION_LABELS: Record<ConversationKind, string> = {
  VOORTGANG: 'Voortgangsgesprek',
  PRE_EIND: 'Pre-eindgesprek',
  EIND: 'Eindgesprek',
};

export const OWNER_LABELS: Record<AgreementOwner, string> = {
  CLIENT: 'Cliënt',
  CONSULENT: 'Consulent',
  COACH: 'Participatiecoach',
  PROVIDER: 'Aanbieder',
};

/** "oktober 2026" for a 'yyyy-MM' period. */
export function monthLabel(period: string): string {
  return format(parseISO(`${period}-01`), 'MMMM yyyy', { locale: nl });
}
