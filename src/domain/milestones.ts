import { addMonths } from 'date-fns';
import { assertDate, toDate, toIso } from './dates.js';
import { DomainInputError } from './errors.js';
import type { CalendarRules, Doelgroep } from './rules.js';
import type { Route } from './types.js';

/** The "ankerpunten" of a trajectory (seed 002, Rotterdam) and the leidraad's eindgesprek timing (seed 000). */
export const MILESTONE_CODES = [
  'PVT_COMPLETED',
  'MAP_REGISTERED',
  'MAP_COMPLETED',
  'YEAR1_CONVERSATIONS',
  'YEAR3_CHECK',
  'END_AFTER_PRE_END',
] as const;
export type MilestoneCode = (typeof MILESTONE_CODES)[number];

export const MILESTONE_LABELS: Record<MilestoneCode, string> = {
  PVT_COMPLETED: 'PVT afgerond',
  MAP_REGISTERED: 'Aangemeld voor de MAP',
  MAP_COMPLETED: 'MAP afgerond',
  YEAR1_CONVERSATIONS: 'Persoonlijke gesprekken in het eerste jaar',
  YEAR3_CHECK: 'Controle in het eerste kwartaal van jaar 3',
  END_AFTER_PRE_END: 'Eindgesprek na het pre-eindgesprek',
};

/**
 * - DONE: recorded (doneOn); NOT_APPLICABLE: does not apply to this client (e.g. MAP exemption);
 * - WAITING: its start is not known yet (no PIP, MAP not registered, no pre-eindgesprek);
 * - UPCOMING: before its window opens (fromOn); DUE: in its window, on or before dueOn; OVERDUE: after dueOn.
 */
export type MilestoneStatus = 'DONE' | 'NOT_APPLICABLE' | 'WAITING' | 'UPCOMING' | 'DUE' | 'OVERDUE';

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  DONE: 'Gedaan',
  NOT_APPLICABLE: 'Niet van toepassing',
  WAITING: 'Wacht op start',
  UPCOMING: 'Komt nog',
  DUE: 'Nu aan de beurt',
  OVERDUE: 'Te laat',
};

export interface Milestone {
  code: MilestoneCode;
  status: MilestoneStatus;
  /** The window opens (null when there is no window start or it is unknown). */
  fromOn: string | null;
  /** The last day that is on time (null when unknown). */
  dueOn: string | null;
  doneOn: string | null;
  /** A Dutch remark (what it waits for, how many of how many). */
  note: string | null;
}

export interface MilestoneFacts {
  doelgroep: Doelgroep;
  route: Route | null;
  /** Start of the inburgeringstermijn (first PIP vastgesteld). */
  pipDate: string | null;
  pvtCompletedOn: string | null;
  mapCompletedOn: string | null;
  mapExempt: boolean;
  mapRegisteredOn: string | null;
  /** Why the MAP was registered before A2 speaking and listening (recorded by the consulent). */
  mapEarlyReason: string | null;
  /** The date both speaking and listening were first measured at A2 or higher; null while not both. */
  a2SpeakingListeningOn: string | null;
  year3CheckOn: string | null;
  preEndHeldOn: string | null;
  endHeldOn: string | null;
  /** Dates of the personal conversations held (any kind). */
  conversationDates: string[];
}

const plusMonths = (date: string, months: number) => toIso(addMonths(toDate('date', 'Datum', date), months));

function statusOf(today: string, doneOn: string | null, fromOn: string | null, dueOn: string | null): MilestoneStatus {
  if (doneOn !== null) return 'DONE';
  if (dueOn === null) return 'WAITING';
  if (today > dueOn) return 'OVERDUE';
  if (fromOn !== null && today < fromOn) return 'UPCOMING';
  return 'DUE';
}

function milestone(
  code: MilestoneCode,
  today: string,
  w: { fromOn: string | null; dueOn: string | null; doneOn: string | null; note?: string | null },
): Milestone {
  return { code, status: statusOf(today, w.doneOn, w.fromOn, w.dueOn), fromOn: w.fromOn, dueOn: w.dueOn, doneOn: w.doneOn, note: w.note ?? null };
}

function checkDates(f: MilestoneFacts, today: string): void {
  assertDate('today', 'Datum vandaag', today);
  const optional: (keyof MilestoneFacts)[] = [
    'pipDate',
    'pvtCompletedOn',
    'mapCompletedOn',
    'mapRegisteredOn',
    'a2SpeakingListeningOn',
    'year3CheckOn',
    'preEndHeldOn',
    'endHeldOn',
  ];
  for (const key of optional) {
    const v = f[key];
    if (v !== null) assertDate(key, 'Datum', v);
  }
  f.conversationDates.forEach((d, i) => assertDate(`conversationDates[${i}]`, 'Datum gesprek', d));
}

/**
 * The milestones of one trajectory on `today` with the calendar rules in force. A deadline is met on its due
 * date and overdue from the day after. Conversations and MAP/PVT completions count whenever they were recorded.
 */
