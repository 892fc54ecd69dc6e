// Staff single sign-on with the city's identity provider (OpenID Connect, authorization code flow
// with PKCE). openid-client does the protocol work — discovery, the token exchange, and checking
// the ID token's signature, issuer, audience, expiry, nonce and the state. What Gapura keeps
// between the redirect out and the callback (state, nonce, PKCE verifier, return path) travels in
// a short-lived cookie that is encrypted and authenticated with GAPURA_SECRET, so no table is needed
// and nothing in it can be read or altered by the browser.
import * as client from 'openid-client';
import { decrypt, encrypt } from '../crypto.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface PreAuth {
  state: string;
  nonce: string;
  verifier: string;
  /** where to go after signing in (a local path) */
  next: string;
  /** epoch ms after which the attempt is void */
  expires: number;
}

export interface OidcIdentity {
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
}

export const PREAUTH_COOKIE = 'gapura_oidc';
export const PREAUTH_TTL_MS = 10 * 60 * 1000;
const PURPOSE = 'oidc-preauth';

const configurations = new Map<string, Promise<client.Configuration>>();

/** Plain http is only accepted for an identity provider on this machine (tests, local development). */
function isLoopback(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}

/** Discovery once per issuer and client (cached for the life of the process; retried after failure). */
export function oidcConfiguration(s: OidcSettings): Promise<client.Configuration> {
  const key = `${s.issuer}\n${s.clientId}`;
  let p = configurations.get(key);
  if (!p) {
    const issuer = new URL(s.issuer);
    // plain http only for a loopback issuer (a local or test IdP): the one use the library marks it for
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only as a warning sign; loopback only
    p = client.discovery(issuer, s.clientId, s.clientSecret, undefined, isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined);
    p.catch(() => configurations.delete(key));
    configurations.set(key, p);
  }
  return p;
}

/** The URL to send the person to, and what must be remembered for the callback. */
export async function beginSignIn(s: OidcSettings, redirectUri: string, next: string): Promise<{ url: URL; preAuth: PreAuth }> {
  const config = await oidcConfiguration(s);
  const verifier = client.randomPKCECodeVerifier();
  const preAuth: PreAuth = { state: client.randomState(), nonce: client.randomNonce(), verifier, next, expires: Date.now() + PREAUTH_TTL_MS };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: preAuth.state,
    nonce: preAuth.nonce,
  });
  return { url, preAuth };
}

/**
 * Exchange the code for tokens and read who signed in. Throws when anything does not check out
 * (wrong state, replayed or foreign code, bad ID token).
 */
export async function finishSignIn(s: OidcSettings, callbackUrl: URL, preAuth: PreAuth): Promise<OidcIdentity> {
  const config = await oidcConfiguration(s);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: preAuth.verifier,
    expectedState: preAuth.state,
    expectedNonce: preAuth.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('no ID token');
  let info: Record<string, unknown> = claims;
  // Many providers put email only in the UserInfo response; ask for it there when missing.
  if (claims.email === undefined && tokens.access_token) {
    info = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
  }
  return {
    subject: claims.sub,
    email: typeof info.email === 'string' ? info.email : undefined,
    emailVerified: info.email_verified === true,
    name: typeof info.name === 'string' ? info.name : undefined,
  };
}

export function sealPreAuth(secret: string, p: PreAuth): string {
  return encrypt(secret, PURPOSE, JSON.stringify(p));
}

/** The remembered attempt, or null when missing, tampered with or expired. */
export function openPreAuth(secret: string, sealed: string | undefined): PreAuth | null {
  if (!sealed || sealed.length > 2000) return null;
  try {
    const p = JSON.parse(decrypt(secret, PURPOSE, sealed)) as PreAuth;
    return typeof p.expires === 'number' && p.expires > Date.now() ? p : null;
  } catch {
    return null;
  }
}
