// Where the app is: a view name in the URL's hash, and the client opened for a stated purpose kept in
// memory only: an identity code never goes into the URL, the history or a server log.
import { signal } from './state.ts';

export const VIEWS = ['signin', 'caseload', 'lookup', 'client', 'me', 'stats', 'staffing', 'costs'] as const;
export type View = (typeof VIEWS)[number];

const fromHash = (): View => {
  const name = location.hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'caseload';
};

export const view = signal<View>(fromHash());
addEventListener('hashchange', () => {
  view.value = fromHash();
});

export function go(to: View): void {
  if (location.hash !== `#/${to}`) location.hash = `#/${to}`;
  view.value = to;
}

export interface OpenClient {
  hetu: string;
  purpose: string;
  caseReference: string;
  /** performance.now() when the official asked for the client: the view's render time is measured from it */
  askedAt: number;
}

export const openClient = signal<OpenClient | null>(null);
/** A look-up form's hetu when it was started from the caseload. */
export const lookupHetu = signal<string>('');
