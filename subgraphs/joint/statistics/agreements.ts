// The cooperation agreements (config/agreements.yaml, docs/LAW.md rule 7): loaded and checked against
// the cooperation areas and the act, so that staffing and cost shares rest on validated figures.
import { readFileSync } from 'node:fs';
import { isMap, type Node } from 'yaml';
import type { CooperationArea } from '../../../shared/areas.ts';
import { addDays, addYears, isIsoDate } from '../../../shared/dates.ts';
import { AUTHORITIES, type Authority } from '../../../shared/vocabulary.ts';
import { ConfigReader, hundredths, integerIn } from '../../../shared/config-yaml.ts';

export interface StaffLine {
  org: Authority;
  title: string;
  fte: number;
}

/** Shares as whole-number weights (percent or FTE in hundredths), so that the arithmetic is exact. */
export type Weights<K extends string> = Record<K, number>;
export type CommonParty = 'employment' | 'wellbeing';
export const COMMON_PARTIES: readonly CommonParty[] = ['employment', 'wellbeing'];

export type CommonRule = { kind: 'headcount' } | { kind: 'fixed'; percentHundredths: Weights<CommonParty> };
export type DevelopmentDaysRule = { kind: 'registrants' } | { kind: 'fixed'; percentHundredths: Weights<Authority> };

export interface Agreement {
  area: string;
  municipalities: string[];
  term: { from: string; to: string };
  steeringGroup: { chair: { nominatedBy: Authority }; viceChair: { nominatedBy: Authority }; represented: Authority[] };
  staff: StaffLine[];
  /** In hundredths of an FTE. */
  fteHundredths: Weights<Authority>;
  clientEstimate: number | null;
  costSharing: { common: CommonRule; developmentDays: DevelopmentDaysRule };
}

export const totalFte = (a: Agreement): number => AUTHORITIES.reduce((s, o) => s + a.fteHundredths[o], 0) / 100;

