// The app: a header with the language and the signed-in user, the views the user's role has, and the view.
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { config, loadConfig } from './config.ts';
import { LANGS, lang, setLang, t, word, type Lang } from './i18n.ts';
import { go, view, type View } from './route.ts';
import { isAuthority, seesStatistics, session, signOut, type Persona } from './session.ts';
import { useValue } from './state.ts';
import { Analyst } from './views/analyst.tsx';
import { Caseload } from './views/caseload.tsx';
import { Citizen } from './views/citizen.tsx';
import { Client } from './views/client.tsx';
import { Costs } from './views/costs.tsx';
import { Lookup } from './views/lookup.tsx';
import { SignIn } from './views/signin.tsx';
import { Staffing } from './views/staffing.tsx';
import './styles.css';

function viewsOf(p: Persona): View[] {
  if (p.org === 'citizen') return ['me'];
  const out: View[] = [];
  if (p.role !== 'analyst') out.push('caseload', 'lookup');
  if (isAuthority(p) && seesStatistics(p)) out.push('stats', 'staffing', 'costs');
  return out;
}

const TITLES: Record<View, () => string> = {
  signin: () => t('signIn'),
  caseload: () => t('caseload'),
  lookup: () => t('search'),
  client: () => t('search'),
  me: () => t('myRecord'),
  stats: () => t('statistics'),
  staffing: () => t('staffing'),
  costs: () => t('costShares'),
};

function App() {
  useValue(lang);
  useValue(config);
  const s = useValue(session);
  const current = useValue(view);
  const allowed = s ? viewsOf(s.persona) : [];
  const shown: View = !s ? 'signin' : current === 'client' || allowed.includes(current) ? current : allowed[0]!;
  document.title = `${TITLES[shown]()} – ${t('appName')}`;
  // A new view takes the focus to its content, so that keyboard and screen-reader users start there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [shown]);
  return (
    <>
      {/* A button, not a link to #main: the hash is the app's route. */}
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        {t('skip')}
      </button>
      <header>
        <p class="brand">{t('appName')}</p>
        {s && (
          <nav aria-label={t('nav')}>
            <ul>
              {allowed.map((v) => (
                <li key={v}>
                  <a id={`nav-${v}`} href={`#/${v}`} aria-current={shown === v ? 'page' : undefined}>
                    {TITLES[v]()}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <label class="lang">
          {t('language')}
          <select value={lang.value} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {{ fi: 'suomi', sv: 'svenska', en: 'English' }[l]}
              </option>
            ))}
          </select>
        </label>
        {s && (
          <p class="who">
            {t('signedInAs')}: {word('Role', s.persona.role)}
            <button
              type="button"
              onClick={() => {
                const oidc = config.value?.oidc;
                if (s.via === 'oidc' && oidc) void import('./oidc.ts').then((m) => m.endSession(oidc));
                else signOut();
                go('signin');
              }}
            >
              {t('signOut')}
            </button>
          </p>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {shown === 'signin' && <SignIn />}
        {shown === 'caseload' && <Caseload />}
        {shown === 'lookup' && <Lookup />}
        {shown === 'client' && <Client />}
        {shown === 'me' && <Citizen />}
        {shown === 'stats' && <Analyst />}
        {shown === 'staffing' && <Staffing />}
        {shown === 'costs' && <Costs />}
      </main>
    </>
  );
}

// The areas' and controllers' names; a failure shows the ids, and the sign-in view says what went wrong.
// A tab signed in with the provider keeps renewing its token after a reload.
loadConfig()
  .then((c) => {
    if (c.oidc && session.value?.via === 'oidc') return import('./oidc.ts').then((m) => m.resume(c.oidc!));
  })
  .catch(() => undefined);
render(<App />, document.getElementById('app')!);
