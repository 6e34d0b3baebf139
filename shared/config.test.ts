import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'tym-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secret = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
};

describe('the service database URL', () => {
  it('is DATABASE_URL, or nothing', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://a@db/tym_joint' }).databaseUrl).toBe('postgres://a@db/tym_joint');
    expect(readConfig({}).databaseUrl).toBeUndefined();
  });

  it('is read from the file DATABASE_URL_FILE names (a mounted secret), its first line trimmed', () => {
    const path = secret('url', 'postgres://tym_kela:s3cret@db-kela:5432/tym_kela\n');
    expect(readConfig({ DATABASE_URL_FILE: path }).databaseUrl).toBe(
      'postgres://tym_kela:s3cret@db-kela:5432/tym_kela',
    );
  });

  it('refuses both at once, an empty file and a missing one, without quoting the file', () => {
    const path = secret('both', 'postgres://x:s3cret@db/tym_joint');
    expect(() => readConfig({ DATABASE_URL_FILE: path, DATABASE_URL: 'postgres://y@db/z' })).toThrow(/not both/);
    expect(() => readConfig({ DATABASE_URL_FILE: secret('empty', '\n') })).toThrow(/is empty/);
    const missing = join(dir, 'missing');
    expect(() => readConfig({ DATABASE_URL_FILE: missing })).toThrow(`DATABASE_URL_FILE: cannot read ${missing}`);
    try {
      readConfig({ DATABASE_URL_FILE: path, DATABASE_URL: 'postgres://y@db/z' });
    } catch (e) {
      expect(String(e)).not.toContain('s3cret');
    }
  });
});
