import { describe, it, expect } from 'vitest';
import { loadPolicy, parsePolicy, PolicyConfigError } from './policy-config.ts';
import { ALL_ROLES, ROLES_BY_ORG, SECTION_11_CATEGORIES, type DataCategory } from './vocabulary.ts';

// docs/CONTRACT.md section 3, "The default necessity matrix", column by column.
const COLUMNS = [
  'IDENTITY',
  'CUSTOMERSHIP',
  'COMPETENCE',
  'SOCIAL_SITUATION',
  'HEALTH_WORK_CAPACITY',
  'SERVICE_NEED',
  'PLAN',
] as const;
const CONTRACT_TABLE: [roles: string[], row: string][] = [
  [
    [
      'employment-specialist',
      'work-ability-coordinator',
      'psychologist',
      'social-instructor',
      'social-worker',
      'public-health-nurse',
      'work-ability-specialist',
    ],
    '✓ ✓ ✓ ✓ ✓ ✓ ✓',
  ],
  [['service-specialist'], '✓ ✓ ✓ ✓ – ✓ ✓'],
  [['decision-specialist'], '✓ ✓ – ✓ – ✓ ✓'],
  [['supervisor'], '✓ ✓ – – – ✓ ✓'],
  [['network-lead', 'analyst'], '– – – – – – –'],
];
const contractAllows = (role: string, category: DataCategory): boolean => {
  const line = CONTRACT_TABLE.find(([roles]) => roles.includes(role));
  if (!line) throw new Error(`role ${role} is not in the contract table`);
  const cells = line[1].split(' ');
  return cells[COLUMNS.indexOf(category as (typeof COLUMNS)[number])] === '✓';
};
const MATRIX_ROLES = ALL_ROLES.filter(
  (r) => !ROLES_BY_ORG.municipality.includes(r) && !ROLES_BY_ORG.citizen.includes(r),
);

describe('the shipped necessity matrix', () => {
  const policy = loadPolicy();

  it('covers every official role of the contract and no other', () => {
    expect([...policy.section15.keys()].sort()).toEqual([...MATRIX_ROLES].sort());
    expect(CONTRACT_TABLE.flatMap(([roles]) => roles).sort()).toEqual([...MATRIX_ROLES].sort());
    expect(COLUMNS).toEqual(SECTION_11_CATEGORIES);
  });

  for (const role of MATRIX_ROLES) {
    for (const category of SECTION_11_CATEGORIES) {
      it(`${role} × ${category}: ${contractAllows(role, category) ? '✓' : '–'}`, () => {
        expect(policy.section15.get(role)?.has(category)).toBe(contractAllows(role, category));
      });
    }
  }

  it('never gives ORG_INTERNAL under section 15', () => {
    for (const [, categories] of policy.section15) expect(categories.has('ORG_INTERNAL')).toBe(false);
  });

  it('has no municipality or citizen role in section 15', () => {
    expect(policy.section15.has('municipal-employment-worker')).toBe(false);
    expect(policy.section15.has('citizen')).toBe(false);
  });

  it('lets caseworkers and supervisors read their own register, analysts and network-leads not', () => {
    const own = Object.fromEntries([...policy.ownRegister].map(([org, roles]) => [org, [...roles].sort()]));
    expect(own).toEqual({
      employment: ['employment-specialist', 'psychologist', 'supervisor', 'work-ability-coordinator'],
      wellbeing: [
        'public-health-nurse',
        'social-instructor',
        'social-worker',
        'supervisor',
        'work-ability-coordinator',
      ],
      kela: ['decision-specialist', 'service-specialist', 'work-ability-specialist'],
    });
  });
});

