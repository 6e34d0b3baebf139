// Sign-in with the organisation's OpenID Connect provider: authorization code flow with PKCE by
// oidc-client-ts, loaded only when used. Its state and the user live in sessionStorage, never localStorage.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { Session } from './session.ts';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

function manager(config: OidcConfig): UserManager {
  const store = new WebStorageStateStore({ store: sessionStorage });
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.scope,
    userStore: store,
    stateStore: store,
    loadUserInfo: false,
    automaticSilentRenew: false,
  });
}

export const startSignIn = (config: OidcConfig): Promise<void> => manager(config).signinRedirect();

/** The session from the provider's answer in the URL (code and state), which is then taken off the URL. */
export async function finishSignIn(config: OidcConfig): Promise<Session> {
  const user = await manager(config).signinRedirectCallback();
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  // The gateway reads the same claims from the access token; the app shows them.
  const claims = JSON.parse(atob(user.access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  return {
    token: user.access_token,
    persona: {
      org: claims.org,
      role: claims.role,
      areas: claims.areas ?? [],
      municipality: claims.municipality,
      sub: claims.sub,
    },
  };
}
