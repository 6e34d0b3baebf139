import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { parse } from 'yaml';
import { ENVIRONMENT } from '../shared/config.ts';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const text = readFileSync(root('docker-compose.yml'), 'utf8');
// Compose interpolates ${VAR...} before anything reads the file; a placeholder stands in for the value.
const compose = parse(text.replace(/\$\{[^}]*\}/g, 'interpolated'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file: string }>;
};
interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number> | string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  volumes?: string[];
  secrets?: string[];
  ports?: string[];
}

const env = (s: Service): Record<string, string> => {
  const e = s.environment ?? {};
  if (Array.isArray(e))
    return Object.fromEntries(e.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, String(v)]));
};
const commandOf = (s: Service): string => (Array.isArray(s.command) ? s.command.join(' ') : String(s.command ?? ''));

const SUBGRAPHS = { joint: 4001, employment: 4002, wellbeing: 4003, kela: 4004 } as const;
const APP_SERVICES = ['gateway', ...Object.keys(SUBGRAPHS)] as const;
const DATABASES = {
  'db-joint': 'tym_joint',
  'db-employment': 'tym_employment',
  'db-wellbeing': 'tym_wellbeing',
  'db-kela': 'tym_kela',
  'db-audit': 'tym_audit',
};

describe('docker-compose.yml', () => {
  it('has the five services and the five databases, nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...APP_SERVICES, ...Object.keys(DATABASES)].sort());
  });

  it.each(APP_SERVICES)('%s runs `tym serve %s` from the image built from the repo', (name) => {
    const s = compose.services[name]!;
    expect(commandOf(s)).toBe(`node bin/tym.js serve ${name}`);
    expect(s.build).toBe('.');
  });

  it.each(Object.entries(DATABASES))(
    '%s is PostgreSQL 15 with database %s, a volume and a healthcheck',
    (service, db) => {
      const s = compose.services[service]!;
      expect(s.image).toMatch(/^postgres:15(\b|$)/);
      expect(env(s).POSTGRES_DB).toBe(db);
      expect(s.volumes).toHaveLength(1);
      const [volume, target] = s.volumes![0]!.split(':');
      expect(target).toBe('/var/lib/postgresql/data');
      expect(compose.volumes).toHaveProperty(volume!);
      expect(JSON.stringify(s.healthcheck?.test)).toContain('pg_isready');
    },
  );

  it('gives every database its own volume', () => {
    const volumes = Object.keys(DATABASES).map((db) => compose.services[db]!.volumes![0]!.split(':')[0]);
    expect(new Set(volumes).size).toBe(5);
  });

  it.each(Object.entries(SUBGRAPHS))('%s reads its own database and listens on %i', (name, port) => {
    const e = env(compose.services[name]!);
    const url = new URL(e.DATABASE_URL!);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe(`db-${name}`);
    expect(url.pathname).toBe(`/tym_${name}`);
    expect(e.PORT).toBe(String(port));
    expect(e.TYM_TICKET_PUBLIC_KEY).toMatch(/^\/run\/secrets\//);
    expect(e.TYM_TICKET_PRIVATE_KEY).toBeUndefined();
    expect(compose.services[name]!.depends_on).toEqual({ [`db-${name}`]: { condition: 'service_healthy' } });
  });

  it('keeps the ticket signing key and the issuers on the gateway alone', () => {
    for (const name of Object.keys(SUBGRAPHS)) {
      expect(compose.services[name]!.secrets).toEqual(['ticket_public_jwk']);
    }
    const e = env(compose.services.gateway!);
    expect(e.TYM_TICKET_PRIVATE_KEY).toMatch(/^\/run\/secrets\//);
    expect(e.TYM_TICKET_PUBLIC_KEY).toMatch(/^\/run\/secrets\//);
    expect(e.TYM_ISSUERS).toMatch(/^\/run\/secrets\//);
    const mounted = new Set(compose.services.gateway!.secrets!.map((s) => `/run/secrets/${s}`));
    for (const v of ['TYM_TICKET_PRIVATE_KEY', 'TYM_TICKET_PUBLIC_KEY', 'TYM_ISSUERS'])
      expect(mounted.has(e[v]!)).toBe(true);
    for (const s of compose.services.gateway!.secrets!) expect(compose.secrets).toHaveProperty(s);
  });

  it('points the gateway at each subgraph service and port, and at the audit database', () => {
    const e = env(compose.services.gateway!);
    expect(e.PORT).toBe('4000');
    for (const [name, port] of Object.entries(SUBGRAPHS)) {
      const url = new URL(e[`TYM_${name.toUpperCase()}_URL`]!);
      expect(url.hostname).toBe(name);
      expect(url.port).toBe(String(port));
      expect(url.pathname).toBe('/graphql');
    }
    const audit = new URL(e.DATABASE_URL!);
    expect(audit.hostname).toBe('db-audit');
    expect(audit.pathname).toBe('/tym_audit');
    expect(compose.services.gateway!.ports).toEqual(['4000:4000']);
  });

  it('starts the gateway after the audit database and the subgraphs are healthy', () => {
    expect(compose.services.gateway!.depends_on).toEqual({
      'db-audit': { condition: 'service_healthy' },
      joint: { condition: 'service_healthy' },
      employment: { condition: 'service_healthy' },
      wellbeing: { condition: 'service_healthy' },
      kela: { condition: 'service_healthy' },
    });
    for (const name of APP_SERVICES) expect(compose.services[name]!.healthcheck?.test).toBeDefined();
  });

  it('runs every service with NODE_ENV=production', () => {
    for (const name of APP_SERVICES) expect(env(compose.services[name]!).NODE_ENV).toBe('production');
  });

  it('sets only variables the code reads', () => {
    // The configuration module reads exactly the variables it declares (test/config.test.ts).
    const read = new Set(ENVIRONMENT.map((v) => v.name));
    for (const name of APP_SERVICES) {
      for (const variable of Object.keys(env(compose.services[name]!))) {
        expect(read.has(variable), `${name} sets ${variable}, which the code does not read`).toBe(true);
      }
    }
  });

  it('takes every database password from the environment, none written in the file', () => {
    const raw = parse(text, { merge: true }) as typeof compose;
    for (const [service, db] of Object.entries(DATABASES)) {
      const variable = `TYM_${db.slice(4).toUpperCase()}_DB_PASSWORD`;
      expect(env(raw.services[service]!).POSTGRES_PASSWORD).toBe(`\${${variable}:?set ${variable}}`);
    }
    for (const name of APP_SERVICES) {
      const url = new URL(env(compose.services[name]!).DATABASE_URL!);
      expect(url.password).toBe('interpolated');
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(root('Dockerfile'), 'utf8');

  it('builds on a Node.js LTS the package supports, with npm ci, and serves one service', () => {
    const major = /^FROM node:(\d+)-slim$/m.exec(dockerfile)?.[1];
    // Even majors are the LTS lines; package.json `engines` must include the image's.
    expect(Number(major) % 2).toBe(0);
    const engines = JSON.parse(readFileSync(root('package.json'), 'utf8')).engines.node as string;
    expect(semver.intersects(engines, `${major}.x`), `engines "${engines}" leaves out Node.js ${major}`).toBe(true);
    expect(readFileSync(root('README.md'), 'utf8')).toContain(`\`${engines}\``);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    // node is PID 1 (no npx or shell between): the runtime's SIGTERM reaches the process that stops cleanly.
    expect(dockerfile).toMatch(/^CMD \["node", ?"bin\/tym\.js", ?"serve", ?"gateway"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    // The services run with the Node.js flags `npm start` gives the system (the young generation's size).
    const { scripts } = JSON.parse(readFileSync(root('package.json'), 'utf8'));
    const flags = / node ((?:--\S+ ?)*) ?bin\/tym\.js start/.exec(scripts.start)?.[1]?.trim();
    expect(flags).toBeTruthy();
    expect(dockerfile).toContain(`ENV NODE_OPTIONS="${flags}"`);
    for (const line of readFileSync(root('docker-compose.yml'), 'utf8')
      .split('\n')
      .filter((l) => /^\s+command:/.test(l))) {
      expect(line).toMatch(/command: \["node", "bin\/tym\.js", "serve", "[a-z]+"\]/);
    }
  });

  it('copies every directory the services import from', () => {
    for (const dir of ['bin', 'cli', 'config', 'gateway', 'schema', 'seed', 'shared', 'subgraphs'])
      expect(dockerfile).toMatch(new RegExp(`^COPY ${dir} `, 'm'));
    expect(dockerfile).not.toMatch(/^COPY \. /m);
  });
});
