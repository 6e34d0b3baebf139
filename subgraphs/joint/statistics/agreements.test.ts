import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cooperationAreas } from '../../../shared/areas.ts';
import { configFile } from '../../../shared/config-files.ts';
import { parseAgreements, totalFte } from './agreements.ts';
import { loadStatisticsConfig } from './configuration.ts';
import { parseSettings } from './settings.ts';

const text = readFileSync(configFile('agreements.yaml'), 'utf8');
const areas = cooperationAreas();
const lineOf = (s: string) => text.split('\n').indexOf(s) + 1;

describe('the cooperation agreements (config/agreements.yaml)', () => {
  it('holds the seed agreements: Keski-Uusimaa 22.7 FTE for 1,000 clients, Itä-Uusimaa 3 + 6.6 + 0.4 FTE', () => {
    const all = loadStatisticsConfig().agreements;
    const keski = all.get('keski-uusimaa')!;
    expect(totalFte(keski)).toBe(22.7);
    expect(keski.clientEstimate).toBe(1000);
    expect(keski.fteHundredths).toEqual({ employment: 1000, wellbeing: 1210, kela: 60 });
    expect(keski.staff).toContainEqual({ org: 'employment', title: 'TE specialist', fte: 8 });
    expect(keski.staff).toContainEqual({ org: 'kela', title: 'decision specialist', fte: 0.6 });
    expect(keski.costSharing.common).toEqual({
      kind: 'fixed',
      percentHundredths: { employment: 5000, wellbeing: 5000 },
    });
    const ita = all.get('ita-uusimaa')!;
    expect(ita.fteHundredths).toEqual({ employment: 300, wellbeing: 660, kela: 40 });
    expect(ita.costSharing.common).toEqual({ kind: 'headcount' });
    expect(ita.costSharing.developmentDays).toEqual({ kind: 'registrants' });
    for (const a of all.values()) {
      expect(a.steeringGroup.chair.nominatedBy).toBe('employment');
      expect(a.steeringGroup.viceChair.nominatedBy).toBe('wellbeing');
    }
  });

  const broken = (from: string, to: string) => {
    const changed = text.replace(from, to);
    expect(changed, `the fixture text "${from}" is in the file`).not.toBe(text);
    return () => parseAgreements(changed, 'agreements.yaml', areas);
  };

  it('refuses a mistake with its line and what is wrong', () => {
    expect(
      broken(
        '- { org: kela, title: decision specialist, fte: 0.6 }',
        '- { org: kela, title: decision specialist, fte: 0.7 }',
      ),
    ).toThrow(/agreements\.yaml line \d+: keski-uusimaa: `totalFte` is 22\.7 but the staff lines add up to 22\.8/);
    expect(
      broken(
        'chair: { nominatedBy: employment }\n    viceChair: { nominatedBy: wellbeing }\n    represented: ' +
          '[employment, wellbeing, kela]\n  staff:\n    - org',
        'chair: { nominatedBy: wellbeing }\n    viceChair: { nominatedBy: wellbeing }\n    represented: ' +
          '[employment, wellbeing, kela]\n  staff:\n    - org',
      ),
    ).toThrow(
      new RegExp(
        `line ${lineOf('    chair: { nominatedBy: employment }')}: ita-uusimaa: \`steeringGroup.chair\`: ` +
          `the chair is named by the employment authority`,
      ),
    );
    expect(broken('term: { from: 2025-01-01, to: 2029-12-31 }', 'term: { from: 2025-01-01, to: 2031-12-31 }')).toThrow(
      /five years/,
    );
    expect(broken('- id: keski-uusimaa', '- id: lappi')).toThrow(/"lappi" is not a cooperation area/);
    expect(broken('[Hyvinkää, Järvenpää,', '[Porvoo, Järvenpää,')).toThrow(/must be the area's municipalities/);
    expect(broken('common: 50/50', 'common: 60/50')).toThrow(/adding up to 100/);
    expect(broken('common: 50/50', 'common: { employment: 70, wellbeing: 20 }')).toThrow(/add up to 100/);
    expect(broken('fte: 6.6', 'fte: -1')).toThrow(/fte` must be more than 0/);
    expect(broken('fte: 6.6', 'fte: 6.666')).toThrow(/two decimals/);
    expect(broken('developmentDays: registrants\n\n', 'developmentDays: attendance\n\n')).toThrow(
      /"attendance" is not one of registrants/,
    );
    expect(broken('  clientEstimate: 1000', '  clientEstimate: 1000\n  budget: 5')).toThrow(/unknown key "budget"/);
    expect(() => parseAgreements(text.split('\n- id: keski-uusimaa')[0]!, 'agreements.yaml', areas)).toThrow(
      /no agreement for the cooperation area "keski-uusimaa"/,
    );
  });

  it('needs staff on both sides when common costs follow the headcount', () => {
    expect(
      broken(
        '    - org: wellbeing\n      title: social worker, social instructor, public health nurse\n      fte: 6.6\n',
        '',
      ),
    ).toThrow(/shared by headcount, but wellbeing lists no staff/);
  });
});

describe('the statistics settings (config/statistics.yaml)', () => {
  it('sets the small-cell threshold and the limits', () => {
    expect(loadStatisticsConfig().settings).toEqual({
      threshold: 5,
      noise: [0.1, 0.2, 0.4, 0.2, 0.1],
      maxDimensions: 3,
      maxRows: 2000,
      maxQueriesPerRequest: 3,
      cacheSeconds: 60,
      cacheEntries: 20,
      slices: 4,
    });
  });

  it('refuses a threshold that would publish single clients, naming the line', () => {
    const settings = readFileSync(configFile('statistics.yaml'), 'utf8');
    expect(() => parseSettings(settings.replace('threshold: 5', 'threshold: 1'), 'statistics.yaml')).toThrow(
      /statistics\.yaml line \d+: `suppression.threshold` must be a whole number from 2/,
    );
    expect(() => parseSettings(settings.replace('maxDimensions: 3', 'maxDimensions: 6'), 'statistics.yaml')).toThrow(
      /maxDimensions/,
    );
    expect(() => parseSettings(settings.replace('maxRows: 2000', ''), 'statistics.yaml')).toThrow(
      /`maxRows` is missing/,
    );
    expect(() => parseSettings(settings.replace('slices: 4', 'slices: 0'), 'statistics.yaml')).toThrow(
      /`tabulation.slices` must be a whole number from 1/,
    );
  });
});
