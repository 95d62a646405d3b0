import { format, subDays } from 'date-fns';
import { type Clock, todayOf } from '../lib/clock.js';
import { addBarrierStatus } from '../db/barriers.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';
import type { BarrierKind, BarrierStatus } from '../domain/index.js';
import { addClientEvent } from '../db/timeline.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** Barrier histories for the open demo clients with a completed intake (issue 21); about a third stays "niet ingevuld". */
export function seedBarriersDemo(db: Db, clock: Clock): number {
  const now = clock.now();
  const nowIso = now.toISOString();
  const clients = db
    .prepare(
      `SELECT c.id, c.consulent_id AS consulentId FROM clients c JOIN intakes i ON i.client_id = c.id
       WHERE c.closed_on IS NULL AND i.completed_on IS NOT NULL AND c.consulent_id IS NOT NULL ORDER BY c.id`,
    )
    .all() as { id: number; consulentId: number }[];
  let count = 0;
  db.transaction(() => {
    clients.forEach((c, i) => {
      type Step = [number, BarrierKind, BarrierStatus, string | null];
      const plan: Step[] =
        i % 3 === 0
          ? [
              [120, 'CHILDCARE', 'PRESENT', 'Geen opvang voor de jongste op dinsdag en donderdag.'],
              [120, 'DEBTS', 'NONE', null],
              [30, 'CHILDCARE', 'RESOLVED', 'Plek bij de kinderopvang, vanuit het doorbraakbudget.'],
            ]
          : i % 3 === 1
            ? [
                [60, 'DEBTS', 'PRESENT', 'Achterstand bij de zorgverzekering; aangemeld bij schuldhulp.'],
                [60, 'HOUSING', 'NONE', null],
                [60, 'HEALTH', 'NONE', null],
                ...(i % 5 === 1 ? [[20, 'PSYCHOLOGICAL', 'PRESENT', 'Slaapt slecht, zorgen om familie.'] as Step] : []),
              ]
            : [];
      for (const [daysAgo, kind, status, note] of plan) {
        const on = iso(subDays(now, daysAgo));
        const id = addBarrierStatus(db, { clientId: c.id, kind, status, statusOn: on, note, conversationId: null, userId: c.consulentId }, nowIso);
        addClientEvent(db, { clientId: c.id, occurredOn: on, kind: 'BARRIERS', summary: 'Belemmeringen bijgewerkt', refTable: 'client_barriers', refId: id, userId: c.consulentId });
        count += 1;
      }
      if (plan.length) refreshClientStatus(db, c.id, todayOf(clock));
    });
  })();
  return count;
}

/**
 * Target-group facts for the demo clients (issue 21): about half with a Participatiewet uitkering, some
 * laaggeletterd in the own language, two of the ondertussengroep; the gezinsmigranten without uitkering get the
 * no-lever hint. A few stay "nog niet bekend".
 */
export function seedTargetGroupDemo(db: Db): number {
  const clients = db.prepare('SELECT id, doelgroep, linked_on AS linkedOn FROM clients ORDER BY id').all() as { id: number; doelgroep: string; linkedOn: string }[];
  const update = db.prepare('UPDATE clients SET pw_uitkering = ?, pw_uitkering_since = ?, laaggeletterd = ?, ondertussengroep = ? WHERE id = ?');
  db.transaction(() => {
    clients.forEach((c, i) => {
      if (i % 7 === 6) return; // not known yet
      const uitkering = c.doelgroep === 'ASIELSTATUSHOUDER' ? i % 4 !== 3 : c.doelgroep === 'GEZINSMIGRANT' ? i % 3 === 0 : false;
      update.run(uitkering ? 1 : 0, uitkering ? c.linkedOn : null, i % 5 === 2 ? 1 : 0, i === 4 || i === 17 ? 1 : 0, c.id);
    });
  })();
  return clients.length;
}
