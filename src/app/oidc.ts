import * as client from 'openid-client';
import { findUserByUsername, type User } from '../db/users.js';
import type { Deps } from './deps.js';
import { ok, refuse, type Result } from './result.js';
import { auditVisitor, type Visitor } from './sign-in-context.js';

/**
 * Single sign-on with the municipality's identity provider (Entra ID, ADFS, Keycloak, …) over OpenID Connect, with
 * the certified `openid-client`: authorization code flow with PKCE (S256), `state` and `nonce`; the ID token's
 * signature (the IdP's JWKS), issuer, audience and expiry are checked by the library. Configured only by the
 * environment (src/server.ts); the issuer must be https and there is no switch to allow http.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Koers's own base URL, e.g. https://koers.gemeente.nl; the redirect URI is `${publicUrl}/login/oidc/callback`. */
  publicUrl: string;
  /** The ID token claim holding the Koers username (default preferred_username). */
  usernameClaim: string;
  /** Text after "Inloggen via" (default "de gemeente"). */
  label: string;
  /**
   * Tests only: the fetch used to reach the IdP, so that a test can trust its own self-signed certificate. It cannot
   * make plain http acceptable (openid-client refuses non-https URLs before fetching).
   */
  fetch?: client.CustomFetch;
}

export const CALLBACK_PATH = '/login/oidc/callback';
export const NO_ACCESS_MESSAGE = 'U heeft nog geen toegang tot Koers; vraag de functioneel beheerder.';
export const FAILED_MESSAGE =
  'Inloggen via de gemeente is niet gelukt. Er is niets opgeslagen. Probeer het opnieuw; lukt het dan nog niet, meld het aan functioneel beheer.';

/** Reads and checks the settings from environment variables; undefined when OIDC is not configured. */
export function oidcSettingsFromEnv(env: Record<string, string | undefined>): OidcSettings | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const settings: OidcSettings = {
    issuer,
    clientId: env.OIDC_CLIENT_ID?.trim() ?? '',
    clientSecret: env.OIDC_CLIENT_SECRET ?? '',
    publicUrl: env.PUBLIC_URL?.trim() ?? '',
    usernameClaim: env.OIDC_USERNAME_CLAIM?.trim() || 'preferred_username',
    label: env.OIDC_LABEL?.trim() || 'de gemeente',
  };
  checkSettings(settings);
  return settings;
}

