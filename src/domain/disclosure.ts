// Small groups and small cells (issue 22): a comparison between consulenten needs a group of at least
// MIN_GROUP_SIZE clients, and an aggregate leaving Koers for the municipality's monitor shows no count below
// MIN_CELL_SIZE (it could point to a person).
export const MIN_GROUP_SIZE = 5;
export const MIN_CELL_SIZE = 5;

/** A count as it may be published: null (suppressed) when it is above zero and below the minimum cell size. */
export function publishable(count: number): number | null {
  return count > 0 && count < MIN_CELL_SIZE ? null : count;
}

/** Per 100 clients, one decimal; null without clients. */
export function per100(count: number, clients: number): number | null {
  return clients === 0 ? null : Math.round((count * 1000) / clients) / 10;
}
