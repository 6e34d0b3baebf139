// Who is signed in. The token lives in memory and in this tab's sessionStorage (gone when the tab
// closes), never in localStorage, where any later page of the origin could read it for days.
import { signal } from './state.ts';

export interface Persona {
  org: string;
  role: string;
  areas: string[];
  municipality?: string;
  sub?: string;
  label?: string;
}

export interface Session {
  token: string;
  persona: Persona;
  /** 'oidc' when the organisation's provider signed the user in: it renews the token and ends the session */
  via?: 'oidc' | 'dev';
}

const KEY = 'tym.session';

function restore(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export const session = signal<Session | null>(restore());

export function signIn(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
  session.value = s;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  session.value = null;
}

/** Officials of the three authorities work the caseload; analysts, leads and supervisors also see figures. */
export const isAuthority = (p: Persona) => ['employment', 'wellbeing', 'kela'].includes(p.org);
export const seesStatistics = (p: Persona) => ['analyst', 'network-lead', 'supervisor'].includes(p.role);
