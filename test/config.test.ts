// The configuration module (shared/config.ts) is the one place that reads the environment, every
// variable it reads is declared with its default and meaning, and the contract's table is made from
// that declaration.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, readConfig } from '../shared/config.ts';
import { CONTRACT_PATH, withEnvironmentTable } from '../scripts/env-table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const declared = ENVIRONMENT.map((v) => v.name);
/** Read by the test support only: the system never runs on it. */
const TEST_ONLY = ['TYM_TEST_PG_URL'];

/** readConfig over `env`, noting every name it looks up. */
function namesRead(env: Record<string, string> = {}): Set<string> {
  const read = new Set<string>();
  const watched = new Proxy(env, {
    get: (target, name) => {
      if (typeof name === 'string') read.add(name);
      return Reflect.get(target, name);
    },
  });
  readConfig(watched);
  return read;
}

describe('the environment', () => {
  it('declares each variable once', () => {
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('is read only by names it declares, and every declared name is read', () => {
    const read = namesRead();
    expect([...read].filter((n) => !declared.includes(n))).toEqual([]);
    expect(declared.filter((n) => !read.has(n) && !TEST_ONLY.includes(n))).toEqual([]);
  });

  it.each(ENVIRONMENT.filter((v) => v.default !== null).map((v) => [v.name, v.default!]))(
    '%s=%s means the same as leaving it unset',
    (name, value) => {
      expect(readConfig({ [name]: value })).toEqual(readConfig({}));
    },
  );

  it.each([
    ['TYM_PORT', 'http'],
    ['TYM_PORT', '65533'],
    ['PORT', '-1'],
    ['TYM_AUDIT_PORT', '4005x'],
    ['TYM_OPERATOR_PORT', '70000'],
    ['TYM_MAX_DEPTH', '0'],
    ['TYM_DB_POOL_SIZE', 'ten'],
    ['TYM_DB_PREPARED_STATEMENTS', 'yes'],
    ['TYM_TICKET_MAX_LIFETIME_SECONDS', '1.5'],
    ['TYM_SHUTDOWN_GRACE_SECONDS', 'soon'],
    ['TYM_RETENTION_AT', '25:00'],
    ['TYM_SEED_CLIENTS', '-3'],
    ['TYM_DB_PREFIX', 'Tym-test'],
    ['TYM_PG_URL', 'mysql://db/tym'],
    ['DATABASE_URL', 'not a url'],
    ['TYM_JOINT_URL', 'joint:4001/graphql'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be`));
  });

  it('never repeats a URL in its message: one may hold a password', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://tym:s3cret@db/tym' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });

  it('reads what `tym serve` needs into the configuration', () => {
    const config = readConfig({
      PORT: '5001',
      DATABASE_URL: 'postgres://tym@db/tym_joint',
      TYM_KELA_URL: 'http://kela:4004/graphql',
      TYM_AUDIT_PORT: '5005',
      TYM_TICKET_PUBLIC_KEY: '/run/secrets/ticket_public_jwk',
      TYM_ISSUERS: '/run/secrets/issuers_json',
      TYM_NECESSITY_MATRIX: '/etc/tym/matrix.yaml',
    });
    expect(config).toMatchObject({
      servicePort: 5001,
      databaseUrl: 'postgres://tym@db/tym_joint',
      subgraphUrls: { kela: 'http://kela:4004/graphql' },
      auditPort: 5005,
      ticketKeys: { privateKey: undefined, publicKeys: ['/run/secrets/ticket_public_jwk'] },
      issuersFile: '/run/secrets/issuers_json',
      necessityMatrix: '/etc/tym/matrix.yaml',
    });
    expect(readConfig({}).subgraphUrls).toEqual({});
  });

  it('is the table of docs/CONTRACT.md section 1 (`npm run docs:env` rewrites it)', () => {
    const contract = readFileSync(CONTRACT_PATH, 'utf8');
    expect(withEnvironmentTable(contract)).toBe(contract);
  });

  it("is named in the README's shorter table, variable by variable", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    const named = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split(' | ')[0]!.matchAll(/`([A-Z][A-Z0-9_]*)(=[^`]*)?`/g)].map((m) => m[1]));
    expect(named.sort()).toEqual(declared.filter((n) => !TEST_ONLY.includes(n)).sort());
  });
});

describe('process.env', () => {
  /** The product's own code: the services, the command, the demo world and the benchmarks. */
  const DIRS = ['bin', 'cli', 'gateway', 'shared', 'subgraphs', 'seed', 'bench'];
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'migrations' ? [] : files(path);
      return /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
    });

  /** The logger exists before any configuration is read, and the configuration's imports log. */
  const ALLOWED = [join('shared', 'config.ts'), join('shared', 'logger.ts')];

  it('is read by shared/config.ts alone (and TYM_LOG_LEVEL by the logger)', () => {
    const logger = readFileSync(join(ROOT, 'shared', 'logger.ts'), 'utf8');
    expect([...logger.matchAll(/process\.env\.(\w+)/g)].map((m) => m[1])).toEqual(['TYM_LOG_LEVEL']);
    const readers = DIRS.flatMap((d) => files(join(ROOT, d)))
      .filter((path) => !ALLOWED.includes(relative(ROOT, path)))
      // A write is not a read: the gateway turns Apollo's telemetry off for the libraries it loads.
      .filter((path) => /process\.env\b(?!\.\w+ = )/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(readers).toEqual([]);
  });
});
