// Demo: the municipality's targets (issue 22), one version from the start of this year, so the figures page shows
// lights against the pilot targets and the admin page a history.
import { DEFAULT_TARGETS } from '../domain/index.js';
import type { Clock } from '../lib/clock.js';
import type { Db } from '../db/connection.js';
import { insertTargetVersion } from '../db/targets.js';
import { findUserByUsername } from '../db/users.js';

export function seedTargetsDemo(db: Db, clock: Clock): void {
  const now = clock.now().toISOString();
  const admin = findUserByUsername(db, 'admin');
  if (!admin) return;
  insertTargetVersion(db, {
    effectiveFrom: `${now.slice(0, 4)}-01-01`,
    targets: { ...DEFAULT_TARGETS, intakeWeeks: 8, waitDays: { ...DEFAULT_TARGETS.waitDays, INTAKE_STARTED: 21 } },
    note: 'Voorbeeld: de pilotdoelen van Arnhem, met de intake binnen 8 weken als eigen doel van de gemeente.',
    createdBy: admin.id,
    now,
  });
}
