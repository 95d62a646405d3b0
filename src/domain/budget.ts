// Costs against the budget of a learning route (issue 21). Money is in whole cents. A commitment (verplichting)
// reserves budget; actual costs (werkelijke kosten) use it. Per component the larger of the two counts, so an
// invoice against a commitment is not counted twice and an invoice above it counts in full. Pure: no I/O.

export const COST_COMPONENTS = ['TAALCURSUS', 'PARTICIPATIE', 'MAP', 'KINDEROPVANG', 'REISKOSTEN', 'TOLK', 'DOORBRAAKBUDGET'] as const;
export type CostComponent = (typeof COST_COMPONENTS)[number];
export const COST_KINDS = ['VERPLICHTING', 'KOSTEN'] as const;
export type CostKind = (typeof COST_KINDS)[number];

export interface CostAmount {
  component: CostComponent;
  kind: CostKind;
  amountCents: number;
}

export interface ComponentTotal {
  committedCents: number;
  actualCents: number;
  /** What counts against the budget: the larger of the two. */
  usedCents: number;
}

export function componentTotals(lines: readonly CostAmount[]): Record<CostComponent, ComponentTotal> {
  const totals = Object.fromEntries(COST_COMPONENTS.map((c) => [c, { committedCents: 0, actualCents: 0, usedCents: 0 }])) as Record<
    CostComponent,
    ComponentTotal
  >;
  for (const l of lines) {
    const t = totals[l.component];
    if (l.kind === 'VERPLICHTING') t.committedCents += l.amountCents;
    else t.actualCents += l.amountCents;
    t.usedCents = Math.max(t.committedCents, t.actualCents);
  }
  return totals;
}

export function budgetUsedCents(lines: readonly CostAmount[]): number {
  return Object.values(componentTotals(lines)).reduce((sum, t) => sum + t.usedCents, 0);
}

export type BudgetState = 'OK' | 'WARN' | 'OVER';

/** WARN from exactly `warnPct` of the budget (integer arithmetic: 79.99% is not 80%); OVER above 100%. */
export function budgetState(usedCents: number, budgetCents: number, warnPct: number): BudgetState {
  if (usedCents > budgetCents) return 'OVER';
  if (usedCents * 100 >= budgetCents * warnPct) return 'WARN';
  return 'OK';
}

/** A new line needs a reason when it takes what counts above the budget (exactly 100% needs none). */
export function needsOverBudgetReason(before: readonly CostAmount[], line: CostAmount, budgetCents: number): boolean {
  const after = budgetUsedCents([...before, line]);
  return after > budgetCents && after > budgetUsedCents(before);
}

/** Per cent of the budget, one decimal, for display. */
export const budgetPct = (usedCents: number, budgetCents: number) => (budgetCents > 0 ? Math.round((usedCents * 1000) / budgetCents) / 10 : 0);

/** Min, median and max of amounts (median of an even count: the mean of the middle two, rounded to a cent). */
export function spread(values: readonly number[]): { min: number; median: number; max: number; count: number } | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
  return { min: s[0]!, median, max: s.at(-1)!, count: s.length };
}

/** The distribution of budget use over clients, in bands of per cent of their budget. */
export const BUDGET_BANDS = [
  { label: 'minder dan 50%', upToPct: 50 },
  { label: '50% tot 80%', upToPct: 80 },
  { label: '80% tot en met 100%', upToPct: 100.0001 },
  { label: 'meer dan 100%', upToPct: Infinity },
] as const;

export function budgetBand(usedCents: number, budgetCents: number): number {
  if (usedCents > budgetCents) return 3;
  if (usedCents * 100 >= budgetCents * 80) return 2;
  if (usedCents * 100 >= budgetCents * 50) return 1;
  return 0;
}
