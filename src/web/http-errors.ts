// TEMPORARY (issue 16): the web layer throws the use cases' errors (src/app/errors.ts); removed once nothing imports it.
export { conflict, forbidden, notFound, UseCaseError as HttpError } from '../app/errors.js';
