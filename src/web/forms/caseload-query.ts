import { z } from 'zod';
import { type CaseloadFilter, type CaseloadQuery, DEFAULT_FILTER, PHASES, ROUTES, SIGNALS, SORTS, TARGET_GROUPS } from '../../app/caseload.js';
import { idParam } from '../validation.js';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const FIELD_SCHEMAS = {
  consulent: idParam,
  route: z.enum(ROUTES as [string, ...string[]]),
  phase: z.enum(PHASES as [string, ...string[]]),
  signal: z.enum(SIGNALS),
  group: z.enum(TARGET_GROUPS),
  q: z.string().trim().max(100),
  closed: z.literal('1'),
  sort: z.enum(SORTS),
  dir: z.enum(['asc', 'desc']),
  page: z.coerce.number().int().min(1).max(1_000_000),
} as const;

const FIELD_NAMES: Record<keyof typeof FIELD_SCHEMAS, string> = {
  consulent: 'consulent',
  route: 'route',
  phase: 'fase',
  signal: 'signaal',
  group: 'doelgroepkenmerk',
  q: 'zoeken',
  closed: 'afgesloten tonen',
  sort: 'sorteren',
  dir: 'volgorde',
  page: 'pagina',
};

/** The parameters whose value is the filter field of the same name, as parsed. */
type SameNameKey = 'route' | 'phase' | 'signal' | 'group' | 'sort' | 'dir';

function setSameName<K extends SameNameKey>(filter: CaseloadFilter, key: K, value: unknown): void {
  filter[key] = value as CaseloadFilter[K];
}

/**
 * Reads the caseload list's query parameters one by one. A value that does not fit is left out with a Dutch
 * notice, so a hand-edited or outdated link still shows the list. Whether the chosen consulent is of the user's
 * team is the use case's check.
 */
export function readCaseloadQuery(query: Record<string, unknown>): CaseloadQuery {
  const filter: CaseloadFilter = { ...DEFAULT_FILTER };
  let page = 1;
  const notices: string[] = [];
  for (const key of Object.keys(FIELD_SCHEMAS) as (keyof typeof FIELD_SCHEMAS)[]) {
    const raw = first(query[key]);
    if (raw === undefined || raw === '') continue;
    const parsed = FIELD_SCHEMAS[key].safeParse(raw);
    if (!parsed.success) {
      notices.push(`De waarde voor ${FIELD_NAMES[key]} is niet geldig en is genegeerd.`);
      continue;
    }
    const v = parsed.data;
    switch (key) {
      case 'consulent':
        filter.consulentId = v as number;
        break;
      case 'q':
        filter.q = (v as string) || null;
        break;
      case 'closed':
        filter.showClosed = true;
        break;
      case 'page':
        page = v as number;
        break;
      default:
        setSameName(filter, key, v);
    }
  }
  return { filter, page, notices };
}

/** The query of a list page kept in a form field (a query string), read as `readCaseloadQuery` reads a URL's. */
export function readCaseloadQueryString(query: unknown): CaseloadQuery {
  return readCaseloadQuery(Object.fromEntries(new URLSearchParams(typeof query === 'string' ? query : '')));
}
