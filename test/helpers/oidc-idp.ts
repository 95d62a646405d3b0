import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { generate } from 'selfsigned';
import { Agent, fetch as undiciFetch } from 'undici';
import type { OidcSettings } from '../../src/app/oidc.js';

/**
 * A real OpenID provider (`oidc-provider`, certified) in the test process, over https with a self-signed certificate
 * made for the test. Only the test's fetch trusts that certificate (an undici dispatcher with it as CA); Koers's own
 * code path is the production one. Its login page is the provider's own development page (any password).
 */
export interface TestIdp {
  issuer: string;
  provider: Provider;
  /** A fetch that trusts the test certificate, and passes every response through `tamper` first. */
  fetch: NonNullable<OidcSettings['fetch']>;
  /** Tests may replace a response from the IdP (e.g. swap the ID token) before Koers sees it. */
  tamper: { response?: (url: string, res: Response) => Promise<Response> | Response };
  settings(publicUrl: string, overrides?: Partial<OidcSettings>): OidcSettings;
  close(): Promise<void>;
  /** The PEM of the certificate (for a browser or child process that must trust it). */
  certPem: string;
  port: number;
}

export const KOERS_CLIENT = { id: 'koers', secret: 'koers-test-geheim-dat-lang-genoeg-is' };
export const OTHER_CLIENT = { id: 'ander-systeem', secret: 'ander-test-geheim-dat-lang-genoeg-is' };

export async function startIdp(options: { publicUrls: string[]; port?: number } = { publicUrls: ['http://localhost:3000'] }): Promise<TestIdp> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  const server: Server = createServer({ key: pems.private, cert: pems.cert });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://127.0.0.1:${port}`;

  const redirectUris = options.publicUrls.map((u) => `${u}/login/oidc/callback`);
  const logoutUris = options.publicUrls.map((u) => `${u}/login`);
  const client = (id: string, secret: string) => ({
    client_id: id,
    client_secret: secret,
    redirect_uris: redirectUris,
    post_logout_redirect_uris: logoutUris,
    token_endpoint_auth_method: 'client_secret_post' as const,
    grant_types: ['authorization_code'],
    response_types: ['code' as const],
  });
  const configuration: Configuration = {
    clients: [client(KOERS_CLIENT.id, KOERS_CLIENT.secret), client(OTHER_CLIENT.id, OTHER_CLIENT.secret)],
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => ({ sub, preferred_username: sub, name: `Gebruiker ${sub}` }) };
    },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    // Like Entra ID and Keycloak: the profile claims (preferred_username) in the ID token itself.
    conformIdTokenClaims: false,
    ttl: { IdToken: 300, AccessToken: 300, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
    cookies: { keys: ['test-cookie-key-for-the-idp'] },
    // No consent screen: the municipality's IdP has Koers as a trusted first-party application.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  // Quiet: oidc-provider warns about development keys and interactions, which is what a test IdP uses.
  provider.on('server_error', (_ctx, err) => console.error('IdP error', err));
  server.on('request', provider.callback());

  const dispatcher = new Agent({ connect: { ca: pems.cert } });
  const tamper: TestIdp['tamper'] = {};
  const trusted = (async (url: string, init: Record<string, unknown>) => {
    const res = (await undiciFetch(url, { ...init, dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as Response;
    return tamper.response ? tamper.response(url, res) : res;
  }) as unknown as NonNullable<OidcSettings['fetch']>;

  return {
    issuer,
    provider,
    fetch: trusted,
    tamper,
    certPem: pems.cert,
    port,
    settings: (publicUrl, overrides = {}) => ({
      issuer,
      clientId: KOERS_CLIENT.id,
      clientSecret: KOERS_CLIENT.secret,
      publicUrl,
      usernameClaim: 'preferred_username',
      label: 'Gemeente Teststad',
      fetch: trusted,
      ...overrides,
    }),
    close: async () => {
      await dispatcher.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A minimal browser for the IdP side: a cookie jar and manual redirects over the trusted fetch. */
export class IdpBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly idp: TestIdp) {}

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  private async send(url: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.idp.fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}) },
    } as never);
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  /**
   * Follows the IdP's pages from the authorization URL: the login page (signs in as `username`), then back to the
   * client. Returns the redirect to the client's callback (absolute URL with code and state).
   */
  async signIn(authorizationUrl: string, username: string): Promise<string> {
    let res = await this.get(authorizationUrl);
    for (let i = 0; i < 10; i++) {
      const location = res.headers.get('location');
      if (!location) throw new Error(`IdP answered ${res.status} without a redirect: ${await res.text()}`);
      const next = new URL(location, authorizationUrl).href;
      if (!next.startsWith(this.idp.issuer)) return next;
      if (next.includes('/interaction/')) {
        const page = await this.get(next);
        const html = await page.text();
        if (!html.includes('name="login"')) throw new Error(`unexpected interaction page: ${html.slice(0, 500)}`);
        res = await this.post(next, { prompt: 'login', login: username, password: 'wat-dan-ook' });
      } else {
        res = await this.get(next);
      }
    }
    throw new Error('too many redirects at the IdP');
  }
}
