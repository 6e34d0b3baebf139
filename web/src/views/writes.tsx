// Writes on the joint record. Each attempt keeps one idempotency key while its input stays the same and its
// outcome is unknown (a lost answer, a register that did not answer), so pressing "save" again applies the
// write once; a refusal or a changed input takes a new key. Writes that change what was read (a plan review,
// the end of the customership) name the version they were read at (expectedVersion): a concurrent change
// reloads the record and says so in words.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { gql, newIdempotencyKey, type GqlError, type Operation } from '../api.ts';
import { areaName, enumValues, t, word } from '../i18n.ts';
import { config } from '../config.ts';
import {
  CreatePlanDocument,
  EndCustomershipDocument,
  GrantConsentDocument,
  RecordAppointmentDocument,
  RecordAssessmentDocument,
  ReviewPlanDocument,
  RevokeConsentDocument,
  StartCustomershipDocument,
} from '../gql/graphql.ts';
import type { OpenClient } from '../route.ts';
import { session } from '../session.ts';
import { signal } from '../state.ts';
import { errorWords } from './common.tsx';

type Done = (notice: string) => Promise<void> | void;

/** Codes that say the write was not applied: the next attempt is a new one. Any other outcome is unknown. */
const REFUSED = new Set([
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'CUSTOMERSHIP_NOT_ACTIVE',
  'JOINT_ASSESSMENT_REQUIRED',
  'CONFLICT',
  'UNAUTHENTICATED',
  'PURPOSE_REQUIRED',
  'DOCUMENT_NOT_TRUSTED',
  'QUERY_TOO_COMPLEX',
]);

/** Counts the writes started, so that the view takes down the outcome of the previous one. */
export const writeStarted = signal(0);

export function useWrite(asked: OpenClient, onDone: Done) {
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  async function run<T, V>(operation: Operation<T, V>, variables: V, purpose: string, saved = t('saved')) {
    const body = JSON.stringify(variables);
    if (attempt.current?.body !== body) attempt.current = { key: newIdempotencyKey(), body };
    setBusy(true);
    writeStarted.value++;
    const a = await gql(operation, variables, {
      purpose,
      caseReference: asked.caseReference,
      idempotencyKey: attempt.current.key,
    });
    setBusy(false);
    const error: GqlError | undefined = a.errors[0];
    if (!error) {
      attempt.current = null;
      setProblem('');
      await onDone(saved);
      return true;
    }
    const code = error.extensions?.code ?? '';
    if (REFUSED.has(code)) attempt.current = null;
    if (code === 'CONFLICT' && error.extensions?.reason === 'VERSION_MISMATCH') {
      setProblem('');
      await onDone(t('conflictHelp'));
      return false;
    }
    setProblem(REFUSED.has(code) ? errorWords(error) : `${errorWords(error)} ${t('lostAnswer')}`);
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

/** A write form folded under its title, opened by keyboard or pointer. */
function Write({
  id,
  title,
  open,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  open?: boolean;
  onSubmit: (e: Event) => void;
  children: ComponentChildren;
}) {
  return (
    <details class="write" open={open}>
      <summary id={`${id}-title`}>{title}</summary>
      <form aria-labelledby={`${id}-title`} id={id} onSubmit={onSubmit}>
        {children}
      </form>
    </details>
  );
}

const SaveButton = ({ busy }: { busy: boolean }) => (
  <button type="submit" disabled={busy}>
    {t('save')}
  </button>
);

const PROVIDERS = ['employment', 'wellbeing', 'kela', 'municipality'] as const;
const AUTHORITIES = ['employment', 'wellbeing', 'kela'] as const;
type Provider = (typeof PROVIDERS)[number];

function Checks<V extends string>({
  legend,
  values,
  chosen,
  label,
  onChange,
}: {
  legend: string;
  values: readonly V[];
  chosen: V[];
  label: (v: V) => string;
  onChange: (next: V[]) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(v)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, v] : chosen.filter((x) => x !== v))}
          />
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
}

