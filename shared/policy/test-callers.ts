// Callers and an access builder shared by the rule files' tests (test data only).
import { loadPolicy, parsePolicy, type Policy } from '../policy-config.ts';
import type { Access } from '../policy.ts';
import type { Caller, Org, Purpose } from '../vocabulary.ts';

export const policy = loadPolicy();
export const access = (caller: Caller, purpose: Purpose, over: Partial<Policy> = {}): Access => ({
  policy: { ...policy, ...over },
  caller,
  purpose,
  today: '2026-06-15',
});

const official = (org: Org, role: string, areas: string[] = ['ita-uusimaa'], extra: Partial<Caller> = {}): Caller => ({
  sub: `${org}.${role}`,
  org,
  role,
  areas,
  ...extra,
});

export const callers = {
  specialist: official('employment', 'employment-specialist'),
  socialWorker: official('wellbeing', 'social-worker'),
  decisionSpecialist: official('kela', 'decision-specialist', ['ita-uusimaa', 'keski-uusimaa']),
  kelaSpecialist: official('kela', 'work-ability-specialist', ['ita-uusimaa', 'keski-uusimaa']),
  supervisor: official('employment', 'supervisor'),
  wbSupervisor: official('wellbeing', 'supervisor'),
  keskiSupervisor: official('wellbeing', 'supervisor', ['keski-uusimaa']),
  analyst: official('employment', 'analyst'),
  networkLead: official('employment', 'network-lead'),
  kelaAnalyst: official('kela', 'analyst', ['ita-uusimaa', 'keski-uusimaa']),
  municipal: official('municipality', 'municipal-employment-worker', ['ita-uusimaa'], { municipality: 'Loviisa' }),
  citizen: { sub: '150385-9013', org: 'citizen', role: 'citizen', areas: [] } as Caller,
};

/** The shipped policy with one role list replaced, to show a decision follows configuration. */
export function withRoles(list: keyof Policy['roles'], roles: string[]): Partial<Policy> {
  return { roles: { ...policy.roles, [list]: new Set(roles) } };
}

/** A decision without its human-readable rule, so that assertions are exact on what matters. */
export const outcome = (d: { allowed: boolean } & Record<string, unknown>) => {
  const { rule: _rule, ...rest } = d;
  return rest;
};
export { parsePolicy };
