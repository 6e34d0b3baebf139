// What the statistics run on: the settings and the agreements, read when a joint service is made
// (never on import, so that a mistake stops that start naming its line), and the state one service
// keeps between requests: its tabulation cache.
import { cooperationAreas, type CooperationArea } from '../../../shared/areas.ts';
import { configFile } from '../../../shared/config-files.ts';
import { loadAgreements, type Agreement } from './agreements.ts';
import { TabulationCache } from './cache.ts';
import { Perturbation } from './perturbation.ts';
import { loadSettings, type StatisticsSettings } from './settings.ts';

export interface StatisticsConfig {
  settings: StatisticsSettings;
  /** by cooperation area */
  agreements: Map<string, Agreement>;
}

/** The shipped files, config/statistics.yaml and config/agreements.yaml, checked against the areas. */
export function loadStatisticsConfig(areas: CooperationArea[] = cooperationAreas()): StatisticsConfig {
  return {
    settings: loadSettings(configFile('statistics.yaml')),
    agreements: loadAgreements(configFile('agreements.yaml'), areas),
  };
}

/** One joint service's statistics: its configuration, the noise drawn from it and its cache. */
export class Statistics {
  readonly settings: StatisticsSettings;
  readonly agreements: Map<string, Agreement>;
  readonly perturbation: Perturbation;
  readonly tabulations: TabulationCache;

  constructor({ settings, agreements }: StatisticsConfig) {
    this.settings = settings;
    this.agreements = agreements;
    this.perturbation = new Perturbation(settings.noise);
    this.tabulations = new TabulationCache(settings.cacheSeconds * 1000, settings.cacheEntries);
  }
}
