// gateByFirstSegment (src/web/router-gate.ts): a feature router is only entered for the first path segments it
// has routes under; what it answers must not change.
import express, { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { firstSegments, gateByFirstSegment } from '../../src/web/router-gate.js';

function clientsRouter(seen: string[]): Router {
  const r = Router();
  r.use('/clients', (req, _res, next) => {
    seen.push(req.path);
    next();
  });
  r.get('/clients/:id', (req, res) => res.send(`client ${req.params.id}`));
  r.post('/team/reassign', (_req, res) => res.send('reassigned'));
  return r;
}

describe('gateByFirstSegment', () => {
  it('knows the first segments of a router, or that it may match anything', () => {
    expect(firstSegments(clientsRouter([]))).toEqual(new Set(['clients', 'team']));
    const any = Router();
    any.get('/:id', (_req, res) => res.send('x'));
    expect(firstSegments(any)).toBeNull();
    const home = Router();
    home.get('/', (_req, res) => res.send('home'));
    expect(firstSegments(home)).toBeNull();
    expect(gateByFirstSegment(home)).toBe(home);
  });

  it('answers as the router does, and lets other requests pass without entering it', async () => {
    const seen: string[] = [];
    const app = express();
    app.use(gateByFirstSegment(clientsRouter(seen)));
    app.get('/caseload', (_req, res) => res.send('caseload'));
    app.use((_req, res) => res.status(404).send('niet gevonden'));
    expect((await request(app).get('/clients/7')).text).toBe('client 7');
    expect((await request(app).get('/CLIENTS/8')).text).toBe('client 8'); // Express routes ignore case
    expect((await request(app).post('/team/reassign')).text).toBe('reassigned');
    expect((await request(app).get('/caseload')).text).toBe('caseload');
    expect((await request(app).get('/clientsx/1')).status).toBe(404);
    expect((await request(app).get('/')).status).toBe(404);
    expect(seen).toEqual(['/7', '/8']);
  });
});
