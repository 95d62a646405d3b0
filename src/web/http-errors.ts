/** An error with an HTTP status and a Dutch message safe to show to the user. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const forbidden = (message = 'U heeft geen toegang tot deze pagina.') => new HttpError(403, message);
export const notFound = (message = 'Deze pagina bestaat niet (meer).') => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
