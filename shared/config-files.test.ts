import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_DIR, CONFIG_FILES, configFile, necessityMatrixFile, OLD_CONFIG_DIR } from './config-files.ts';

describe('the configuration files', () => {
  const root = mkdtempSync(join(tmpdir(), 'tym-config-files-'));
  const [dir, oldDir] = [join(root, 'config'), join(root, 'schema')];
  mkdirSync(dir);
  mkdirSync(oldDir);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(CONFIG_FILES)('%s ships in config/, and nothing is left in schema/', (name) => {
    expect(configFile(name, { warn: () => expect.fail('no warning expected') })).toBe(join(CONFIG_DIR, name));
    expect(existsSync(join(CONFIG_DIR, name))).toBe(true);
    expect(existsSync(join(OLD_CONFIG_DIR, name))).toBe(false);
  });

  it('reads a file still at its old place in place of the new one, with a warning naming both', () => {
    writeFileSync(join(dir, 'areas.yaml'), '[]');
    writeFileSync(join(oldDir, 'areas.yaml'), '[]');
    const warnings: string[] = [];
    expect(configFile('areas.yaml', { dir, oldDir, warn: (m) => warnings.push(m) })).toBe(join(oldDir, 'areas.yaml'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(join(oldDir, 'areas.yaml'));
    expect(warnings[0]).toContain(join(dir, 'areas.yaml'));
    expect(warnings[0]).toMatch(/moved from schema\/ to config\//);
  });

  it('reads the new place without a word when the old one holds nothing', () => {
    const warnings: string[] = [];
    expect(configFile('statistics.yaml', { dir, oldDir, warn: (m) => warnings.push(m) })).toBe(
      join(dir, 'statistics.yaml'),
    );
    expect(warnings).toEqual([]);
  });

  it('runs on the matrix TYM_NECESSITY_MATRIX names, else the shipped one', () => {
    expect(necessityMatrixFile({ necessityMatrix: '/etc/tym/matrix.yaml' })).toBe('/etc/tym/matrix.yaml');
    expect(necessityMatrixFile({ necessityMatrix: undefined })).toBe(join(CONFIG_DIR, 'necessity-matrix.yaml'));
  });
});
