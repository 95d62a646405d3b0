/**
 * A request a use case will not serve at all: the thing does not exist for this user (`not-found`, also used
 * for another team's client so that its existence is not revealed), the user's role may not do it
 * (`forbidden`), or it clashes with the state of the record (`conflict`). The message is Dutch and safe to
 * show. Thrown, so that an access check cannot be forgotten by a caller; the web layer maps it to 404/403/409.
 * Refusals a form must show next to its fields (invalid input, a closed dossier, a stale version) are
 * returned instead, as a `Result` (see ./result.ts).
 */
export class UseCaseError extends Error {
  constructor(
    readonly kind: 'not-found' | 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export const forbidden = (message = 'U heeft geen toegang tot deze pagina.') => new UseCaseError('forbidden', message);
export const notFound = (message = 'Deze pagina bestaat niet (meer).') => new UseCaseError('not-found', message);
export const conflict = (message: string) => new UseCaseError('conflict', message);

export const NO_CLIENT_ACCESS = 'Deze cliënt bestaat niet of u heeft geen toegang.';
