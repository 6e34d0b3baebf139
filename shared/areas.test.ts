import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cooperationAreas, parseAreas } from './areas.ts';
import { configFile } from './config-files.ts';

const text = readFileSync(configFile('areas.yaml'), 'utf8');
const broken = (from: string, to: string) => {
  const changed = text.replace(from, to);
  expect(changed, `the text "${from}" is in the file`).not.toBe(text);
  return () => parseAreas(changed, 'areas.yaml');
};

describe('the cooperation areas (config/areas.yaml)', () => {
  it('are the two areas of the contract, each with its own controllers', () => {
    expect(cooperationAreas().map((a) => [a.id, a.controllers])).toEqual([
      ['ita-uusimaa', { employment: 'porvoo-employment-area', wellbeing: 'ita-uusimaa-wellbeing-county' }],
      ['keski-uusimaa', { employment: 'keski-uusimaa-employment-area', wellbeing: 'keski-uusimaa-wellbeing-county' }],
    ]);
    expect(cooperationAreas()[0]!.municipalities).toContain('Lapinjärvi');
  });

  it('refuses a mistake with its line and what is wrong', () => {
    expect(broken('controllers: { employment: porvoo', 'controllers: { employer: porvoo')).toThrow(
      /^areas\.yaml line 11: ita-uusimaa: `controllers`: unknown key "employer"/,
    );
    expect(broken('wellbeing: keski-uusimaa-wellbeing-county', 'wellbeing: ita-uusimaa-wellbeing-county')).toThrow(
      /^areas\.yaml line 17: controller "ita-uusimaa-wellbeing-county" is named twice/,
    );
    expect(broken('wellbeing: keski-uusimaa-wellbeing-county', 'wellbeing: kela')).toThrow(
      /controller "kela" is named twice/,
    );
    expect(broken('[Hyvinkää,', '[Porvoo,')).toThrow(/^areas\.yaml line 18: municipality "Porvoo" is named twice/);
    expect(broken('- id: keski-uusimaa', '- id: ita-uusimaa')).toThrow(/id "ita-uusimaa" is named twice/);
    expect(broken('- id: keski-uusimaa', '- id: Keski Uusimaa')).toThrow(/must be lower-case/);
    expect(broken('  municipalities: [Hyvinkää', '  municipality: [Hyvinkää')).toThrow(/unknown key "municipality"/);
    expect(() => parseAreas('[]', 'areas.yaml')).toThrow(/lists no cooperation area/);
  });
});
