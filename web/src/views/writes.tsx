// Writes on the joint record. Each attempt keeps one idempotency key until it succeeds, so pressing
// "save" again after a lost answer applies the write once; a plan review names the version it was read
// at (expectedVersion), and a concurrent change reloads the record and says so.
import { useRef, useState } from 'preact/hooks';
import { gql, newIdempotencyKey } from '../api.ts';
import { enumValues, t, word } from '../i18n.ts';
import { CREATE_PLAN, GRANT_CONSENT, REVIEW_PLAN, REVOKE_CONSENT } from '../operations.ts';
import type { OpenClient } from '../route.ts';
import { errorWords } from './common.tsx';

type Done = (notice: string) => Promise<void> | void;

function useWrite(asked: OpenClient, onDone: Done) {
  const key = useRef(newIdempotencyKey());
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  async function run(query: string, variables: Record<string, unknown>, purpose: string): Promise<boolean> {
    setBusy(true);
    const a = await gql(query, variables, {
      purpose,
      caseReference: asked.caseReference,
      idempotencyKey: key.current,
    });
    setBusy(false);
    const error = a.errors[0];
    if (!error) {
      key.current = newIdempotencyKey();
      setProblem('');
      await onDone(t('saved'));
      return true;
    }
    if (error.extensions?.code === 'CONFLICT' && error.extensions.reason === 'VERSION_MISMATCH') {
      key.current = newIdempotencyKey();
      await onDone(t('conflictHelp'));
      return false;
    }
    // A lost answer keeps the key: the same attempt may be sent again safely.
    if (error.extensions?.code !== 'NETWORK') key.current = newIdempotencyKey();
    setProblem(errorWords(error));
    return false;
  }
  const Problem = () =>
    problem ? (
      <p role="alert" class="problem">
        {problem}
      </p>
    ) : null;
  return { run, busy, Problem };
}

const PROVIDERS = ['employment', 'wellbeing', 'kela', 'municipality'];

export function PlanForm({ asked, onDone }: { asked: OpenClient; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [description, setDescription] = useState('');
  const [provider, setProvider] = useState('employment');
  return (
    <form
      class="write"
      aria-labelledby="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(CREATE_PLAN, { hetu: asked.hetu, input: { services: [{ provider, description }] } }, 'PLANNING');
      }}
    >
      <h3 id="plan-form">{t('newPlan')}</h3>
      <label for="plan-service">{t('serviceDescription')}</label>
      <input
        id="plan-service"
        required
        maxLength={500}
        value={description}
        onInput={(e) => setDescription(e.currentTarget.value)}
      />
      <label for="plan-provider">{t('provider')}</label>
      <select id="plan-provider" value={provider} onChange={(e) => setProvider(e.currentTarget.value)}>
        {PROVIDERS.map((o) => (
          <option key={o} value={o}>
            {word('Org', o)}
          </option>
        ))}
      </select>
      <Problem />
      <button type="submit" disabled={busy}>
        {t('save')}
      </button>
    </form>
  );
}

export function ReviewForm({ asked, version, onDone }: { asked: OpenClient; version: number; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [note, setNote] = useState('');
  return (
    <form
      class="write"
      aria-labelledby="review-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await run(REVIEW_PLAN, { hetu: asked.hetu, note, expectedVersion: version }, 'PLAN_REVIEW');
        if (ok) setNote('');
      }}
    >
      <h3 id="review-form">{t('reviewPlan')}</h3>
      <label for="review-note">{t('reviewNote')}</label>
      <textarea
        id="review-note"
        required
        maxLength={2000}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <Problem />
      <button type="submit" disabled={busy}>
        {t('save')}
      </button>
    </form>
  );
}

const CONSENTABLE = enumValues('Category').filter((c) => c !== 'ORG_INTERNAL');

export function ConsentForm({ asked, onDone }: { asked: OpenClient; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [recipientOrg, setOrg] = useState('municipality');
  const [municipality, setMunicipality] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [validUntil, setValidUntil] = useState('');
  const [formReference, setForm] = useState('');
  const toggle = (c: string, on: boolean) => setCategories((cs) => (on ? [...cs, c] : cs.filter((x) => x !== c)));
  return (
    <form
      class="write"
      aria-labelledby="consent-form"
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          recipientOrg,
          recipientMunicipality: recipientOrg === 'municipality' ? municipality : null,
          categories,
          validUntil,
          formReference,
        };
        void run(GRANT_CONSENT, { hetu: asked.hetu, input }, 'COORDINATION');
      }}
    >
      <h3 id="consent-form">{t('grantConsent')}</h3>
      <label for="consent-org">{t('recipient')}</label>
      <select id="consent-org" value={recipientOrg} onChange={(e) => setOrg(e.currentTarget.value)}>
        {PROVIDERS.map((o) => (
          <option key={o} value={o}>
            {word('Org', o)}
          </option>
        ))}
      </select>
      {recipientOrg === 'municipality' && (
        <>
          <label for="consent-municipality">{t('recipientMunicipality')}</label>
          <input
            id="consent-municipality"
            required
            value={municipality}
            onInput={(e) => setMunicipality(e.currentTarget.value)}
          />
        </>
      )}
      <fieldset>
        <legend>{t('categories')}</legend>
        {CONSENTABLE.map((c) => (
          <label key={c} class="check">
            <input
              type="checkbox"
              checked={categories.includes(c)}
              onChange={(e) => toggle(c, e.currentTarget.checked)}
            />
            {word('Category', c)}
          </label>
        ))}
      </fieldset>
      <label for="consent-until">{t('validUntil')}</label>
      <input
        id="consent-until"
        type="date"
        required
        value={validUntil}
        onInput={(e) => setValidUntil(e.currentTarget.value)}
      />
      <label for="consent-form-ref">{t('formReference')}</label>
      <input
        id="consent-form-ref"
        required
        maxLength={100}
        value={formReference}
        onInput={(e) => setForm(e.currentTarget.value)}
      />
      <Problem />
      <button type="submit" disabled={busy}>
        {t('save')}
      </button>
    </form>
  );
}

export function RevokeButton({ asked, id, onDone }: { asked: OpenClient; id: string; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run(REVOKE_CONSENT, { id }, 'COORDINATION')}>
        {t('revoke')}
      </button>
      <Problem />
    </>
  );
}
