// The statistics settings (config/statistics.yaml): the small-cell threshold and the query limits.
import { readFileSync } from 'node:fs';
import { DIMENSIONS } from './dimensions.ts';
import { ConfigReader, integerIn } from '../../../shared/config-yaml.ts';

export interface StatisticsSettings {
  threshold: number;
  /** probabilities of the noise −D … D added to each set a released figure rests on (perturbation.ts) */
  noise: number[];
  maxDimensions: number;
  maxRows: number;
  maxQueriesPerRequest: number;
  /** how long one area and period's tabulation answers every grouping of it; 0 computes each query afresh */
  cacheSeconds: number;
  cacheEntries: number;
  /** statements one tabulation is split into on PostgreSQL, run at once */
  slices: number;
}

export function parseSettings(text: string, source = 'statistics settings'): StatisticsSettings {
  const r = new ConfigReader(text, source);
  const root = r.map(r.root, 'the settings', {
    required: ['suppression', 'perturbation', 'limits', 'cache', 'tabulation'],
  });
  const perturbation = r.map(r.node(root, 'perturbation'), '`perturbation`', { required: ['noise'] });
  const suppression = r.map(r.node(root, 'suppression'), '`suppression`', { required: ['threshold'] });
  const limits = r.map(r.node(root, 'limits'), '`limits`', {
    required: ['maxDimensions', 'maxRows', 'maxQueriesPerRequest'],
  });
  const cache = r.map(r.node(root, 'cache'), '`cache`', { required: ['seconds', 'entries'] });
  const tabulation = r.map(r.node(root, 'tabulation'), '`tabulation`', { required: ['slices'] });
  return {
    threshold: r.number(r.node(suppression, 'threshold'), '`suppression.threshold`', integerIn(2, 1000)),
    noise: noiseTable(r, r.node(perturbation, 'noise')),
    maxDimensions: r.number(r.node(limits, 'maxDimensions'), '`limits.maxDimensions`', integerIn(1, DIMENSIONS.length)),
    maxRows: r.number(r.node(limits, 'maxRows'), '`limits.maxRows`', integerIn(1, 1_000_000)),
    maxQueriesPerRequest: r.number(
      r.node(limits, 'maxQueriesPerRequest'),
      '`limits.maxQueriesPerRequest`',
      integerIn(1, 100),
    ),
    cacheSeconds: r.number(r.node(cache, 'seconds'), '`cache.seconds`', integerIn(0, 3600)),
    cacheEntries: r.number(r.node(cache, 'entries'), '`cache.entries`', integerIn(1, 10_000)),
    slices: r.number(r.node(tabulation, 'slices'), '`tabulation.slices`', integerIn(1, 16)),
  };
}

export function loadSettings(path: string): StatisticsSettings {
  return parseSettings(readFileSync(path, 'utf8'), path);
}

/** The noise table: an odd number of probabilities, symmetric (so the noise averages 0), adding up to 1. */
function noiseTable(r: ConfigReader, node: ReturnType<ConfigReader['node']>): number[] {
  const what = '`perturbation.noise`';
  const items = r.seq(node, what).items as Parameters<ConfigReader['number']>[0][];
  const p = items.map((item) =>
    r.number(item, what, (n) => (n >= 0 && n <= 1 ? null : 'holds probabilities, from 0 to 1')),
  );
  if (p.length % 2 === 0 || p.length > 21)
    r.fail(node, `${what} must list the probabilities of the noise −D … D: an odd number, at most 21`);
  if (p.some((x, i) => Math.abs(x - p[p.length - 1 - i]!) > 1e-12))
    r.fail(node, `${what} must be symmetric, so that the noise averages 0`);
  if (Math.abs(p.reduce((a, b) => a + b, 0) - 1) > 1e-9) r.fail(node, `${what} must add up to 1`);
  return p;
}
