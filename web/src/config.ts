// What the gateway tells the app at start (GET /web/config): how users sign in, and the cooperation areas
// with their municipalities and the names of their register controllers.
import type { OidcConfig } from './oidc.ts';
import { signal } from './state.ts';

export interface WebArea {
  id: string;
  name: string;
  municipalities: string[];
  controllers: Record<string, string>;
}

export interface WebConfig {
  dev: boolean;
  oidc?: OidcConfig;
  areas: WebArea[];
}

export const config = signal<WebConfig | null>(null);
let loading: Promise<WebConfig> | undefined;

/** The configuration, fetched once. */
export function loadConfig(): Promise<WebConfig> {
  loading ??= fetch('/web/config')
    .then((r) => r.json() as Promise<WebConfig>)
    .then((c) => {
      config.value = { ...c, areas: c.areas ?? [] };
      return config.value;
    })
    .catch((e) => {
      loading = undefined;
      throw e;
    });
  return loading;
}
