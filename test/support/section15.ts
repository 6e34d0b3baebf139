// The categorised fields of docs/CONTRACT.md section 3, as the section 15 tests address them
// (`register.field`), with the category the contract gives each. Written from the contract, not read
// from the schema, so that a field whose directive drifts is caught by the tests that use it.
import type { DataCategory, Register } from '../../shared/vocabulary.ts';
import type { GqlResult } from './system.ts';

export const FIELDS = {
  'joint.customership': { category: 'CUSTOMERSHIP', selection: 'customership { status area }' },
  'joint.identity': { category: 'IDENTITY', selection: 'identity { firstName lastName municipality }' },
  'joint.serviceNeed': { category: 'SERVICE_NEED', selection: 'serviceNeed { summary }' },
  'joint.socialSituation': { category: 'SOCIAL_SITUATION', selection: 'socialSituation { summary }' },
  'joint.workCapacity': { category: 'HEALTH_WORK_CAPACITY', selection: 'workCapacity { summary }' },
  'joint.plan': { category: 'PLAN', selection: 'plan { deadline services { provider } }' },
  'joint.appointments': { category: 'CUSTOMERSHIP', selection: 'appointments { at }' },
  'joint.consents': { category: 'CUSTOMERSHIP', selection: 'consents { recipientOrg categories }' },
  'employment.jobSeeker': { category: 'SERVICE_NEED', selection: 'jobSeeker { status }' },
  'employment.education': { category: 'COMPETENCE', selection: 'education { degree }' },
  'employment.workHistory': { category: 'COMPETENCE', selection: 'workHistory { title }' },
  'employment.skills': { category: 'COMPETENCE', selection: 'skills { name }' },
  'employment.services': { category: 'PLAN', selection: 'services { type }' },
  'employment.benefitStatements': { category: 'ORG_INTERNAL', selection: 'benefitStatements { givenOn }' },
  'wellbeing.socialSituation': { category: 'SOCIAL_SITUATION', selection: 'socialSituation { summary }' },
  'wellbeing.workAbility': { category: 'HEALTH_WORK_CAPACITY', selection: 'workAbility { summary }' },
  'wellbeing.rehabilitativeWork': { category: 'SOCIAL_SITUATION', selection: 'rehabilitativeWork { provider }' },
  'wellbeing.diagnoses': { category: 'ORG_INTERNAL', selection: 'diagnoses { code }' },
  'kela.benefits': { category: 'SOCIAL_SITUATION', selection: 'benefits { type }' },
  'kela.rehabilitation': { category: 'HEALTH_WORK_CAPACITY', selection: 'rehabilitation { type }' },
  'kela.payments': { category: 'ORG_INTERNAL', selection: 'payments { amount }' },
} as const satisfies Record<string, { category: DataCategory; selection: string }>;

export type FieldPath = keyof typeof FIELDS;
export const FIELD_PATHS = Object.keys(FIELDS) as FieldPath[];

export const fieldRef = (path: FieldPath): { register: Register; category: DataCategory } => ({
  register: path.split('.')[0] as Register,
  category: FIELDS[path].category,
});

export type Root = 'client' | 'me';

/** The selection of the given fields on a Person. */
export function personSelection(fields: readonly FieldPath[]): string {
  const byRecord = new Map<string, string[]>();
  for (const f of fields) {
    const record = f.split('.')[0]!;
    byRecord.set(record, [...(byRecord.get(record) ?? []), FIELDS[f].selection]);
  }
  return [...byRecord].map(([record, selections]) => `${record} { ${selections.join(' ')} }`).join(' ');
}

/** One request for the given fields of one person, through `client(hetu:)` or `me`. */
export function personQuery(root: Root, fields: readonly FieldPath[]): string {
  const body = personSelection(fields);
  return root === 'me'
    ? `query { me { hetu ${body} } }`
    : `query ($hetu: ID!) { client(hetu: $hetu) { hetu ${body} } }`;
}

export const valueAt = (data: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, k) => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k]), data);

/**
 * docs/LAW.md rule 20: no refusal may say whether the person exists, is a client, has ended, or is a
 * client of another area. The path is left out: it names the `client` field itself.
 */
export const LEAKY_WORDS = /exist|client|ended|area/i;
export function leakingErrors(r: GqlResult): string[] {
  return (r.errors ?? [])
    .map((e) => JSON.stringify({ message: e.message, extensions: e.extensions }))
    .filter((text) => LEAKY_WORDS.test(text));
}

/** Extension keys a refusal may carry: the contract's two, and the name of the subgraph that answered. */
export const REFUSAL_EXTENSION_KEYS = ['code', 'reason', 'serviceName', 'requestId'];
