// The basis extension, exactly: for a realistic answer (a page of persons, register rows of several
// controllers, aliases and fragments) every entry, its order and its JSON shape are pinned, so that a
// change to how the answer is walked or the grants are looked up cannot change what the app is told.
import { buildASTSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../shared/policy-config.ts';
import type { PersonFacts } from '../../shared/policy.ts';
import type { Caller, Purpose } from '../../shared/vocabulary.ts';
import { readCategoryMap } from '../categories.ts';
import type { GatewayContext } from '../context.ts';
import { RequestFacts } from '../facts.ts';
import { requestGrants } from '../datasource.ts';
import { readSupergraph } from '../supergraph.ts';
import { BASIS_EXTENSION, basisExtension } from './basis.ts';

const supergraph = readSupergraph();
const schema = buildASTSchema(parse(supergraph), { assumeValidSDL: true });
const categories = readCategoryMap(supergraph);
const policy = loadPolicy();

const IU = '150385-9013'; // active customership in Itä-Uusimaa
const KU = '210791-917K'; // active customership in Keski-Uusimaa
const CONSENTED = '050402A9055'; // no customership; consented to the employment authority
const IU2 = '111180-1233'; // active customership in Itä-Uusimaa, facts looked up only for the extension

const PORVOO = 'porvoo-employment-area';
const KESKI = 'keski-uusimaa-employment-area';
const IU_COUNTY = 'ita-uusimaa-wellbeing-county';
const KU_COUNTY = 'keski-uusimaa-wellbeing-county';

const FACTS: Record<string, PersonFacts> = {
  [IU]: { hetu: IU, activeCustomership: { area: 'ita-uusimaa' }, consents: [] },
  [KU]: { hetu: KU, activeCustomership: { area: 'keski-uusimaa' }, consents: [] },
  [IU2]: { hetu: IU2, activeCustomership: { area: 'ita-uusimaa' }, consents: [] },
  [CONSENTED]: {
    hetu: CONSENTED,
    activeCustomership: null,
    consents: [
      {
        id: 'c-1',
        recipientOrg: 'employment',
        recipientMunicipality: null,
        categories: ['IDENTITY', 'COMPETENCE'],
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
        revokedAt: null,
      },
    ],
  },
};

function contextFor(caller: Caller, purpose: Purpose, facts = FACTS): GatewayContext {
  return {
    caller,
    purpose,
    access: { policy, caller, purpose, today: '2026-06-01' },
    caseReference: null,
    idempotencyKey: null,
    requestId: 'r-basis',
    scope: { requestId: 'r-basis', service: 'gateway' },
    facts: new RequestFacts(
      new DataLoader<string, PersonFacts>(async (hetus) =>
        hetus.map((h) => facts[h] ?? new Error(`no facts for ${h}`)),
      ),
    ),
  };
}

const SHAPE = ['path', 'register', 'category', 'basis'];

/**
 * An entry as one line: its path (list indices in brackets), then its other values in key order. Its keys
 * are checked to be exactly those of the format, in the format's order, `controller` last and only when known.
 */
function lineOf(entry: Record<string, unknown>): string {
  expect(Object.keys(entry)).toEqual('controller' in entry ? [...SHAPE, 'controller'] : SHAPE);
  expect(typeof entry.controller === 'string' || entry.controller === undefined).toBe(true);
  const path = (entry.path as (string | number)[])
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join('');
  return [path, ...Object.values(entry).slice(1)].join(' ');
}

/** The extension the plugin adds to `data` answered to `query`, one line per entry; undefined when none. */
async function basisOf(context: GatewayContext, query: string, data: Record<string, unknown> | null) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const response = { body: { kind: 'single' as const, singleResult: { data, extensions: { other: 1 } } } };
  const hooks = await basisExtension(categories).requestDidStart!({} as never);
  await hooks!.willSendResponse!({ response, contextValue: context, document, schema, operation } as never);
  const extensions = response.body.singleResult.extensions as Record<string, unknown>;
  expect(extensions.other).toBe(1);
  return (extensions[BASIS_EXTENSION] as Record<string, unknown>[] | undefined)?.map(lineOf);
}

