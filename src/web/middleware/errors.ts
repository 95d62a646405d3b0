import type { NextFunction, Request, Response } from 'express';
import { ClientClosedError } from '../../db/closures.js';
import { UseCaseError } from '../../app/errors.js';
import { isCsrfError } from './csrf.js';

const USE_CASE_ERRORS = {
  'not-found': { status: 404, title: 'Pagina niet gevonden' },
  forbidden: { status: 403, title: 'Geen toegang' },
  conflict: { status: 409, title: 'Gewijzigd door een ander' },
} as const;

export function notFoundHandler(_req: Request, res: Response): void {
  res.status(404).render('errors/error', {
    title: 'Pagina niet gevonden',
    message: 'Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de startpagina.',
  });
}

/** Renders a Dutch error page; never a stack trace, SQL or other internals. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (isCsrfError(err)) {
    res.status(403).render('errors/error', {
      title: 'Formulier verlopen',
      message:
        'Het formulier is verlopen of niet vanuit Koers verstuurd. Er is niets opgeslagen. Ga terug, vernieuw de pagina en probeer het opnieuw.',
    });
    return;
  }
  if (err instanceof ClientClosedError) {
    res.status(409).render('errors/error', { title: 'Traject afgesloten', message: err.message });
    return;
  }
  if (err instanceof UseCaseError) {
    const { status, title } = USE_CASE_ERRORS[err.kind];
    res.status(status).render('errors/error', { title, message: err.message });
    return;
  }
  const status = (err as { status?: number; statusCode?: number }).status ?? 500;
  if (status === 413 || status === 400) {
    res.status(status).render('errors/error', {
      title: 'Verzoek niet verwerkt',
      message: 'Het verzoek kon niet worden verwerkt (te groot of onleesbaar). Er is niets opgeslagen.',
    });
    return;
  }
  console.error(`[${req.traceId ?? '-'}]`, err);
  if (res.headersSent) return;
  res.status(500).render('errors/error', {
    title: 'Er ging iets mis',
    message: `Er ging iets mis aan onze kant. Er is niets half opgeslagen. Probeer het opnieuw; blijft het misgaan, meld dan code ${req.traceId ?? '-'} aan functioneel beheer.`,
  });
}
