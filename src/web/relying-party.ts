import type { Request } from 'express';
import type { RelyingParty } from '../app/passkeys.js';

/**
 * The WebAuthn relying party: Koers's public URL when configured (PUBLIC_URL), else the origin of the request. The
 * browser writes the origin it really was on into what it signs, so a wrong Host header makes verification fail.
 */
export function relyingPartyOf(req: Request, publicUrl: string | undefined): RelyingParty {
  const origin = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return { id: new URL(origin).hostname, origin };
}
