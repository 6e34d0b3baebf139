// Sign-in with the organisation's OpenID Connect provider: authorization code flow with PKCE by
// oidc-client-ts, loaded only when used. Its state and the user (tokens included) live in sessionStorage,
// never localStorage. While the tab is open the access token is renewed before it expires: with the refresh
// token when the provider gives one, else silently in a hidden frame (prompt=none, silent-renew.html). A
// renewal that fails leaves the session to expire, and the app then asks for a new sign-in. Signing out
// forgets the user and ends the provider's session where the provider offers an end-session endpoint.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { session, signIn, signOut, type Session } from './session.ts';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

let current: { key: string; manager: UserManager } | undefined;

function manager(config: OidcConfig): UserManager {
  const key = `${config.issuer} ${config.clientId} ${config.scope}`;
  if (current?.key === key) return current.manager;
  const store = new WebStorageStateStore({ store: sessionStorage });
  const m = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/`,
    silent_redirect_uri: `${location.origin}/silent-renew.html`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.scope,
    userStore: store,
    stateStore: store,
    loadUserInfo: false,
    automaticSilentRenew: true,
    // A renewal in a hidden frame waits this long for the provider before giving up.
    silentRequestTimeoutInSeconds: 10,
  });
  // A renewed token replaces the session's; an expired one ends the session.
  m.events.addUserLoaded((user) => {
    const s = session.value;
    if (s?.via === 'oidc') signIn(sessionOf(user));
  });
  m.events.addAccessTokenExpired(() => {
    if (session.value?.via === 'oidc') signOut();
  });
  current = { key, manager: m };
  return m;
}

function sessionOf(user: User): Session {
  // The gateway reads the same claims from the access token; the app shows them.
  const claims = JSON.parse(atob(user.access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  return {
    token: user.access_token,
    via: 'oidc',
    persona: {
      org: claims.org,
      role: claims.role,
      areas: claims.areas ?? [],
      municipality: claims.municipality,
      sub: claims.sub,
    },
  };
}

export const startSignIn = (config: OidcConfig): Promise<void> => manager(config).signinRedirect();

/** The session from the provider's answer in the URL (code and state), which is then taken off the URL. */
export async function finishSignIn(config: OidcConfig): Promise<Session> {
  const user = await manager(config).signinRedirectCallback();
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  return sessionOf(user);
}

/** After a reload of a signed-in tab: the renewal goes on (the user is in sessionStorage). */
export async function resume(config: OidcConfig): Promise<void> {
  const user = await manager(config).getUser();
  if (!user || user.expired) signOut();
}

/** Renews the token now (the same as the automatic renewal before expiry). */
export async function renewNow(config: OidcConfig): Promise<void> {
  await manager(config).signinSilent();
}

/**
 * Signs out: the app forgets the user at once; the provider's session ends too when it has an end-session
 * endpoint (the browser goes there and comes back to the sign-in view).
 */
export async function endSession(config: OidcConfig): Promise<void> {
  const m = manager(config);
  const user = await m.getUser();
  await m.removeUser();
  signOut();
  let endpoint: string | undefined;
  try {
    endpoint = await m.metadataService.getEndSessionEndpoint();
  } catch {
    endpoint = undefined;
  }
  if (endpoint) await m.signoutRedirect({ id_token_hint: user?.id_token });
}
