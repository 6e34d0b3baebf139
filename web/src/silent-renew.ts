// The hidden frame of a silent token renewal: hands the provider's answer (code and state) to the app's
// window, which exchanges it for tokens. Nothing else runs here.
import { UserManager } from 'oidc-client-ts';

void new UserManager({
  authority: location.origin,
  client_id: 'silent-renew',
  redirect_uri: location.href,
}).signinSilentCallback();
