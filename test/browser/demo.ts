import Database from 'better-sqlite3';
import { inject } from 'vitest';

/**
 * Ids of demo records the sweep needs, read at run time from the app's database (read-only), so that pages.ts
 * does not depend on the insertion order of the demo seed. Keys are used as `{key}` in PageSpec paths.
 */
const QUERIES: Record<string, string> = {
  // Z-route clients of src/demo/progress.ts, by client number.
  zClient: "SELECT id FROM clients WHERE client_number = 'D-1001'", // 399 language hours, a voortgangsgesprek
  // The provider-portal flow refers this client and accepts hours for her; no other flow or sweep page uses her,
  // so the hour totals other flows rely on (Amina Yusuf's 399 language hours) stay as seeded.
  providerFlowClient: "SELECT id FROM clients WHERE first_name = 'Zahra' AND last_name = 'Hosseini'",
  // A cost line of Amina Yusuf (D-1001), to withdraw.
  zCostLine: "SELECT l.id FROM cost_lines l JOIN clients c ON c.id = l.client_id WHERE c.client_number = 'D-1001' ORDER BY l.id LIMIT 1",
  absenceClient: "SELECT id FROM clients WHERE client_number = 'D-1005'", // 65% attendance
  preEndEligible: "SELECT id FROM clients WHERE client_number = 'D-1006'", // 500/300 and PVT: pre-eindgesprek possible
  endEligible: "SELECT id FROM clients WHERE client_number = 'D-1008'", // all end conditions met
  preEndHeld: "SELECT id FROM clients WHERE client_number = 'D-1012'",
  closedClient: "SELECT id FROM clients WHERE client_number = 'D-1013'",
  zConversation:
    "SELECT c.id FROM conversations c JOIN clients k ON k.id = c.client_id WHERE k.client_number = 'D-1001' AND c.kind = 'VOORTGANG' ORDER BY c.id LIMIT 1",
  preEndConversation:
    "SELECT c.id FROM conversations c JOIN clients k ON k.id = c.client_id WHERE k.client_number = 'D-1012' AND c.kind = 'PRE_EIND' ORDER BY c.id LIMIT 1",
  zHourEntry: "SELECT h.id FROM hour_entries h JOIN clients k ON k.id = h.client_id WHERE k.client_number = 'D-1001' ORDER BY h.id LIMIT 1",
  // Language exams (src/demo/exams.ts) and enforcement (src/demo/enforcement.ts): the first of each.
  examClient: 'SELECT client_id FROM exams ORDER BY id LIMIT 1',
  exam: 'SELECT id FROM exams ORDER BY id LIMIT 1',
  enforcementClient: 'SELECT client_id FROM enforcement_cases ORDER BY id LIMIT 1',
  enforcementCase: 'SELECT id FROM enforcement_cases ORDER BY id LIMIT 1',
  enforcementStep: 'SELECT s.id FROM enforcement_steps s WHERE s.case_id = (SELECT MIN(id) FROM enforcement_cases) ORDER BY s.id LIMIT 1',
  placementClient: "SELECT id FROM clients WHERE client_number = 'D-1009'", // structural paid work (issue 11)
  noContactClient: "SELECT id FROM clients WHERE client_number = 'K-2024071'", // no contact since March (issue 21)
  consulentUser: "SELECT id FROM users WHERE username = 'consulent'",
  provider: 'SELECT id FROM providers ORDER BY id LIMIT 1',
  // Issue 24 (src/demo/calendar.ts): the handhavingsgesprek with a late letter, and a client with DUO lines.
  appointmentClient: "SELECT client_id FROM appointments WHERE kind = 'HANDHAVING' ORDER BY id LIMIT 1",
  appointment: "SELECT id FROM appointments WHERE kind = 'HANDHAVING' ORDER BY id LIMIT 1",
  duoClient: 'SELECT client_id FROM duo_ledger ORDER BY created_at LIMIT 1',
  // Issue 20 (src/demo/restricted-notes.ts): restricted notes on a client of `consulent`; the Meldcode one.
  restrictedClient: 'SELECT client_id FROM restricted_notes ORDER BY id LIMIT 1',
  restrictedNote: "SELECT id FROM restricted_notes WHERE kind = 'MELDCODE' ORDER BY id LIMIT 1",
  // Issue 20 (src/demo/retention.ts): a closed dossier on a legal hold.
  heldClient: "SELECT id FROM clients WHERE client_number = 'RT-002'",
  // Issue 17 (src/demo/providers.ts): a referred client, a proposed referral of the language school, a submitted report.
  referredClient: "SELECT client_id FROM referrals WHERE status = 'CONFIRMED' ORDER BY id LIMIT 1",
  proposedReferral: "SELECT id FROM referrals WHERE status = 'PROPOSED' ORDER BY id LIMIT 1",
  submittedReport: "SELECT id FROM provider_reports WHERE status = 'SUBMITTED' ORDER BY id LIMIT 1",
};

let cache: Record<string, number> | undefined;

export function demoIds(): Record<string, number> {
  if (cache) return cache;
  const db = new Database(inject('databasePath'), { readonly: true, fileMustExist: true });
  try {
    const ids: Record<string, number> = {};
    for (const [key, sql] of Object.entries(QUERIES)) {
      const id = db.prepare(sql).pluck().get() as number | undefined;
      if (id === undefined) throw new Error(`demo data has no ${key} (${sql})`);
      ids[key] = id;
    }
    cache = ids;
    return ids;
  } finally {
    db.close();
  }
}

/** Replaces `{key}` in a path with the demo id, e.g. `/clients/{zClient}/hours`. */
export function resolvePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const id = demoIds()[key];
    if (id === undefined) throw new Error(`unknown demo id {${key}} in ${path}`);
    return String(id);
  });
}
