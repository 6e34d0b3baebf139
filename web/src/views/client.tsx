// The unified client view: the joint record and the three registers side by side, each datum with its
// controller and legal basis, each withheld datum with its reason; and the writes on the joint record:
// start the customership, assessments, the plan and its reviews, appointments, consents, and the end.
import { useEffect, useState } from 'preact/hooks';
import { gql, type Answer } from '../api.ts';
import { ClientDocument, type ClientQuery } from '../gql/graphql.ts';
import { areaName, fiDate, t, word } from '../i18n.ts';
import { openClient, type OpenClient } from '../route.ts';
import { useValue } from '../state.ts';
import { Datum, Pairs, Problems } from './common.tsx';
import {
  AppointmentForm,
  AssessmentForm,
  ConsentForm,
  EndForm,
  PlanForm,
  RevokeButton,
  ReviewForm,
  StartForm,
  writeStarted,
} from './writes.tsx';

type Person = NonNullable<ClientQuery['client']>;
type Joint = NonNullable<Person['joint']>;
type Employment = NonNullable<Person['employment']>;
type Wellbeing = NonNullable<Person['wellbeing']>;
type Kela = NonNullable<Person['kela']>;
type Item<L> = NonNullable<L> extends readonly (infer I)[] ? I : NonNullable<L>;
type Assessment = { summary: string; recordedAt: string };

const assessment = (a: Assessment) => (
  <>
    <p>{a.summary}</p>
    <Pairs items={[[t('startedAt'), fiDate(a.recordedAt)]]} />
  </>
);

/** Render time from the official's request to the view on screen, for the browser test and the curious. */
function reportRender(asked: OpenClient) {
  requestAnimationFrame(() => {
    const ms = Math.round(performance.now() - asked.askedAt);
    document.getElementById('client-view')?.setAttribute('data-render-ms', String(ms));
  });
}

