// The cooperation areas (schema/areas.yaml): the only values an `areas` claim or an `area` argument may take.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface CooperationArea {
  id: string;
  name: string;
  employmentArea: string;
  wellbeingArea: string;
  municipalities: string[];
}

let cached: CooperationArea[] | undefined;
export function cooperationAreas(): CooperationArea[] {
  cached ??= parse(readFileSync(fileURLToPath(new URL('../schema/areas.yaml', import.meta.url)), 'utf8')) as CooperationArea[];
  return cached;
}
export const isKnownArea = (id: string): boolean => cooperationAreas().some((a) => a.id === id);
export const areaOfMunicipality = (municipality: string): string | undefined =>
  cooperationAreas().find((a) => a.municipalities.some((m) => m.toLocaleLowerCase('fi') === municipality.toLocaleLowerCase('fi')))?.id;