function checkSettings(s: OidcSettings): void {
  let issuer: URL;
  try {
    issuer = new URL(s.issuer);
  } catch {
    throw new Error('OIDC_ISSUER is not a URL');
  }
  if (issuer.protocol !== 'https:') throw new Error('OIDC_ISSUER must be an https URL');
  if (!s.clientId) throw new Error('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  if (!s.clientSecret) throw new Error('OIDC_CLIENT_SECRET is required with OIDC_ISSUER');
  let publicUrl: URL;
  try {
    publicUrl = new URL(s.publicUrl);
  } catch {
    throw new Error('PUBLIC_URL (Koers’s own base URL) is required with OIDC_ISSUER');
  }
  if (publicUrl.protocol !== 'https:' && publicUrl.hostname !== 'localhost' && publicUrl.hostname !== '127.0.0.1') {
    throw new Error('PUBLIC_URL must be https (only localhost may use http, for trying it out)');
  }
}

export interface PendingOidc {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The OpenID Connect client of one IdP: discovery once (retried after a failure), then the flow. */
export class OidcClient {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(readonly settings: OidcSettings) {
    checkSettings(settings);
  }

  get label(): string {
    return this.settings.label;
  }

  get redirectUri(): string {
    return new URL(CALLBACK_PATH, this.settings.publicUrl).href;
  }

  private config(): Promise<client.Configuration> {
    this.discovered ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
        ...(this.settings.fetch ? { [client.customFetch]: this.settings.fetch } : {}),
        timeout: 10,
      })
      .catch((err: unknown) => {
        this.discovered = undefined;
        throw err;
      });
    return this.discovered;
  }

  /**
   * The discovered configuration with Koers's clock as the client's notion of now (a skew of 0 with the system
   * clock). openid-client fixes the skew when a configuration is made, so each callback gets its own.
   */
  private withClock(discovered: client.Configuration, skewSeconds: number): client.Configuration {
    const server = JSON.parse(JSON.stringify(discovered.serverMetadata())) as client.ServerMetadata; // without its helper functions
    const config = new client.Configuration(server, this.settings.clientId, {
      client_secret: this.settings.clientSecret,
      [client.clockSkew]: skewSeconds,
    });
    if (this.settings.fetch) config[client.customFetch] = this.settings.fetch;
    return config;
  }

  /** Where to send the browser, and the checks to keep in the session until the callback. */
  async start(): Promise<{ url: string; pending: PendingOidc }> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /**
   * Redeems the code at the callback and returns the validated ID token's claims and the raw token. `nowMs` is Koers's
   * clock: the token's expiry is judged against it (the system clock in production).
   */
  async finish(callbackQuery: string, pending: PendingOidc, nowMs: number) {
    const config = this.withClock(await this.config(), Math.round((nowMs - Date.now()) / 1000));
    const callback = new URL(CALLBACK_PATH + callbackQuery, this.settings.publicUrl);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('no ID token');
    return { claims: claims as Record<string, unknown>, idToken: tokens.id_token };
  }

  /** The IdP's end_session_endpoint with the ID token hint, or null when the IdP has none. */
  async endSessionUrl(idToken: string | undefined): Promise<string | null> {
    const config = await this.config().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return null;
    const url = client.buildEndSessionUrl(config, {
      post_logout_redirect_uri: new URL('/login', this.settings.publicUrl).href,
      ...(idToken ? { id_token_hint: idToken } : {}),
    });
    // Log-out is a form post; Koers's CSP (form-action) allows the issuer's origin only.
    return url.origin === new URL(this.settings.issuer).origin ? url.href : null;
  }
}

export type OidcRefusal = { kind: 'no-access'; message: string } | { kind: 'failed'; message: string };

/**
 * The callback: validates the answer (state, code, PKCE, ID token) and matches the username claim to an active Koers
 * user. Roles and team stay in Koers. Every outcome is audited.
 */
export async function finishOidcLogin(
  deps: Deps,
  visitor: Visitor,
  oidc: OidcClient,
  callbackQuery: string,
  pending: PendingOidc | undefined,
): Promise<Result<{ user: User; idToken: string }, OidcRefusal>> {
  if (!pending) {
    auditVisitor(deps, visitor, null, 'inloggen-mislukt', { outcome: 'error', details: 'OIDC: geen lopende aanvraag in de sessie' });
    return refuse({ kind: 'failed', message: FAILED_MESSAGE });
  }
  let result: { claims: Record<string, unknown>; idToken: string };
  try {
    result = await oidc.finish(callbackQuery, pending, deps.clock.now().getTime());
  } catch (err) {
    const code = (err as { code?: string; error?: string }).error ?? (err as { code?: string }).code ?? 'fout';
    auditVisitor(deps, visitor, null, 'inloggen-mislukt', {
      outcome: 'error',
      details: `OIDC: antwoord afgewezen (${String(code).slice(0, 80)})`,
    });
    return refuse({ kind: 'failed', message: FAILED_MESSAGE });
  }
  const raw = result.claims[oidc.settings.usernameClaim];
  const username = typeof raw === 'string' ? raw.trim() : '';
  const found = username ? findUserByUsername(deps.db, username) : undefined;
  if (!found || !found.active) {
    auditVisitor(deps, visitor, null, 'inloggen-mislukt', {
      outcome: 'error',
      details: found ? `OIDC: gebruiker ${found.id} is uitgezet` : `OIDC: onbekende gebruiker (${oidc.settings.usernameClaim}: ${username.slice(0, 100) || '-'})`,
    });
    return refuse({ kind: 'no-access', message: NO_ACCESS_MESSAGE });
  }
  const { passwordHash: _hash, ...user } = found;
  return ok({ user, idToken: result.idToken });
}
