// The cooperation areas (schema/areas.yaml): the only values an `areas` claim or an `area` argument may take,
// and the register controllers that serve each of them (docs/LAW.md rule 10).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Caller } from './vocabulary.ts';

/** The registers whose rows each record the controller that stored them. */
export type ControlledRegister = 'employment' | 'wellbeing' | 'kela';

export interface CooperationArea {
  id: string;
  name: string;
  employmentArea: string;
  wellbeingArea: string;
  /** The controller of the area's employment register and of its wellbeing register. */
  controllers: { employment: string; wellbeing: string };
  municipalities: string[];
}

/** Kela is one national controller of its register, whatever the area (docs/LAW.md rule 10). */
export const KELA_CONTROLLER = 'kela';

let cached: CooperationArea[] | undefined;
export function cooperationAreas(): CooperationArea[] {
  cached ??= parse(
    readFileSync(fileURLToPath(new URL('../schema/areas.yaml', import.meta.url)), 'utf8'),
  ) as CooperationArea[];
  return cached;
}
export const isKnownArea = (id: string): boolean => cooperationAreas().some((a) => a.id === id);
export const areaOfMunicipality = (municipality: string): string | undefined =>
  cooperationAreas().find((a) =>
    a.municipalities.some((m) => m.toLocaleLowerCase('fi') === municipality.toLocaleLowerCase('fi')),
  )?.id;

/** The controller of a register in a cooperation area; undefined for an unknown area. */
export function controllerIn(register: ControlledRegister, area: string): string | undefined {
  if (register === 'kela') return KELA_CONTROLLER;
  return cooperationAreas().find((a) => a.id === area)?.controllers[register];
}

/** Every controller of a register, for checks that a stored controller is one there is. */
export function controllersOfRegister(register: ControlledRegister): string[] {
  return register === 'kela' ? [KELA_CONTROLLER] : cooperationAreas().map((a) => a.controllers[register]);
}

/**
 * The controllers a caller works for (docs/LAW.md rule 10): an employment-area or wellbeing-county official
 * works for its kind's controller of each of its `areas`, a Kela official for Kela; anyone else for none.
 * A register's own-register basis (OWN) covers only rows one of these stored.
 */
export function controllersOf(caller: Pick<Caller, 'org' | 'areas'>): string[] {
  const { org } = caller;
  if (org === 'kela') return [KELA_CONTROLLER];
  if (org !== 'employment' && org !== 'wellbeing') return [];
  return cooperationAreas()
    .filter((a) => caller.areas.includes(a.id))
    .map((a) => a.controllers[org]);
}
