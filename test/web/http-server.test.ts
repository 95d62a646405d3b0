import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/web/http-server.js';
import { buildTestApp, csrfFrom, TEST_PASSWORD } from '../helpers/app.js';

// The server `npm start` runs (src/server.ts) creates requests and responses with the Express app's prototypes,
// so that Express does not have to swap them on every request (see src/web/http-server.ts for the cost).
describe('createHttpServer', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it('hands Express requests and responses that already have the app prototypes', async () => {
    const { app } = await buildTestApp();
    server = createHttpServer(app);
    const arrived: { request: boolean; response: boolean }[] = [];
    // Before Express's own listener, which would set the prototypes itself.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      arrived.push({ request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response });
    });
    await request(server).get('/login').expect(200);
    expect(arrived).toEqual([{ request: true, response: true }]);
  });

  it('serves the whole app: log-in form, session cookie, CSRF, redirect and a signed-in page', async () => {
    const ctx = await buildTestApp();
    server = createHttpServer(ctx.app);
    const agent = request.agent(server);
    const form = await agent.get('/login').expect(200);
    const refused = await agent.post('/login').type('form').send({ username: 'consulent', password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    const signedIn = await agent
      .post('/login')
      .type('form')
      .send({ username: 'consulent', password: TEST_PASSWORD, _csrf: csrfFrom(form.text) });
    expect(signedIn.status).toBe(303);
    const start = await agent.get('/').expect(200);
    expect(start.text).toContain('Uitloggen');
    // Query parsing (req.query) and the audit row of a dossier view work as they do with Express's own server.
    const refusedClient = await agent.get('/clients/999999?tijdlijn=alles');
    expect(refusedClient.status).toBe(404);
  });
});
