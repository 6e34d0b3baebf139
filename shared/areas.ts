// The cooperation areas (config/areas.yaml): the only values an `areas` claim or an `area` argument may take,
// and the register controllers that serve each of them (docs/LAW.md rule 10).
import { readFileSync } from 'node:fs';
import type { Node } from 'yaml';
import { configFile } from './config-files.ts';
import { ConfigReader } from './config-yaml.ts';
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

/**
 * The areas file, checked so that a mistake stops the start naming its line: a wrong or repeated
 * controller would quietly widen or narrow what a register's own-register basis covers.
 */
export function parseAreas(text: string, source = 'cooperation areas'): CooperationArea[] {
  const r = new ConfigReader(text, source);
  const seen = { id: new Set<string>(), controller: new Set<string>(), municipality: new Set<string>() };
  const once = (kind: keyof typeof seen, node: Node | undefined, value: string) => {
    const key = kind === 'municipality' ? value.toLocaleLowerCase('fi') : value;
    if (seen[kind].has(key) || (kind === 'controller' && key === KELA_CONTROLLER))
      r.fail(node, `${kind} "${value}" is named twice`);
    seen[kind].add(key);
    return value;
  };
  const list = r.seq(r.root, 'the cooperation areas');
  if (list.items.length === 0) r.fail(r.root, 'lists no cooperation area');
  return (list.items as Node[]).map((item) => {
    const m = r.map(item, 'an area', {
      required: ['id', 'name', 'employmentArea', 'wellbeingArea', 'controllers', 'municipalities'],
    });
    const idNode = r.node(m, 'id');
    const id = once('id', idNode, r.string(idNode, '`id`'));
    if (!/^[a-z][a-z0-9-]*$/.test(id)) r.fail(idNode, `\`id\` "${id}" must be lower-case letters, digits and -`);
    const c = r.map(r.node(m, 'controllers'), `${id}: \`controllers\``, { required: ['employment', 'wellbeing'] });
    const controller = (kind: 'employment' | 'wellbeing') =>
      once('controller', r.node(c, kind), r.string(r.node(c, kind), `${id}: \`controllers.${kind}\``));
    const municipalities = r.seq(r.node(m, 'municipalities'), `${id}: \`municipalities\``);
    if (municipalities.items.length === 0) r.fail(municipalities, `${id}: \`municipalities\` lists none`);
    return {
      id,
      name: r.string(r.node(m, 'name'), `${id}: \`name\``),
      employmentArea: r.string(r.node(m, 'employmentArea'), `${id}: \`employmentArea\``),
      wellbeingArea: r.string(r.node(m, 'wellbeingArea'), `${id}: \`wellbeingArea\``),
      controllers: { employment: controller('employment'), wellbeing: controller('wellbeing') },
      municipalities: (municipalities.items as Node[]).map((n) =>
        once('municipality', n, r.string(n, `${id}: \`municipalities\``)),
      ),
    };
  });
}

export const loadAreas = (path: string): CooperationArea[] => parseAreas(readFileSync(path, 'utf8'), path);

// Read on first use, not on import. The areas are part of the contract (docs/CONTRACT.md section 2) and
// the same in every process, so they are not chosen per process as the necessity matrix is.
let cached: CooperationArea[] | undefined;
export function cooperationAreas(): CooperationArea[] {
  cached ??= loadAreas(configFile('areas.yaml'));
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