describe('the shipped role lists (docs/CONTRACT.md: who writes, holds, supervises, reads statistics)', () => {
  const { roles } = loadPolicy();
  const sorted = (set: ReadonlySet<string>) => [...set].sort();

  it('lets every caseworker keep the joint record, and no supervisor, analyst or network lead', () => {
    const nonWriting = ['supervisor', 'analyst', 'network-lead'];
    expect(sorted(roles.writers)).toEqual(MATRIX_ROLES.filter((r) => !nonWriting.includes(r)).sort());
  });

  it('leaves legal holds and supervision to supervisors, statistics to analysts, network leads and supervisors', () => {
    expect(sorted(roles.legalHolds)).toEqual(['supervisor']);
    expect(sorted(roles.supervisors)).toEqual(['supervisor']);
    expect(sorted(roles.statistics)).toEqual(['analyst', 'network-lead', 'supervisor']);
  });
});

/** The PolicyConfigError parsePolicy throws for `text`; fails the test if it parses. */
function configError(text: string): string {
  try {
    parsePolicy(text, 'matrix.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyConfigError);
    return (e as Error).message;
  }
  throw new Error('parsePolicy accepted a faulty matrix');
}

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;
const ROLES_OK = [
  'writers:',
  '  roles: [social-worker]',
  '  reason: keep the record',
  'legalHolds:',
  '  roles: [supervisor]',
  '  reason: holds',
  'supervisors:',
  '  roles: [supervisor]',
  '  reason: log',
  'statistics:',
  '  roles: [analyst]',
  '  reason: aggregates',
];
const OWN_OK = [
  'ownRegister:',
  '  - org: kela',
  '    roles: [decision-specialist]',
  '    reason: own benefits',
  ...ROLES_OK,
];

describe('parsePolicy refuses a faulty matrix, naming the line', () => {
  it('accepts a small valid matrix', () => {
    const p = parsePolicy(
      yaml(
        'section15:',
        '  - roles: [supervisor, social-worker]',
        '    categories: [PLAN, IDENTITY]',
        '    reason: follow-up',
        ...OWN_OK,
      ),
    );
    expect(Object.fromEntries([...p.section15].map(([r, c]) => [r, [...c].sort()]))).toEqual({
      supervisor: ['IDENTITY', 'PLAN'],
      'social-worker': ['IDENTITY', 'PLAN'],
    });
    expect(Object.fromEntries([...p.ownRegister].map(([o, r]) => [o, [...r]]))).toEqual({
      kela: ['decision-specialist'],
    });
  });

  it('an unknown role', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN]',
        '    reason: follow-up',
        '  - roles:',
        '      - social-worker',
        '      - case-manager',
        '    categories: [PLAN]',
        '    reason: follow-up',
        ...OWN_OK,
      ),
    );
    expect(message).toMatch(/^matrix\.yaml line 7: /);
    expect(message).toContain('"case-manager"');
  });

  it('an unknown category', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN, HEALTH]',
        '    reason: follow-up',
        ...OWN_OK,
      ),
    );
    expect(message).toMatch(/^matrix\.yaml line 3: /);
    expect(message).toContain('"HEALTH"');
  });

  it('ORG_INTERNAL as a section 15 category', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories:',
        '      - ORG_INTERNAL',
        '    reason: x',
        ...OWN_OK,
      ),
    );
    expect(message).toMatch(/^matrix\.yaml line 4: /);
    expect(message).toContain('"ORG_INTERNAL"');
  });

  it('says "unknown category" in words an operator can read', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN, HEALTH]',
        '    reason: follow-up',
        ...OWN_OK,
      ),
    );
    expect(message).toBe('matrix.yaml line 3: unknown category "HEALTH"');
  });

  it('an unknown organisation', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN]',
        '    reason: follow-up',
        'ownRegister:',
        '  - org: kela',
        '    roles: [decision-specialist]',
        '    reason: own',
        '  - org: municipality',
        '    roles: [municipal-employment-worker]',
        '    reason: own',
      ),
    );
    expect(message).toBe('matrix.yaml line 9: unknown organisation "municipality"');
  });

  it('an own-register role of another organisation', () => {
    const message = configError(
      yaml(
        'section15: []',
        'ownRegister:',
        '  - org: kela',
        '    roles: [decision-specialist, social-worker]',
        '    reason: own',
      ),
    );
    expect(message).toBe('matrix.yaml line 4: unknown role "social-worker"');
  });

  it('a role in two rows', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN]',
        '    reason: follow-up',
        '  - roles: [social-worker]',
        '    categories: [IDENTITY]',
        '    reason: casework',
        '  - roles: [psychologist, supervisor]',
        '    categories: [IDENTITY, PLAN]',
        '    reason: again',
        ...OWN_OK,
      ),
    );
    expect(message).toMatch(/^matrix\.yaml line 8: /);
    expect(message).toContain('"supervisor"');
    expect(message).toContain('two rows');
  });

  it('a municipality role in section15', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN]',
        '    reason: follow-up',
        '  - roles: [municipal-employment-worker]',
        '    categories: [IDENTITY]',
        '    reason: consent is enough',
        ...OWN_OK,
      ),
    );
    expect(message).toMatch(/^matrix\.yaml line 5: /);
    expect(message).toContain('"municipal-employment-worker"');
  });

  it('a citizen role in section15', () => {
    const message = configError(
      yaml('section15:', '  - roles: [citizen]', '    categories: [PLAN]', '    reason: own', ...OWN_OK),
    );
    expect(message).toMatch(/^matrix\.yaml line 2: /);
    expect(message).toContain('"citizen"');
  });

  it('a row with no reason', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN]',
        '    reason: follow-up',
        '  - roles: [social-worker]',
        '    categories: [IDENTITY]',
        ...OWN_OK,
      ),
    );
    expect(message).toMatch(/^matrix\.yaml line 5: /);
    expect(message).toContain('reason');
  });

  it('a row with a blank reason', () => {
    const message = configError(
      yaml('section15:', '  - roles: [supervisor]', '    categories: [PLAN]', '    reason: "  "', ...OWN_OK),
    );
    expect(message).toMatch(/^matrix\.yaml line 2: /);
  });

  it('an own-register row with no reason', () => {
    const message = configError(
      yaml('section15: []', 'ownRegister:', '  - org: kela', '    roles: [decision-specialist]'),
    );
    expect(message).toMatch(/^matrix\.yaml line 3: /);
  });

  it('an unknown key', () => {
    const message = configError(
      yaml(
        'section15:',
        '  - roles: [supervisor]',
        '    categories: [PLAN]',
        '    reason: follow-up',
        '    role: [analyst]',
        ...OWN_OK,
      ),
    );
    expect(message).toBe('matrix.yaml line 5: unknown key "role"');
  });

  it('an unknown key in an own-register row', () => {
    const message = configError(
      yaml(
        'section15: []',
        'ownRegister:',
        '  - org: kela',
        '    roles: [decision-specialist]',
        '    reason: own',
        '    except: [ORG_INTERNAL]',
      ),
    );
    expect(message).toBe('matrix.yaml line 6: unknown key "except"');
  });

  // An `org` in a section15 row reads as if it limited the roles to that organisation, and
  // `categories` in an ownRegister row as if it limited own-register reads; both would be ignored.
  it('a key of the other section', () => {
    expect(
      configError(
        yaml(
          'section15:',
          '  - roles: [supervisor]',
          '    org: kela',
          '    categories: [PLAN]',
          '    reason: x',
          ...OWN_OK,
        ),
      ),
    ).toMatch(/^matrix\.yaml line 3: unknown key "org"/);
    expect(
      configError(
        yaml(
          'section15: []',
          'ownRegister:',
          '  - org: kela',
          '    roles: [decision-specialist]',
          '    categories: [PLAN]',
          '    reason: own',
        ),
      ),
    ).toMatch(/^matrix\.yaml line 5: unknown key "categories"/);
  });

  // A second row for the same organisation would silently replace the first one's roles.
  it('an organisation in two own-register rows', () => {
    const message = configError(
      yaml(
        'section15: []',
        'ownRegister:',
        '  - org: kela',
        '    roles: [decision-specialist, service-specialist]',
        '    reason: own',
        '  - org: kela',
        '    roles: [analyst]',
        '    reason: again',
      ),
    );
    expect(message).toMatch(/^matrix\.yaml line 6: /);
    expect(message).toContain('"kela"');
  });

  it('a row without categories or roles', () => {
    expect(configError(yaml('section15:', '  - roles: [supervisor]', '    reason: x', ...OWN_OK))).toMatch(
      /^matrix\.yaml line 2: /,
    );
    expect(configError(yaml('section15:', '  - categories: [PLAN]', '    reason: x', ...OWN_OK))).toMatch(
      /^matrix\.yaml line 2: /,
    );
    expect(configError(yaml('section15: []', 'ownRegister:', '  - org: kela', '    reason: own'))).toMatch(
      /^matrix\.yaml line 3: /,
    );
  });

  it('a missing section', () => {
    expect(configError(yaml('section15: []'))).toBe('matrix.yaml line 1: `ownRegister` must be a list of rows');
    expect(configError(yaml(...OWN_OK))).toBe('matrix.yaml line 1: `section15` must be a list of rows');
  });

  it('a missing role list, naming what it is for', () => {
    const withoutStatistics = [...OWN_OK].slice(0, -3);
    expect(configError(yaml('section15: []', ...withoutStatistics))).toBe(
      'matrix.yaml line 1: `statistics` is missing: a mapping with `roles` and a one-line `reason`',
    );
  });

  it('a role list with an unknown role, or with a municipality or citizen role', () => {
    const lists = (roles: string) => [
      'writers:',
      `  roles: ${roles}`,
      '  reason: keep the record',
      ...ROLES_OK.slice(3),
    ];
    const own = OWN_OK.slice(0, 4);
    expect(configError(yaml('section15: []', ...own, ...lists('[social-worker, case-manager]')))).toBe(
      'matrix.yaml line 7: unknown role "case-manager"',
    );
    expect(configError(yaml('section15: []', ...own, ...lists('[municipal-employment-worker]')))).toBe(
      'matrix.yaml line 7: role "municipal-employment-worker" is not an authority\'s role and cannot be in `writers`',
    );
    expect(configError(yaml('section15: []', ...own, ...lists('[citizen]')))).toMatch(
      /^matrix\.yaml line 7: role "citizen"/,
    );
    expect(configError(yaml('section15: []', ...own, ...lists('social-worker')))).toMatch(
      /^matrix\.yaml line 7: writers: `roles` must be a list/,
    );
  });

  it('a role list without its reason, or with an unknown key', () => {
    const own = OWN_OK.slice(0, 4);
    expect(
      configError(yaml('section15: []', ...own, 'writers:', '  roles: [social-worker]', ...ROLES_OK.slice(3))),
    ).toMatch(/^matrix\.yaml line 7: `writers`: `reason` is missing/);
    expect(
      configError(
        yaml(
          'section15: []',
          ...own,
          'writers:',
          '  roles: [social-worker]',
          '  reason: x',
          '  except: [x]',
          ...ROLES_OK.slice(3),
        ),
      ),
    ).toMatch(/^matrix\.yaml line 9: `writers`: unknown key "except"/);
  });

  it('an unknown section', () => {
    expect(configError(yaml('section15: []', ...OWN_OK, 'readers:', '  roles: [analyst]'))).toMatch(
      /^matrix\.yaml line 18: the necessity matrix: unknown key "readers"/,
    );
  });

  it('a YAML syntax error names its line', () => {
    const message = configError(yaml('section15: []', 'section15: []', 'ownRegister: []'));
    expect(message).toContain('line 2');
  });

  it('a document that is not a mapping', () => {
    expect(configError(yaml('- section15', '- ownRegister'))).toMatch(/^matrix\.yaml line 1: expected a mapping/);
  });
});
