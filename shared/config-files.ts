// Where each configuration file is read from. The files live in `config/`; until the next release a
// file still found at its old place in `schema/` is read in its place, with a warning, so that a
// deployment that edited or mounted it there keeps its own rules instead of silently falling back to
// the shipped ones.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONFIG_FILES = ['necessity-matrix.yaml', 'areas.yaml', 'agreements.yaml', 'statistics.yaml'] as const;
export type ConfigFileName = (typeof CONFIG_FILES)[number];

/** The configuration folder of the package. */
export const CONFIG_DIR = fileURLToPath(new URL('../config', import.meta.url));
/** Where the files were before they moved to `config/`; read for one release. */
export const OLD_CONFIG_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface ConfigFileOptions {
  dir?: string;
  oldDir?: string;
  warn?: (message: string) => void;
}

/** The path of one configuration file: `config/<name>`, or `schema/<name>` while a file is still there. */
export function configFile(
  name: ConfigFileName,
  { dir = CONFIG_DIR, oldDir = OLD_CONFIG_DIR, warn = console.warn }: ConfigFileOptions = {},
): string {
  const path = join(dir, name);
  const old = join(oldDir, name);
  if (!existsSync(old)) return path;
  warn(
    `reading ${old} in place of ${path}: the configuration files have moved from schema/ to config/; ` +
      'move it there, the old place is not read after the next release',
  );
  return old;
}

/** The necessity matrix the process runs on: TYM_NECESSITY_MATRIX (shared/config.ts) or the package's. */
export const necessityMatrixFile = (config: { necessityMatrix: string | undefined }): string =>
  config.necessityMatrix ?? configFile('necessity-matrix.yaml');
