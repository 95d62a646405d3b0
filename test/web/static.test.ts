import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

describe('static files', () => {
  it('serves the stylesheets, the icon and the vendor CSS under their prefixes only', async () => {
    const { app } = await buildTestApp();
    const css = await request(app).get('/css/koers.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    const icon = await request(app).get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    expect((await request(app).get('/vendor/utrecht-tokens/index.css')).status).toBe(200);
    // A public file outside its prefix is not served (it goes on to the log-in redirect).
    expect((await request(app).get('/koers.css')).status).not.toBe(200);
  });
});