export function parseAgreements(text: string, source: string, areas: CooperationArea[]): Map<string, Agreement> {
  const r = new ConfigReader(text, source);
  const list = r.seq(r.root, 'the agreements');
  const out = new Map<string, Agreement>();

  const authority = (node: Node | undefined, what: string) => r.oneOf(node, what, AUTHORITIES);
  const percentages = <K extends string>(node: Node | undefined, what: string, parties: readonly K[]): Weights<K> => {
    const m = r.map(node, what, { required: parties });
    const weights = {} as Weights<K>;
    for (const p of parties) {
      const n = r.node(m, p);
      weights[p] =
        hundredths(
          r.number(n, `${what}.${p}`, (x) => (x < 0 || x > 100 ? 'must be a percentage from 0 to 100' : null)),
        ) ?? r.fail(n, `${what}.${p}: at most two decimals`);
    }
    if (parties.reduce((s, p) => s + weights[p], 0) !== 10000)
      r.fail(node, `${what}: the percentages must add up to 100`);
    return weights;
  };

  for (const item of list.items as Node[]) {
    const m = r.map(item, 'an agreement', {
      required: ['id', 'municipalities', 'term', 'steeringGroup', 'staff', 'costSharing'],
      optional: ['clientEstimate', 'totalFte'],
    });
    const idNode = r.node(m, 'id');
    const id = r.string(idNode, '`id`');
    const area =
      areas.find((a) => a.id === id) ?? r.fail(idNode, `"${id}" is not a cooperation area of config/areas.yaml`);
    if (out.has(id)) r.fail(idNode, `a second agreement for "${id}"`);
    const what = (key: string) => `${id}: \`${key}\``;

    const muniNode = r.node(m, 'municipalities');
    const municipalities = r
      .seq(muniNode, what('municipalities'))
      .items.map((n) => r.string(n as Node, what('municipalities')));
    const expected = [...area.municipalities].sort().join(', ');
    if ([...municipalities].sort().join(', ') !== expected)
      r.fail(muniNode, `${what('municipalities')} must be the area's municipalities: ${expected}`);

    const termNode = r.node(m, 'term');
    const term = r.map(termNode, what('term'), { required: ['from', 'to'] });
    const date = (key: 'from' | 'to') => {
      const n = r.node(term, key);
      const s = r.string(n, what(`term.${key}`));
      return isIsoDate(s) ? s : r.fail(n, `${what(`term.${key}`)} must be a date YYYY-MM-DD`);
    };
    const from = date('from');
    const to = date('to');
    if (to !== addDays(addYears(from, 5), -1))
      r.fail(
        termNode,
        `${what('term')}: a steering group's term is five years (decree 388/2024): from ${from} ` +
          `to ${addDays(addYears(from, 5), -1)}`,
      );

    const sgNode = r.node(m, 'steeringGroup');
    const sg = r.map(sgNode, what('steeringGroup'), { required: ['chair', 'viceChair', 'represented'] });
    const nominee = (key: 'chair' | 'viceChair', by: Authority, why: string) => {
      const n = r.node(sg, key);
      const org = authority(
        r.node(r.map(n, what(`steeringGroup.${key}`), { required: ['nominatedBy'] }), 'nominatedBy'),
        what(`steeringGroup.${key}.nominatedBy`),
      );
      if (org !== by) r.fail(n, `${what(`steeringGroup.${key}`)}: ${why}`);
      return { nominatedBy: org };
    };
    const chair = nominee('chair', 'employment', 'the chair is named by the employment authority (act 381/2023 §9)');
    const viceChair = nominee(
      'viceChair',
      'wellbeing',
      'the vice-chair is named by the wellbeing services county (act 381/2023 §9)',
    );
    const repNode = r.node(sg, 'represented');
    const represented = r
      .seq(repNode, what('steeringGroup.represented'))
      .items.map((n) => authority(n as Node, what('steeringGroup.represented')));
    for (const org of COMMON_PARTIES)
      if (!represented.includes(org)) r.fail(repNode, `${what('steeringGroup.represented')} must include ${org}`);

    const staffNode = r.node(m, 'staff');
    const staffSeq = r.seq(staffNode, what('staff'));
    if (staffSeq.items.length === 0) r.fail(staffNode, `${what('staff')} lists no one`);
    const fteHundredths: Weights<Authority> = { employment: 0, wellbeing: 0, kela: 0 };
    const seen = new Set<string>();
    const staff = (staffSeq.items as Node[]).map((line) => {
      const l = r.map(line, what('staff[]'), { required: ['org', 'title', 'fte'] });
      const org = authority(r.node(l, 'org'), what('staff[].org'));
      const title = r.string(r.node(l, 'title'), what('staff[].title'));
      const fteNode = r.node(l, 'fte');
      const fte = r.number(fteNode, what('staff[].fte'), (x) => (x > 0 && x <= 1000 ? null : 'must be more than 0'));
      fteHundredths[org] += hundredths(fte) ?? r.fail(fteNode, `${what('staff[].fte')}: at most two decimals`);
      if (seen.has(`${org}/${title}`)) r.fail(line, `${what('staff')}: ${org} "${title}" is listed twice`);
      seen.add(`${org}/${title}`);
      return { org, title, fte };
    });

    const sumNode = r.node(m, 'totalFte');
    if (!r.isNull(sumNode)) {
      const stated = hundredths(r.number(sumNode, what('totalFte')));
      const sum = AUTHORITIES.reduce((s, o) => s + fteHundredths[o], 0);
      if (stated !== sum)
        r.fail(
          sumNode,
          `${what('totalFte')} is ${r.number(sumNode, what('totalFte'))} but the staff lines add up to ${sum / 100}`,
        );
    }

    const estimateNode = r.node(m, 'clientEstimate');
    const clientEstimate = r.isNull(estimateNode)
      ? null
      : r.number(estimateNode, what('clientEstimate'), integerIn(1, 10_000_000));

    const csNode = r.node(m, 'costSharing');
    const cs = r.map(csNode, what('costSharing'), { required: [], optional: ['common', 'developmentDays'] });
    const commonNode = r.node(cs, 'common');
    let common: CommonRule = { kind: 'headcount' };
    if (!r.isNull(commonNode)) {
      if (isMap(commonNode)) {
        common = {
          kind: 'fixed',
          percentHundredths: percentages(commonNode, what('costSharing.common'), COMMON_PARTIES),
        };
      } else {
        const s = r.string(commonNode, what('costSharing.common'));
        const split = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(s);
        if (s === 'headcount') common = { kind: 'headcount' };
        else if (split) {
          const [e, w] = [hundredths(Number(split[1])), hundredths(Number(split[2]))];
          if (e === null || w === null || e + w !== 10000)
            r.fail(
              commonNode,
              `${what('costSharing.common')}: "${s}" must be two percentages adding up to 100, employment first`,
            );
          common = { kind: 'fixed', percentHundredths: { employment: e!, wellbeing: w! } };
        } else
          r.fail(
            commonNode,
            `${what('costSharing.common')} must be "headcount", "E/W" in percent, or { employment, ` +
              `wellbeing } percentages`,
          );
      }
    }
    if (common.kind === 'headcount') {
      for (const org of COMMON_PARTIES)
        if (fteHundredths[org] === 0)
          r.fail(staffNode, `${what('staff')}: common costs are shared by headcount, but ${org} lists no staff`);
    }
    const devNode = r.node(cs, 'developmentDays');
    let developmentDays: DevelopmentDaysRule = { kind: 'registrants' };
    if (!r.isNull(devNode)) {
      const whatDays = what('costSharing.developmentDays');
      // Besides a map of percentages only the default word is allowed; oneOf reports anything else.
      if (isMap(devNode))
        developmentDays = { kind: 'fixed', percentHundredths: percentages(devNode, whatDays, AUTHORITIES) };
      else r.oneOf(devNode, whatDays, ['registrants'] as const);
    }

    out.set(id, {
      area: id,
      municipalities,
      term: { from, to },
      steeringGroup: { chair, viceChair, represented },
      staff,
      fteHundredths,
      clientEstimate,
      costSharing: { common, developmentDays },
    });
  }
  for (const a of areas) if (!out.has(a.id)) r.fail(r.root, `no agreement for the cooperation area "${a.id}"`);
  return out;
}

export function loadAgreements(path: string, areas: CooperationArea[]): Map<string, Agreement> {
  return parseAgreements(readFileSync(path, 'utf8'), path, areas);
}
