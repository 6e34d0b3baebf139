// Sign-in. The gateway says how (/web/config): with the organisation's OpenID Connect provider (code flow
// with PKCE, web/src/oidc.ts), and in dev mode also as a demo user it lists (/dev/personas, /dev/token).
import { useEffect, useState } from 'preact/hooks';
import { t, word } from '../i18n.ts';
import { go } from '../route.ts';
import { loadConfig, type WebConfig } from '../config.ts';
import { isCallback } from '../oidc-callback.ts';
import { signIn, type Persona } from '../session.ts';

const labelOf = (p: Persona): string => {
  if (p.org === 'citizen') return `${p.label ?? ''} (${p.sub})`;
  const where = p.municipality ?? p.areas.join(', ');
  return `${word('Org', p.org)}: ${word('Role', p.role)}, ${where}`;
};

const landing = (p: Persona) => go(p.org === 'citizen' ? 'me' : p.role === 'analyst' ? 'stats' : 'caseload');

export function SignIn() {
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [config, setConfig] = useState<WebConfig | null>(null);
  const [choice, setChoice] = useState('');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const c = await loadConfig();
        setConfig(c);
        if (c.oidc && isCallback()) {
          const { finishSignIn } = await import('../oidc.ts');
          const s = await finishSignIn(c.oidc);
          signIn(s);
          return landing(s.persona);
        }
        if (c.dev) setPersonas(((await (await fetch('/dev/personas')).json()) as { personas: Persona[] }).personas);
      } catch {
        setFailed(true);
      }
    })();
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    const p = personas?.[Number(choice)];
    if (!p) return;
    const q = new URLSearchParams({ org: p.org, role: p.role });
    for (const a of p.areas) q.append('area', a);
    if (p.municipality) q.set('municipality', p.municipality);
    if (p.sub) q.set('sub', p.sub);
    const r = await fetch(`/dev/token?${q}`);
    if (!r.ok) return setFailed(true);
    signIn({ token: ((await r.json()) as { token: string }).token, persona: p, via: 'dev' });
    landing(p);
  }

  const oidc = config?.oidc;
  const provider = oidc && (
    <div class="card">
      <h1>{t('signIn')}</h1>
      <button type="button" onClick={() => void import('../oidc.ts').then((m) => m.startSignIn(oidc))}>
        {t('signInOidc')}
      </button>
    </div>
  );
  if (failed) return <p role="alert">{word('Code', 'NETWORK')}</p>;
  if (!config || (config.dev && !personas)) return <p role="status">{t('loading')}</p>;
  if (!config.dev || !personas) return provider ?? <p>{word('Code', 'UNAUTHENTICATED')}</p>;
  const groups = [
    { label: t('official'), items: personas.map((p, i) => [p, i] as const).filter(([p]) => p.org !== 'citizen') },
    { label: t('citizenUser'), items: personas.map((p, i) => [p, i] as const).filter(([p]) => p.org === 'citizen') },
  ];
  return (
    <>
      {provider}
      <form onSubmit={submit} class="card">
        {!provider && <h1>{t('signIn')}</h1>}
        <label for="persona">{t('signInDev')}</label>
        <select id="persona" required value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
          <option value="">{t('choose')}</option>
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.items.map(([p, i]) => (
                <option key={i} value={String(i)}>
                  {labelOf(p)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {failed && <p role="alert">{word('Code', 'UNAUTHENTICATED')}</p>}
        <button type="submit">{t('signIn')}</button>
      </form>
    </>
  );
}
