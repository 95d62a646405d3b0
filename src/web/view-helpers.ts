import { oneByteText } from './view-engine.js';
import { formatDate, formatDateShort, formatDateTime, formatHours, percentOf } from '../lib/format.js';

export { formatDate, formatDateShort, formatDateTime, formatHours, percentOf };

const keptFragments = new WeakMap<object, Map<string, string>>();

/**
 * The HTML `render()` gives for `model`, kept with that object: for a model the data layer keeps and never
 * changes while it is kept (a caseload row per team data version), so a view that shows it again writes the
 * same HTML without rendering it. `variant` names everything else the HTML depends on (e.g. which columns the
 * page has); it must not contain anything personal to the viewer or the request (no CSRF token, no form
 * values). With `enabled` false (Express's view cache off, in development) it always renders, so a template
 * edit shows at once; the HTML is the same either way.
 */
export function keptHtml(model: object, variant: string, enabled: boolean, render: () => string): string {
  if (!enabled) return oneByteText(render());
  let byVariant = keptFragments.get(model);
  if (!byVariant) keptFragments.set(model, (byVariant = new Map()));
  let html = byVariant.get(variant);
  if (html === undefined) {
    html = flat(render());
    byVariant.set(variant, html);
  }
  return html;
}

/**
 * The HTML as one flat, one-byte string: a rendered template is a rope of many small strings, which every
 * response containing it would walk again to encode it; and one character above U+00FF (a "–" from a
 * formatter, a name in another script) makes V8 hold the whole page as two-byte text, which took about 0.35 ms
 * to encode for a 100 KB caseload page. Such characters become numeric character references, which HTML
 * text and attribute values show the same (a kept fragment holds no script or style element).
 */
function flat(html: string): string {
  return Buffer.from(oneByteText(html), 'latin1').toString('latin1');
}

export const viewHelpers = { formatDate, formatDateShort, formatDateTime, formatHours, percentOf, keptHtml };
export type ViewHelpers = typeof viewHelpers;
