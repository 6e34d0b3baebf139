// Sign-in. In dev mode the gateway lists demo users (/dev/personas) and issues their tokens (/dev/token);
// in production the organisation's OpenID Connect provider signs the user in (not part of this build yet).
import { useEffect, useState } from 'preact/hooks';
import { t, word } from '../i18n.ts';
import { go } from '../route.ts';
import { signIn, type Persona } from '../session.ts';

const labelOf = (p: Persona): string => {
  if (p.org === 'citizen') return `${p.label ?? ''} (${p.sub})`;
  const where = p.municipality ?? p.areas.join(', ');
  return `${word('Org', p.org)}: ${word('Role', p.role)}, ${where}`;
};

export function SignIn() {
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [dev, setDev] = useState(true);
  const [choice, setChoice] = useState('');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetch('/dev/personas').then(
      async (r) => (r.ok ? setPersonas(((await r.json()) as { personas: Persona[] }).personas) : setDev(false)),
      () => setDev(false),
    );
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
    signIn({ token: ((await r.json()) as { token: string }).token, persona: p });
    go(p.org === 'citizen' ? 'me' : p.role === 'analyst' ? 'stats' : 'caseload');
  }

  if (!dev) return <p>{t('signInOidc')}</p>;
  if (!personas) return <p role="status">{t('loading')}</p>;
  const groups = [
    { label: t('official'), items: personas.map((p, i) => [p, i] as const).filter(([p]) => p.org !== 'citizen') },
    { label: t('citizenUser'), items: personas.map((p, i) => [p, i] as const).filter(([p]) => p.org === 'citizen') },
  ];
  return (
    <form onSubmit={submit} class="card">
      <h1>{t('signIn')}</h1>
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
  );
}
