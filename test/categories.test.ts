// Every field that holds personal data carries exactly one category (docs/CONTRACT.md section 3,
// docs/DESIGN.md decision 2), and the committed supergraph is what the subgraphs compose to.
import { describe, expect, it } from 'vitest';
import {
  buildASTSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isEnumType,
  parse,
  type GraphQLObjectType,
} from 'graphql';
import { composeSupergraph } from '../cli/compose.ts';
import { readSupergraph } from '../gateway/supergraph.ts';
import { readCategoryMap } from '../gateway/categories.ts';
import { categoryOf } from '../shared/subgraph.ts';

/** Fields reachable from Person that identify the entity itself: the caller supplied it. */
const ENTITY_KEYS = new Set(['Person.hetu']);

interface Finding {
  path: string;
  problem: string;
}

/** Walks from Person: every leaf must sit below exactly one categorised field. */
function uncategorised(sdl: string): Finding[] {
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const person = schema.getType('Person') as GraphQLObjectType;
  const findings: Finding[] = [];
  const walk = (type: GraphQLObjectType, path: string, categories: number, seen: Set<string>) => {
    for (const field of Object.values(type.getFields())) {
      const here = `${type.name}.${field.name}`;
      if (ENTITY_KEYS.has(here)) continue;
      const cat = categoryOf(field) ? 1 : 0;
      const count = categories + cat;
      const named = getNamedType(field.type);
      const fieldPath = `${path}.${field.name}`;
      if (count > 1) findings.push({ path: fieldPath, problem: 'more than one category on the path' });
      if (isObjectType(named)) {
        if (seen.has(named.name)) continue;
        walk(named, fieldPath, count, new Set([...seen, named.name]));
      } else if ((isScalarType(named) || isEnumType(named)) && count === 0) {
        findings.push({ path: fieldPath, problem: 'personal data without a category' });
      }
      if (cat && !isNullableAll(field.type))
        findings.push({ path: fieldPath, problem: 'a refusable field must be nullable' });
    }
  };
  walk(person, 'Person', 0, new Set(['Person']));
  return findings;
}

const isNullableAll = (type: unknown): boolean => !isNonNullType(type);

describe('data categories in the schema', () => {
  const supergraph = readSupergraph();

  it('covers every field reachable from Person with exactly one category', () => {
    expect(uncategorised(supergraph)).toEqual([]);
  });

  it('fails when a personal field loses its category (the check can fail)', () => {
    const broken = supergraph.replace(
      'education: [Education!] @tymData(category: COMPETENCE)',
      'education: [Education!]',
    );
    expect(broken).not.toBe(supergraph);
    expect(uncategorised(broken).map((f) => f.path)).toContain('Person.employment.education.degree');
  });

  it("carries the contract's category on each contract field", () => {
    const { fields } = readCategoryMap(supergraph);
    const expected: Record<string, string> = {
      'JointRecord.customership': 'CUSTOMERSHIP',
      'JointRecord.identity': 'IDENTITY',
      'JointRecord.serviceNeed': 'SERVICE_NEED',
      'JointRecord.socialSituation': 'SOCIAL_SITUATION',
      'JointRecord.workCapacity': 'HEALTH_WORK_CAPACITY',
      'JointRecord.plan': 'PLAN',
      'JointRecord.appointments': 'CUSTOMERSHIP',
      'JointRecord.consents': 'CUSTOMERSHIP',
      'EmploymentRecord.jobSeeker': 'SERVICE_NEED',
      'EmploymentRecord.education': 'COMPETENCE',
      'EmploymentRecord.workHistory': 'COMPETENCE',
      'EmploymentRecord.benefitStatements': 'ORG_INTERNAL',
      'WellbeingRecord.socialSituation': 'SOCIAL_SITUATION',
      'WellbeingRecord.workAbility': 'HEALTH_WORK_CAPACITY',
      'WellbeingRecord.diagnoses': 'ORG_INTERNAL',
      'KelaRecord.benefits': 'SOCIAL_SITUATION',
      'KelaRecord.rehabilitation': 'HEALTH_WORK_CAPACITY',
      'KelaRecord.payments': 'ORG_INTERNAL',
    };
    for (const [field, category] of Object.entries(expected)) expect(fields.get(field)?.category, field).toBe(category);
    expect(fields.get('EmploymentRecord.education')?.subgraphs).toEqual(['employment']);
    expect(fields.get('JointRecord.plan')?.subgraphs).toEqual(['joint']);
  });

  it('matches what the subgraphs compose to (tym compose --check)', async () => {
    expect(await composeSupergraph()).toBe(supergraph);
  });
});
