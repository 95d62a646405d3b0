import { formatDate, formatDateShort, formatDateTime, formatHours, percentOf } from '../lib/format.js';

export { formatDate, formatDateShort, formatDateTime, formatHours, percentOf };

export const viewHelpers = { formatDate, formatDateShort, formatDateTime, formatHours, percentOf };
export type ViewHelpers = typeof viewHelpers;
