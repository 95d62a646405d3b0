// A consulent's own calendar: this week's appointments (start page and the agenda page) and the private
// iCalendar feed that Outlook or any calendar can subscribe to, behind a secret token the consulent can reset.
import { createHash, randomBytes } from 'node:crypto';
import { addDays, format, parseISO } from 'date-fns';
import {
  type CalendarAppointment,
  consulentAppointments,
  deleteFeed,
  feedUserByTokenHash,
  hasFeed,
  setFeedTokenHash,
} from '../db/appointments.js';
import { findUserById } from '../db/users.js';
import { todayOf } from '../lib/clock.js';
import { isoWeekDays } from '../lib/format.js';
import { type Actor, type AuditSink, actorAt } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden } from './errors.js';
import { appointmentsToIcs, initialsOf, KIND_LABELS, MODE_LABELS } from './ics.js';
import { STATUS_LABELS } from './planning.js';

/** How far back and ahead the feed reaches (a calendar needs no older history). */
const FEED_DAYS_BACK = 90;
const FEED_DAYS_AHEAD = 365;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const iso = (d: Date) => format(d, 'yyyy-MM-dd');

export interface WeekDay {
  date: string;
  label: string;
  appointments: (CalendarAppointment & { initials: string; time: string })[];
}

function requireConsulent(actor: Actor): void {
  if (actor.user.role !== 'consulent') throw forbidden('Alleen consulenten hebben een eigen agenda.');
}

/** The week (Monday to Sunday) of `date` with the consulent's appointments per day. */
export function weekOf(deps: Deps, consulentId: number, date: string): { from: string; to: string; days: WeekDay[] } {
  const week = isoWeekDays(date);
  const from = week[0]!.date;
  const to = iso(addDays(parseISO(from), 7));
  const list = consulentAppointments(deps.db, consulentId, from, to);
  const days: WeekDay[] = week.map(({ date: day, label }) => ({
    date: day,
    label: label.charAt(0).toUpperCase() + label.slice(1),
    appointments: list
      .filter((a) => a.startsAt.startsWith(day))
      .map((a) => ({ ...a, initials: initialsOf(a.firstName, a.lastName), time: a.startsAt.slice(11, 16) })),
  }));
  return { from, to, days };
}

/** This week's appointments for the consulent's start page (days without appointments left out). */
export function thisWeek(deps: Deps, actor: Actor) {
  const week = weekOf(deps, actor.user.id, actor.today);
  return { ...week, days: week.days.filter((d) => d.appointments.length > 0), kindLabels: KIND_LABELS, statusLabels: STATUS_LABELS };
}

/** The agenda page: a week of appointments (`week` is any date in it) and the state of the calendar feed. */
export function loadAgendaPage(deps: Deps, actor: Actor, week: string | null) {
  requireConsulent(actor);
  const date = week && /^\d{4}-\d{2}-\d{2}$/.test(week) && !Number.isNaN(parseISO(week).getTime()) ? week : actor.today;
  const w = weekOf(deps, actor.user.id, date);
  actor.audit('agenda-bekeken', 'voortgang');
  return {
    ...w,
    today: actor.today,
    previousWeek: iso(addDays(parseISO(w.from), -7)),
    nextWeek: iso(addDays(parseISO(w.from), 7)),
    feed: hasFeed(deps.db, actor.user.id) ?? null,
    kindLabels: KIND_LABELS,
    modeLabels: MODE_LABELS,
    statusLabels: STATUS_LABELS,
  };
}

/** Makes a new secret feed token (the old link stops working) and returns it once: only its hash is kept. */
export function resetCalendarFeed(deps: Deps, actor: Actor): { token: string } {
  requireConsulent(actor);
  const token = randomBytes(24).toString('base64url');
  setFeedTokenHash(deps.db, actor.user.id, hashToken(token), actor.nowIso);
  actor.audit('agenda-link-vernieuwd', 'voortgang');
  return { token };
}

/** Stops the feed: the link no longer works. */
export function stopCalendarFeed(deps: Deps, actor: Actor): void {
  requireConsulent(actor);
  deleteFeed(deps.db, actor.user.id);
  actor.audit('agenda-link-gestopt', 'voortgang');
}

/**
 * The feed of the consulent whose token this is, or null for a wrong, reset or stopped token (and for a user
 * who is no longer an active consulent). No client names: initials and client number only.
 */
export function loadCalendarFeed(deps: Deps, token: unknown, audit: AuditSink): string | null {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const userId = feedUserByTokenHash(deps.db, hashToken(token));
  const user = userId === undefined ? undefined : findUserById(deps.db, userId);
  if (!user || user.role !== 'consulent' || !user.active) return null;
  const actor = actorAt(user, deps.clock, audit);
  const today = parseISO(todayOf(deps.clock));
  const list = consulentAppointments(deps.db, user.id, iso(addDays(today, -FEED_DAYS_BACK)), iso(addDays(today, FEED_DAYS_AHEAD)));
  actor.audit('agenda-feed-opgehaald', 'voortgang', { details: `${list.length} afspraken in de agenda van ${user.username}` });
  return appointmentsToIcs(`Koers – afspraken ${user.displayName}`, list);
}