export function StartForm({ asked, onDone }: { asked: OpenClient; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const areas = session.value?.persona.areas ?? [];
  const [area, setArea] = useState(areas[0] ?? '');
  const [note, setNote] = useState('');
  const [firstName, setFirst] = useState('');
  const [lastName, setLast] = useState('');
  const [municipality, setMunicipality] = useState('');
  const municipalities = config.value?.areas.find((a) => a.id === area)?.municipalities ?? [];
  return (
    <Write
      id="start-form"
      title={t('startCustomership')}
      onSubmit={(e) => {
        e.preventDefault();
        const identity = firstName && lastName && municipality ? { firstName, lastName, municipality } : null;
        const input = { hetu: asked.hetu, area, referralNote: note || null, identity };
        void run(StartCustomershipDocument, { input }, 'ASSESSMENT');
      }}
    >
      <label for="start-area">{t('area')}</label>
      <select id="start-area" value={area} onChange={(e) => setArea(e.currentTarget.value)}>
        {areas.map((a) => (
          <option key={a} value={a}>
            {areaName(a)}
          </option>
        ))}
      </select>
      <label for="start-note">{t('referralNote')}</label>
      <textarea id="start-note" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <fieldset>
        <legend>{t('identityIfNew')}</legend>
        <label for="start-first">{t('firstName')}</label>
        <input id="start-first" maxLength={100} value={firstName} onInput={(e) => setFirst(e.currentTarget.value)} />
        <label for="start-last">{t('lastName')}</label>
        <input id="start-last" maxLength={100} value={lastName} onInput={(e) => setLast(e.currentTarget.value)} />
        <label for="start-municipality">{t('municipality')}</label>
        <select id="start-municipality" value={municipality} onChange={(e) => setMunicipality(e.currentTarget.value)}>
          <option value="">{t('choose')}</option>
          {municipalities.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </fieldset>
      <Problem />
      <SaveButton busy={busy} />
    </Write>
  );
}

export function AssessmentForm({ asked, onDone }: { asked: OpenClient; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [kind, setKind] = useState('SERVICE_NEED');
  const [summary, setSummary] = useState('');
  return (
    <Write
      id="assessment-form"
      title={t('recordAssessment')}
      onSubmit={async (e) => {
        e.preventDefault();
        const variables = { hetu: asked.hetu, kind: kind as 'SERVICE_NEED', summary };
        if (await run(RecordAssessmentDocument, variables, 'ASSESSMENT')) setSummary('');
      }}
    >
      <label for="assessment-kind">{t('assessmentKind')}</label>
      <select id="assessment-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
        {enumValues('AssessmentKind').map((k) => (
          <option key={k} value={k}>
            {word('AssessmentKind', k)}
          </option>
        ))}
      </select>
      <label for="assessment-summary">{t('summary')}</label>
      <textarea
        id="assessment-summary"
        required
        maxLength={4000}
        value={summary}
        onInput={(e) => setSummary(e.currentTarget.value)}
      />
      <Problem />
      <SaveButton busy={busy} />
    </Write>
  );
}

export function PlanForm({ asked, onDone }: { asked: OpenClient; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [description, setDescription] = useState('');
  const [provider, setProvider] = useState<Provider>('employment');
  return (
    <Write
      id="plan-form"
      title={t('newPlan')}
      open
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          CreatePlanDocument,
          { hetu: asked.hetu, input: { services: [{ provider, description }] } },
          'PLANNING',
        );
      }}
    >
      <label for="plan-service">{t('serviceDescription')}</label>
      <input
        id="plan-service"
        required
        maxLength={500}
        value={description}
        onInput={(e) => setDescription(e.currentTarget.value)}
      />
      <label for="plan-provider">{t('provider')}</label>
      <select id="plan-provider" value={provider} onChange={(e) => setProvider(e.currentTarget.value as Provider)}>
        {PROVIDERS.map((o) => (
          <option key={o} value={o}>
            {word('Org', o)}
          </option>
        ))}
      </select>
      <Problem />
      <SaveButton busy={busy} />
    </Write>
  );
}

export function ReviewForm({ asked, version, onDone }: { asked: OpenClient; version: number; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [note, setNote] = useState('');
  return (
    <Write
      id="review-form"
      title={t('reviewPlan')}
      onSubmit={async (e) => {
        e.preventDefault();
        const variables = { hetu: asked.hetu, note, expectedVersion: version };
        if (await run(ReviewPlanDocument, variables, 'PLAN_REVIEW')) setNote('');
      }}
    >
      <label for="review-note">{t('reviewNote')}</label>
      <textarea
        id="review-note"
        required
        maxLength={2000}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <Problem />
      <SaveButton busy={busy} />
    </Write>
  );
}

/** Today and now in the browser's time, for the appointment form's defaults. */
const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function AppointmentForm({ asked, onDone }: { asked: OpenClient; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [date, setDate] = useState(today());
  const [time, setTime] = useState('09:00');
  const [mode, setMode] = useState('IN_PERSON');
  const [participants, setParticipants] = useState<Provider[]>([]);
  const [note, setNote] = useState('');
  return (
    <Write
      id="appointment-form"
      title={t('recordAppointment')}
      onSubmit={async (e) => {
        e.preventDefault();
        const at = new Date(`${date}T${time}`).toISOString();
        const input = { at, mode: mode as 'IN_PERSON', participants, note: note || null };
        if (await run(RecordAppointmentDocument, { hetu: asked.hetu, input }, 'COORDINATION')) setNote('');
      }}
    >
      <label for="appointment-date">{t('appointmentDate')}</label>
      <input id="appointment-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      <label for="appointment-time">{t('appointmentTime')}</label>
      <input id="appointment-time" type="time" required value={time} onInput={(e) => setTime(e.currentTarget.value)} />
      <label for="appointment-mode">{t('mode')}</label>
      <select id="appointment-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value)}>
        {enumValues('AppointmentMode').map((m) => (
          <option key={m} value={m}>
            {word('AppointmentMode', m)}
          </option>
        ))}
      </select>
      <Checks
        legend={t('participants')}
        values={PROVIDERS}
        chosen={participants}
        label={(o) => word('Org', o)}
        onChange={setParticipants}
      />
      <label for="appointment-note">{t('note')}</label>
      <textarea id="appointment-note" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <Problem />
      <SaveButton busy={busy} />
    </Write>
  );
}

const CONSENTABLE = enumValues('Category').filter((c) => c !== 'ORG_INTERNAL');

export function ConsentForm({ asked, onDone }: { asked: OpenClient; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [recipientOrg, setOrg] = useState<Provider>('municipality');
  const [municipality, setMunicipality] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [validUntil, setValidUntil] = useState('');
  const [formReference, setForm] = useState('');
  return (
    <Write
      id="consent-form"
      title={t('grantConsent')}
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          recipientOrg,
          recipientMunicipality: recipientOrg === 'municipality' ? municipality : null,
          categories: categories as 'IDENTITY'[],
          validUntil,
          formReference,
        };
        void run(GrantConsentDocument, { hetu: asked.hetu, input }, 'COORDINATION');
      }}
    >
      <label for="consent-org">{t('recipient')}</label>
      <select id="consent-org" value={recipientOrg} onChange={(e) => setOrg(e.currentTarget.value as Provider)}>
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
      <Checks
        legend={t('categories')}
        values={CONSENTABLE}
        chosen={categories}
        label={(c) => word('Category', c)}
        onChange={setCategories}
      />
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
      <SaveButton busy={busy} />
    </Write>
  );
}

export function RevokeButton({ asked, id, onDone }: { asked: OpenClient; id: string; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run(RevokeConsentDocument, { id }, 'COORDINATION')}>
        {t('revoke')}
      </button>
      <Problem />
    </>
  );
}

export function EndForm({ asked, version, onDone }: { asked: OpenClient; version: number; onDone: Done }) {
  const { run, busy, Problem } = useWrite(asked, onDone);
  const [reason, setReason] = useState('');
  const [agreedBy, setAgreedBy] = useState<(typeof AUTHORITIES)[number][]>([]);
  return (
    <Write
      id="end-form"
      title={t('endCustomership')}
      onSubmit={(e) => {
        e.preventDefault();
        const variables = { hetu: asked.hetu, reason: reason as 'EMPLOYED', agreedBy, expectedVersion: version };
        void run(EndCustomershipDocument, variables, 'COORDINATION', t('customershipEnded'));
      }}
    >
      <label for="end-reason">{t('endReason')}</label>
      <select id="end-reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
        <option value="">{t('choose')}</option>
        {enumValues('EndReason').map((r) => (
          <option key={r} value={r}>
            {word('EndReason', r)}
          </option>
        ))}
      </select>
      <Checks
        legend={t('agreedBy')}
        values={AUTHORITIES}
        chosen={agreedBy}
        label={(o) => word('Org', o)}
        onChange={setAgreedBy}
      />
      <Problem />
      <SaveButton busy={busy} />
    </Write>
  );
}
