// iCalendar (RFC 5545) output of appointments, through ical-generator (line folding, escaping, UTC times).
// Calendars outside Koers get no client names: initials and client number only.
import ical, { ICalEventStatus } from 'ical-generator';
import type { AppointmentKind, AppointmentMode, AppointmentStatus } from '../db/appointments.js';
import { localToDate } from '../lib/local-time.js';

export const KIND_LABELS: Record<AppointmentKind, string> = {
  VOORTGANG: 'Voortgangsgesprek',
  PRE_EIND: 'Pre-eindgesprek',
  EIND: 'Eindgesprek',
  HANDHAVING: 'Handhavingsgesprek',
  INTAKE: 'Intakegesprek',
  OTHER: 'Gesprek',
};

export const MODE_LABELS: Record<AppointmentMode, string> = {
  OFFICE: 'Op kantoor',
  HOME: 'Huisbezoek',
  VIDEO: 'Beeldbellen',
  PHONE: 'Telefonisch',
};

export interface IcsAppointment {
  uid: string;
  sequence: number;
  kind: AppointmentKind;
  startsAt: string;
  durationMinutes: number;
  mode: AppointmentMode;
  place: string | null;
  interpreterLanguage: string | null;
  interpreterBooked: boolean;
  status: AppointmentStatus;
  updatedAt: string;
  firstName: string;
  lastName: string;
  clientNumber: string;
}

/** "A.B." from first and last name (the last name's first capital, so "de Vries" gives V). */
export function initialsOf(firstName: string, lastName: string): string {
  const first = firstName.trim().charAt(0).toUpperCase();
  const last = (/\p{Lu}/u.exec(lastName)?.[0] ?? lastName.trim().charAt(0)).toUpperCase();
  return [first, last].filter(Boolean).map((c) => `${c}.`).join('');
}

/** One calendar with the given appointments; cancelled ones stay in as CANCELLED so subscribers drop them. */
export function appointmentsToIcs(name: string, list: IcsAppointment[]): string {
  const cal = ical({ name, prodId: { company: 'Koers', product: 'Koers', language: 'NL' }, ttl: 60 * 15 });
  for (const a of list) {
    const start = localToDate(a.startsAt);
    const interpreter = a.interpreterLanguage
      ? `Tolk: ${a.interpreterLanguage} (${a.interpreterBooked ? 'geboekt' : 'nog niet geboekt'})`
      : null;
    cal.createEvent({
      id: a.uid,
      sequence: a.sequence,
      stamp: new Date(a.updatedAt),
      start,
      end: new Date(start.getTime() + a.durationMinutes * 60_000),
      summary: `${KIND_LABELS[a.kind]} ${initialsOf(a.firstName, a.lastName)} (${a.clientNumber})`,
      location: [MODE_LABELS[a.mode], a.place].filter(Boolean).join(': '),
      description: [`Cliëntnummer ${a.clientNumber}`, interpreter].filter(Boolean).join('\n'),
      status: a.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
