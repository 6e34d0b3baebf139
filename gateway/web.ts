// The web app's front on the gateway's origin: the built app's static files at `/`, and in dev mode the
// demo sign-in list. Vite builds the app into web/dist (scripts/build-web.mjs, run before `npm start`);
// the gateway only serves what is there.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cooperationAreas } from '../shared/areas.ts';
import { sendJson, type Route } from '../shared/http.ts';
import fixtures from '../seed/fixtures.json' with { type: 'json' };
import { ROLES_BY_ORG, AUTHORITIES } from '../shared/vocabulary.ts';

export const WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The organisation's OpenID Connect provider the app signs users in with (TYM_OIDC_ISSUER, TYM_OIDC_CLIENT_ID). */
export interface WebOidc {
  issuer: string;
  clientId: string;
  scope: string;
}

// The app talks only to its own origin (and the sign-in provider's); no inline script. Only the hidden frame
// of a silent token renewal may be framed, and only by the app itself; the provider's pages may be framed by
// the app for that renewal.
const securityHeaders = (oidc: WebOidc | undefined, framedBySelf = false) => {
  const provider = oidc ? ` ${new URL(oidc.issuer).origin}` : '';
  return {
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
      `connect-src 'self'${provider}; frame-src 'self'${provider}; ` +
      `frame-ancestors ${framedBySelf ? "'self'" : "'none'"}; base-uri 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
};

const NOT_BUILT =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>tym-gateway</title>' +
  '<p>The web app is not built: run <code>npm run build:web</code> (npm start does it by itself).</p></html>';

/**
 * Serves the built app: a file under the root by its path, and index.html for any other path without an
 * extension (the app routes itself). Only GET and HEAD; nothing outside the root, whatever the path says.
 */
export function staticFiles(root: string = WEB_ROOT, oidc?: WebOidc): Route {
  const SECURITY_HEADERS = securityHeaders(oidc);
  const SILENT_RENEW_HEADERS = securityHeaders(oidc, true);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 404, { error: 'not found' });
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return sendJson(res, 404, { error: 'not found' });
    let target: string | undefined;
    if (existsSync(file) && statSync(file).isFile()) target = file;
    else if (!extname(pathname)) target = join(root, 'index.html');
    if (!target || !existsSync(target)) {
      if (extname(pathname)) return sendJson(res, 404, { error: 'not found' });
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
      return void res.end(NOT_BUILT);
    }
    const hashed = target.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'content-length': statSync(target).size,
      // Vite names each asset by its content hash: it may be kept; index.html must not, or a new build is missed.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(target === join(root, 'silent-renew.html') ? SILENT_RENEW_HEADERS : SECURITY_HEADERS),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  };
}

export interface Persona {
  org: string;
  role: string;
  areas: string[];
  municipality?: string;
  sub?: string;
  /** for a citizen: the first name the demo data gives them */
  label?: string;
}

/**
 * Dev mode's sign-in list: every role of every authority in each cooperation area, a municipality worker of
 * each municipality, and the demo citizens of the demo data (their identity codes are synthetic).
 */
export function devPersonas(citizens: { hetu: string; firstName: string }[]): Persona[] {
  const out: Persona[] = [];
  for (const area of cooperationAreas()) {
    for (const org of AUTHORITIES) for (const role of ROLES_BY_ORG[org]) out.push({ org, role, areas: [area.id] });
    for (const municipality of area.municipalities)
      out.push({ org: 'municipality', role: 'municipal-employment-worker', areas: [], municipality });
  }
  for (const c of citizens) out.push({ org: 'citizen', role: 'citizen', areas: [], sub: c.hetu, label: c.firstName });
  return out;
}

/** The dev-mode routes of the app: /dev/personas, the sign-in list. Never mounted in production. */
export function devRoutes(): Record<string, Route> {
  const citizens = (fixtures as { hetu: string; firstName: string }[]).map(({ hetu, firstName }) => ({
    hetu,
    firstName,
  }));
  const personas = devPersonas(citizens);
  return { '/dev/personas': (_req, res) => sendJson(res, 200, { personas }) };
}

/** A cooperation area as the app shows it: its name, municipalities and the names of its register controllers. */
export interface WebArea {
  id: string;
  name: string;
  municipalities: string[];
  /** controller id → the organisation's name (config/areas.yaml), for data labelled with its controller */
  controllers: Record<string, string>;
}

export const webAreas = (): WebArea[] =>
  cooperationAreas().map((a) => ({
    id: a.id,
    name: a.name,
    municipalities: a.municipalities,
    controllers: { [a.controllers.employment]: a.employmentArea, [a.controllers.wellbeing]: a.wellbeingArea },
  }));

/**
 * GET /web/config: how the app signs users in, and the cooperation areas it names. `dev` when the dev issuer
 * is on (the demo list), `oidc` when an OpenID Connect provider is configured (authorization code flow with
 * PKCE, in the browser). The areas are configuration, not personal data: the app shows organisations' names
 * for the controller ids and area ids the data carries.
 */
export function webConfigRoute(dev: boolean, oidc: WebOidc | undefined): Record<string, Route> {
  const areas = webAreas();
  return {
    '/web/config': (_req, res) => sendJson(res, 200, { dev, ...(oidc ? { oidc } : {}), areas }),
  };
}