const PAGE = `query Page {
  page: caseload(first: 4) {
    totalCount
    nodes {
      ...Who
      joint { ...Joint plan { deadline services { provider status } } }
      employment {
        jobSeeker { status controller }
        education { controller degree }
        schooling: education { degree }
        workHistory { ... on Job { by: controller title } }
        benefitStatements { controller outcome }
      }
      wellbeing { socialSituation { summary } rehabilitativeWork { controller status } diagnoses { controller code } }
      kela { benefits { type status } rehabilitation { type } }
      __typename
    }
    unnamed: nodes { joint { identity { firstName } } }
  }
}
fragment Who on Person { hetu }
fragment Joint on JointRecord { customership { status area } identity { firstName lastName } appointments { at } }`;

const row = (controller: string, fields: Record<string, unknown>) => ({ controller, ...fields });

function personOf(hetu: string, employment: string, county: string, other: string, otherCounty: string) {
  return {
    hetu,
    joint: {
      customership: { status: 'ACTIVE', area: 'ita-uusimaa' },
      identity: { firstName: 'Aino', lastName: hetu.slice(0, 4) },
      appointments: [{ at: '2026-05-01T10:00:00Z' }, { at: '2026-05-20T10:00:00Z' }],
      plan: { deadline: '2026-08-01', services: [{ provider: 'EMPLOYMENT', status: 'PLANNED' }] },
    },
    employment: {
      jobSeeker: { status: 'UNEMPLOYED', controller: employment },
      education: [
        row(employment, { degree: 'BSc' }),
        row(other, { degree: 'MSc' }),
        row(employment, { degree: 'PhD' }),
      ],
      schooling: [{ degree: 'BSc' }, { degree: 'MSc' }, { degree: 'PhD' }],
      workHistory: [
        { by: other, title: 'Welder' },
        { by: employment, title: 'Baker' },
      ],
      benefitStatements: [row(employment, { outcome: 'OK' })],
    },
    wellbeing: {
      socialSituation: { summary: 'stable' },
      rehabilitativeWork: [row(county, { status: 'ONGOING' }), row(otherCounty, { status: 'PLANNED' })],
      diagnoses: null,
    },
    kela: { benefits: [{ type: 'LABOUR_MARKET_SUBSIDY', status: 'GRANTED' }], rehabilitation: [] },
    __typename: 'Person',
  };
}

const PAGE_DATA = {
  page: {
    totalCount: 4,
    nodes: [
      personOf(IU, PORVOO, IU_COUNTY, KESKI, KU_COUNTY),
      personOf(KU, KESKI, KU_COUNTY, PORVOO, IU_COUNTY),
      {
        hetu: CONSENTED,
        joint: { customership: null, identity: { firstName: 'Eero', lastName: 'E' }, appointments: null, plan: null },
        employment: {
          jobSeeker: null,
          education: [row(PORVOO, { degree: 'BA' }), row(KESKI, { degree: 'MA' })],
          schooling: [{ degree: 'BA' }, { degree: 'MA' }],
          workHistory: null,
          benefitStatements: null,
        },
        wellbeing: null,
        kela: null,
        __typename: 'Person',
      },
      personOf(IU2, PORVOO, IU_COUNTY, KESKI, KU_COUNTY),
    ],
    unnamed: [{ joint: { identity: { firstName: 'Aino' } } }, { joint: null }, null, { joint: { identity: null } }],
  },
};

const specialist: Caller = { sub: 'es-1', org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] };

describe('the basis extension', () => {
  it('describes a page of persons exactly: every entry, in order, controller where the answer shows it', async () => {
    const context = contextFor(specialist, 'PLANNING');
    // Two persons' registers were fetched (their tickets decided them); the others are decided afterwards.
    for (const hetu of [IU, KU])
      for (const register of ['joint', 'employment', 'wellbeing', 'kela'] as const)
        await requestGrants(context, hetu, register, categories.bySubgraph.get(register)!);
    expect(await basisOf(context, PAGE, PAGE_DATA)).toEqual(PAGE_BASIS);
  });

  it('names the caller the person of `me`, and labels nothing the grants refused', async () => {
    const citizen: Caller = { sub: IU, org: 'citizen', role: 'citizen', areas: [] };
    const query = `{ me { joint { identity { firstName } plan { deadline } }
      employment { education { controller degree } } } }`;
    const data = {
      me: {
        joint: { identity: { firstName: 'Aino' }, plan: null },
        // Refused by purpose (the register is not the citizen's to read here): in no entry even when present.
        employment: { education: [row(PORVOO, { degree: 'BSc' })] },
      },
    };
    expect(await basisOf(contextFor(citizen, 'DATA_SUBJECT_ACCESS'), query, data)).toEqual([
      'me.joint.identity joint IDENTITY DATA_SUBJECT',
    ]);
  });

  it('is left out when a decision cannot be made, and when the answer was withheld', async () => {
    const unknown = contextFor(specialist, 'PLANNING', {});
    expect(await basisOf(unknown, PAGE, PAGE_DATA)).toBeUndefined();
    expect(await basisOf(contextFor(specialist, 'PLANNING'), PAGE, null)).toBeUndefined();
  });
});

