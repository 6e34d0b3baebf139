// The statistics settings (schema/statistics.yaml): the small-cell threshold and the query limits.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIMENSIONS } from './dimensions.ts';
import { ConfigReader, integerIn } from '../../../shared/config-yaml.ts';

export const DEFAULT_SETTINGS_PATH = fileURLToPath(new URL('../../../schema/statistics.yaml', import.meta.url));

export interface StatisticsSettings {
  threshold: number;
  maxDimensions: number;
  maxRows: number;
  maxQueriesPerRequest: number;
}

export function parseSettings(text: string, source = 'statistics settings'): StatisticsSettings {
  const r = new ConfigReader(text, source);
  const root = r.map(r.root, 'the settings', { required: ['suppression', 'limits'] });
  const suppression = r.map(r.node(root, 'suppression'), '`suppression`', { required: ['threshold'] });
  const limits = r.map(r.node(root, 'limits'), '`limits`', { required: ['maxDimensions', 'maxRows', 'maxQueriesPerRequest'] });
  return {
    threshold: r.number(r.node(suppression, 'threshold'), '`suppression.threshold`', integerIn(2, 1000)),
    maxDimensions: r.number(r.node(limits, 'maxDimensions'), '`limits.maxDimensions`', integerIn(1, DIMENSIONS.length)),
    maxRows: r.number(r.node(limits, 'maxRows'), '`limits.maxRows`', integerIn(1, 1_000_000)),
    maxQueriesPerRequest: r.number(r.node(limits, 'maxQueriesPerRequest'), '`limits.maxQueriesPerRequest`', integerIn(1, 100)),
  };
}

export function loadSettings(path = DEFAULT_SETTINGS_PATH): StatisticsSettings {
  return parseSettings(readFileSync(path, 'utf8'), path);
}