export function milestones(f: MilestoneFacts, rules: CalendarRules, today: string): Milestone[] {
  checkDates(f, today);
  const required = rules.year1Conversations[f.doelgroep];
  if (required === undefined) throw new DomainInputError('doelgroep', `Doelgroep: onbekende doelgroep '${String(f.doelgroep)}'.`);
  const pip = f.pipDate;
  const list: Milestone[] = [];

  list.push(
    milestone('PVT_COMPLETED', today, {
      fromOn: pip,
      dueOn: pip && plusMonths(pip, rules.pvtMonths),
      doneOn: f.pvtCompletedOn,
      note: pip ? null : 'Wacht op het PIP',
    }),
  );

  // MAP registration: from A2 speaking and listening (or earlier with a recorded reason), at the latest M months.
  if (f.mapExempt) {
    list.push({ code: 'MAP_REGISTERED', status: 'NOT_APPLICABLE', fromOn: null, dueOn: null, doneOn: null, note: 'Ontheffing MAP' });
    list.push({ code: 'MAP_COMPLETED', status: 'NOT_APPLICABLE', fromOn: null, dueOn: null, doneOn: null, note: 'Ontheffing MAP' });
  } else {
    const registeredOn = f.mapRegisteredOn ?? (f.mapCompletedOn !== null ? f.mapCompletedOn : null);
    const opensOn = f.a2SpeakingListeningOn ?? null;
    const fromOn = pip && (opensOn !== null ? (opensOn > pip ? opensOn : pip) : null);
    let note: string | null = null;
    if (!pip) note = 'Wacht op het PIP';
    else if (registeredOn !== null && f.mapEarlyReason) note = `Aangemeld voor A2 spreken en luisteren: ${f.mapEarlyReason}`;
    else if (registeredOn === null && opensOn === null) note = 'Wacht op A2 bij spreken en luisteren (of leg vast waarom eerder)';
    list.push(
      milestone('MAP_REGISTERED', today, {
        fromOn: fromOn ?? (pip && plusMonths(pip, rules.mapRegistrationLatestMonths)),
        dueOn: pip && plusMonths(pip, rules.mapRegistrationLatestMonths),
        doneOn: registeredOn,
        note,
      }),
    );
    list.push(
      milestone('MAP_COMPLETED', today, {
        fromOn: registeredOn,
        dueOn: registeredOn && plusMonths(registeredOn, rules.mapCompletionMonths),
        doneOn: f.mapCompletedOn,
        note: registeredOn === null ? 'Wacht op de aanmelding voor de MAP' : null,
      }),
    );
  }

  if (required === 0) {
    list.push({ code: 'YEAR1_CONVERSATIONS', status: 'NOT_APPLICABLE', fromOn: null, dueOn: null, doneOn: null, note: null });
  } else {
    const yearEnd = pip && plusMonths(pip, 12);
    const inYear = pip && yearEnd ? [...f.conversationDates].filter((d) => d >= pip && d <= yearEnd).sort() : [];
    list.push(
      milestone('YEAR1_CONVERSATIONS', today, {
        fromOn: pip,
        dueOn: yearEnd,
        doneOn: inYear.length >= required ? inYear[required - 1]! : null,
        note: pip ? `${Math.min(inYear.length, required)} van ${required} gesprekken` : 'Wacht op het PIP',
      }),
    );
  }

  list.push(
    milestone('YEAR3_CHECK', today, {
      fromOn: pip && plusMonths(pip, rules.year3CheckFromMonths),
      dueOn: pip && plusMonths(pip, rules.year3CheckByMonths),
      doneOn: f.year3CheckOn,
      note: pip ? null : 'Wacht op het PIP',
    }),
  );

  if (f.route === 'Z' || f.preEndHeldOn !== null) {
    const pre = f.preEndHeldOn;
    const endDone = pre !== null && f.endHeldOn !== null && f.endHeldOn >= pre ? f.endHeldOn : null;
    list.push(
      milestone('END_AFTER_PRE_END', today, {
        fromOn: pre && plusMonths(pre, rules.endAfterPreEndFromMonths),
        dueOn: pre && plusMonths(pre, rules.endAfterPreEndByMonths),
        doneOn: endDone,
        note: pre ? null : 'Wacht op het pre-eindgesprek',
      }),
    );
  }
  return list;
}

/** The earliest due date of a milestone not done (the caseload signal compares it with today); null if none. */
export function firstOpenMilestoneDue(list: Milestone[]): string | null {
  let first: string | null = null;
  for (const m of list) {
    if (m.status === 'DONE' || m.status === 'NOT_APPLICABLE' || m.dueOn === null) continue;
    if (first === null || m.dueOn < first) first = m.dueOn;
  }
  return first;
}

/** The number of no-shows in a row at the end of a client's appointment outcomes, oldest first. */
export function noShowStreak(outcomes: ('HELD' | 'NO_SHOW')[]): number {
  let n = 0;
  for (let i = outcomes.length - 1; i >= 0 && outcomes[i] === 'NO_SHOW'; i--) n += 1;
  return n;
}

/** Days between the day an invitation was sent and the appointment date (negative: sent after). */
export function invitationDaysAhead(sentOn: string, appointmentOn: string): number {
  const a = toDate('sentOn', 'Verzonden op', sentOn).getTime();
  const b = toDate('appointmentOn', 'Datum afspraak', appointmentOn).getTime();
  return Math.round((b - a) / 86_400_000);
}

/** True when the invitation was sent fewer than the rules' minimum days before an appointment that can lead to enforcement. */
export function invitationTooLate(sentOn: string, appointmentOn: string, rules: CalendarRules): boolean {
  return invitationDaysAhead(sentOn, appointmentOn) < rules.invitationMinDays;
}