const PAGE_BASIS = [
  'page.nodes[0].joint.customership joint CUSTOMERSHIP SECTION_15',
  'page.nodes[0].joint.identity joint IDENTITY SECTION_15',
  'page.nodes[0].joint.appointments[0] joint CUSTOMERSHIP SECTION_15',
  'page.nodes[0].joint.appointments[1] joint CUSTOMERSHIP SECTION_15',
  'page.nodes[0].joint.plan joint PLAN SECTION_15',
  'page.nodes[0].employment.jobSeeker employment SERVICE_NEED OWN porvoo-employment-area',
  'page.nodes[0].employment.education[0] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[0].employment.education[1] employment COMPETENCE SECTION_15 keski-uusimaa-employment-area',
  'page.nodes[0].employment.education[2] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[0].employment.workHistory[0] employment COMPETENCE SECTION_15 keski-uusimaa-employment-area',
  'page.nodes[0].employment.workHistory[1] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[0].employment.benefitStatements[0] employment ORG_INTERNAL OWN porvoo-employment-area',
  'page.nodes[0].wellbeing.socialSituation wellbeing SOCIAL_SITUATION SECTION_15',
  'page.nodes[0].wellbeing.rehabilitativeWork[0] wellbeing SOCIAL_SITUATION SECTION_15 ita-uusimaa-wellbeing-county',
  'page.nodes[0].wellbeing.rehabilitativeWork[1] wellbeing SOCIAL_SITUATION SECTION_15 keski-uusimaa-wellbeing-county',
  'page.nodes[0].kela.benefits[0] kela SOCIAL_SITUATION SECTION_15',
  'page.nodes[1].employment.education[1] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[1].employment.workHistory[0] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[2].joint.identity joint IDENTITY CONSENT',
  'page.nodes[2].employment.education[0] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[2].employment.education[1] employment COMPETENCE CONSENT keski-uusimaa-employment-area',
  'page.nodes[3].joint.customership joint CUSTOMERSHIP SECTION_15',
  'page.nodes[3].joint.identity joint IDENTITY SECTION_15',
  'page.nodes[3].joint.appointments[0] joint CUSTOMERSHIP SECTION_15',
  'page.nodes[3].joint.appointments[1] joint CUSTOMERSHIP SECTION_15',
  'page.nodes[3].joint.plan joint PLAN SECTION_15',
  'page.nodes[3].employment.jobSeeker employment SERVICE_NEED OWN porvoo-employment-area',
  'page.nodes[3].employment.education[0] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[3].employment.education[1] employment COMPETENCE SECTION_15 keski-uusimaa-employment-area',
  'page.nodes[3].employment.education[2] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[3].employment.workHistory[0] employment COMPETENCE SECTION_15 keski-uusimaa-employment-area',
  'page.nodes[3].employment.workHistory[1] employment COMPETENCE OWN porvoo-employment-area',
  'page.nodes[3].employment.benefitStatements[0] employment ORG_INTERNAL OWN porvoo-employment-area',
  'page.nodes[3].wellbeing.socialSituation wellbeing SOCIAL_SITUATION SECTION_15',
  'page.nodes[3].wellbeing.rehabilitativeWork[0] wellbeing SOCIAL_SITUATION SECTION_15 ita-uusimaa-wellbeing-county',
  'page.nodes[3].wellbeing.rehabilitativeWork[1] wellbeing SOCIAL_SITUATION SECTION_15 keski-uusimaa-wellbeing-county',
  'page.nodes[3].kela.benefits[0] kela SOCIAL_SITUATION SECTION_15',
];
