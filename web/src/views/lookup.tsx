// The look-up: the purpose and the case reference are asked before any identity code is sent
// (act 906/2019 §22–23); both travel with every request about the client and into the disclosure log.
import { useState } from 'preact/hooks';
import { t, word } from '../i18n.ts';
import { go, lookupHetu, openClient } from '../route.ts';

const LOOKUP_PURPOSES = ['ASSESSMENT', 'PLANNING', 'PLAN_REVIEW', 'COORDINATION', 'OWN_SERVICE'];
// The form of a Finnish identity code; the gateway checks the control character.
const HETU = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/;

export function Lookup() {
  const [purpose, setPurpose] = useState(openClient.value?.purpose ?? '');
  const [caseReference, setCase] = useState(openClient.value?.caseReference ?? '');
  const [hetu, setHetu] = useState(lookupHetu.value);
  const [invalid, setInvalid] = useState(false);

  function submit(e: Event) {
    e.preventDefault();
    const code = hetu.trim().toUpperCase();
    if (!HETU.test(code)) return setInvalid(true);
    openClient.value = { hetu: code, purpose, caseReference: caseReference.trim(), askedAt: performance.now() };
    lookupHetu.value = '';
    go('client');
  }

  return (
    <form onSubmit={submit} class="card" aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t('search')}</h1>
      <p>{t('lookupIntro')}</p>
      <label for="purpose">
        {t('purpose')} ({t('required')})
      </label>
      <select id="purpose" required value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)}>
        <option value="">{t('choose')}</option>
        {LOOKUP_PURPOSES.map((p) => (
          <option key={p} value={p}>
            {word('Purpose', p)}
          </option>
        ))}
      </select>
      <label for="case">
        {t('caseReference')} ({t('required')})
      </label>
      <input id="case" required maxLength={200} value={caseReference} onInput={(e) => setCase(e.currentTarget.value)} />
      <label for="hetu">
        {t('hetu')} ({t('required')})
      </label>
      <input
        id="hetu"
        required
        autoComplete="off"
        spellcheck={false}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'hetu-error' : undefined}
        value={hetu}
        onInput={(e) => {
          setHetu(e.currentTarget.value);
          setInvalid(false);
        }}
      />
      {invalid && (
        <p id="hetu-error" role="alert">
          {t('invalidHetu')}
        </p>
      )}
      <button type="submit">{t('lookUp')}</button>
    </form>
  );
}