export function Client() {
  const asked = openClient.value;
  const [answer, setAnswer] = useState<Answer<ClientQuery> | null>(null);
  const [notice, setNotice] = useState('');

  async function load(note = '') {
    if (!asked) return;
    const a = await gql(ClientDocument, { hetu: asked.hetu }, asked);
    setAnswer(a);
    setNotice(note);
  }
  useEffect(() => {
    void load();
  }, [asked?.hetu, asked?.askedAt]);
  useEffect(() => {
    if (answer && asked) reportRender(asked);
  }, [answer]);
  // A new write takes down what the previous one said.
  const started = useValue(writeStarted);
  useEffect(() => setNotice(''), [started]);

  if (!asked) return <p>{t('lookupIntro')}</p>;
  if (!answer) return <p role="status">{t('loading')}</p>;
  const c = answer.data?.client;
  const name = c?.joint?.identity ? `${c.joint.identity.firstName} ${c.joint.identity.lastName}` : asked.hetu;
  const plan = c?.joint?.plan;
  const customership = c?.joint?.customership;
  const active = customership?.status === 'ACTIVE';
  const p = (s: string) => `client.${s}`;
  return (
    <section id="client-view" aria-labelledby="client-title">
      <h1 id="client-title">{name}</h1>
      <p class="meta">
        {t('purpose')}: {word('Purpose', asked.purpose)} · {t('caseReference')}: {asked.caseReference}
      </p>
      {notice && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
      <Problems answer={answer} within="client." />
      {c && (
        <div class="registers">
          <section aria-labelledby="joint-title" class="register">
            <h2 id="joint-title">{t('jointRecord')}</h2>
            <Datum<NonNullable<Joint['identity']>> answer={answer} path={p('joint.identity')} title={t('identity')}>
              {(v) => (
                <Pairs
                  items={[
                    [t('name'), `${v.firstName} ${v.lastName}`],
                    [t('municipality'), v.municipality],
                    [t('phone'), v.phone],
                    [t('email'), v.email],
                  ]}
                />
              )}
            </Datum>
            <Datum<NonNullable<Joint['customership']>>
              answer={answer}
              path={p('joint.customership')}
              title={t('customership')}
            >
              {(v) => (
                <Pairs
                  items={[
                    [t('status'), word('Status', v.status)],
                    [t('area'), areaName(v.area)],
                    [t('startedAt'), fiDate(v.startedAt)],
                    [t('planDeadline'), v.status === 'ACTIVE' ? fiDate(v.planDeadline) : ''],
                    [t('endedAt'), fiDate(v.endedAt)],
                    [t('endReason'), word('EndReason', v.endReason)],
                    [t('agreedBy'), (v.agreedBy ?? []).map((o) => word('Org', o)).join(', ')],
                  ]}
                />
              )}
            </Datum>
            {!active && <StartForm asked={asked} onDone={load} />}
            <Datum<Assessment> answer={answer} path={p('joint.serviceNeed')} title={t('serviceNeed')}>
              {assessment}
            </Datum>
            <Datum<Assessment> answer={answer} path={p('joint.socialSituation')} title={t('socialSituation')}>
              {assessment}
            </Datum>
            <Datum<Assessment> answer={answer} path={p('joint.workCapacity')} title={t('workCapacity')}>
              {assessment}
            </Datum>
            {active && <AssessmentForm asked={asked} onDone={load} />}
            <Datum<NonNullable<Joint['plan']>> answer={answer} path={p('joint.plan')} title={t('plan')}>
              {(v) => (
                <>
                  <Pairs
                    items={[
                      [t('planDeadline'), fiDate(v.deadline)],
                      [t('nextReview'), fiDate(v.nextReviewDue)],
                      [t('reviewers'), v.reviewers.map((o) => word('Org', o)).join(', ')],
                    ]}
                  />
                  <ul>
                    {v.services.map((s, i) => (
                      <li key={i}>
                        {s.description} ({word('Org', s.provider)}, {word('Status', s.status)})
                      </li>
                    ))}
                  </ul>
                  {v.reviews.length > 0 && (
                    <ul aria-label={t('reviewPlan')}>
                      {v.reviews.map((r, i) => (
                        <li key={i}>
                          {fiDate(r.reviewedAt)}: {r.note}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </Datum>
            {active && !plan && !answer.errors.some((e) => e.path?.join('.') === p('joint.plan')) && (
              <PlanForm asked={asked} onDone={load} />
            )}
            {active && plan && <ReviewForm asked={asked} version={plan.version} onDone={load} />}
            <Datum<Item<Joint['appointments']>>
              answer={answer}
              path={p('joint.appointments')}
              title={t('appointments')}
            >
              {(v) => (
                <p>
                  {fiDate(v.at)} · {word('AppointmentMode', v.mode)} ·{' '}
                  {v.participants.map((o) => word('Org', o)).join(', ')}
                  {v.note ? ` · ${v.note}` : ''}
                </p>
              )}
            </Datum>
            {active && <AppointmentForm asked={asked} onDone={load} />}
            <Datum<Item<Joint['consents']>> answer={answer} path={p('joint.consents')} title={t('consents')}>
              {(v) => (
                <>
                  <p>
                    {word('Org', v.recipientOrg)}
                    {v.recipientMunicipality ? ` (${v.recipientMunicipality})` : ''}:{' '}
                    {v.categories.map((k) => word('Category', k)).join(', ')} · {fiDate(v.validFrom)}–
                    {fiDate(v.validUntil)} · {t('formReference')} {v.formReference} ·{' '}
                    {v.inForce ? t('inForce') : t('notInForce')}
                  </p>
                  {v.inForce && active && <RevokeButton asked={asked} id={v.id} onDone={load} />}
                </>
              )}
            </Datum>
            {active && <ConsentForm asked={asked} onDone={load} />}
            {active && customership && <EndForm asked={asked} version={customership.version} onDone={load} />}
          </section>
          <section aria-labelledby="employment-title" class="register">
            <h2 id="employment-title">{t('employmentRegister')}</h2>
            <Datum<NonNullable<Employment['jobSeeker']>>
              answer={answer}
              path={p('employment.jobSeeker')}
              title={t('jobSeeker')}
            >
              {(v) => (
                <Pairs
                  items={[
                    [t('status'), word('JobSeekerStatus', v.status)],
                    [t('startedAt'), fiDate(v.unemployedSince)],
                  ]}
                />
              )}
            </Datum>
            <Datum<Item<Employment['education']>>
              answer={answer}
              path={p('employment.education')}
              title={t('education')}
            >
              {(v) => (
                <p>
                  {v.degree}, {v.field} ({v.year})
                </p>
              )}
            </Datum>
            <Datum<Item<Employment['services']>> answer={answer} path={p('employment.services')} title={t('services')}>
              {(v) => (
                <p>
                  {v.type}: {v.provider} ({word('Status', v.status)})
                </p>
              )}
            </Datum>
            <Datum<Item<Employment['benefitStatements']>>
              answer={answer}
              path={p('employment.benefitStatements')}
              title={t('statements')}
            >
              {(v) => (
                <p>
                  {fiDate(v.givenOn)} {v.statementType}
                </p>
              )}
            </Datum>
          </section>
          <section aria-labelledby="wellbeing-title" class="register">
            <h2 id="wellbeing-title">{t('wellbeingRegister')}</h2>
            <Datum<Assessment> answer={answer} path={p('wellbeing.socialSituation')} title={t('socialSituation')}>
              {assessment}
            </Datum>
            <Datum<Assessment> answer={answer} path={p('wellbeing.workAbility')} title={t('workAbility')}>
              {assessment}
            </Datum>
            <Datum<Item<Wellbeing['rehabilitativeWork']>>
              answer={answer}
              path={p('wellbeing.rehabilitativeWork')}
              title={t('rehabWork')}
            >
              {(v) => (
                <p>
                  {v.provider} ({word('Status', v.status)})
                </p>
              )}
            </Datum>
            <Datum<Item<Wellbeing['diagnoses']>> answer={answer} path={p('wellbeing.diagnoses')} title={t('diagnoses')}>
              {(v) => (
                <p>
                  {v.code} {v.description}
                </p>
              )}
            </Datum>
          </section>
          <section aria-labelledby="kela-title" class="register">
            <h2 id="kela-title">{t('kelaRegister')}</h2>
            <Datum<Item<Kela['benefits']>> answer={answer} path={p('kela.benefits')} title={t('benefits')}>
              {(v) => (
                <p>
                  {word('Benefit', v.type)} · {word('Status', v.status)} · {fiDate(v.since)}
                </p>
              )}
            </Datum>
            <Datum<Item<Kela['rehabilitation']>>
              answer={answer}
              path={p('kela.rehabilitation')}
              title={t('rehabilitation')}
            >
              {(v) => (
                <p>
                  {word('Benefit', v.type)} · {word('Status', v.status)} · {fiDate(v.decidedOn)}
                </p>
              )}
            </Datum>
            <Datum<Item<Kela['payments']>> answer={answer} path={p('kela.payments')} title={t('payments')}>
              {(v) => (
                <p>
                  {fiDate(v.paidOn)} {v.amount.replace('.', ',')} €
                </p>
              )}
            </Datum>
          </section>
        </div>
      )}
    </section>
  );
}
