// The client's own view: their joint record and who received their data, when, on what basis and for
// what purpose (docs/LAW.md rule 19). The log names organisations and roles, never the officials.
import { useEffect, useState } from 'preact/hooks';
import { gql, type Answer } from '../api.ts';
import { MeDocument, type MeQuery } from '../gql/graphql.ts';
import { areaName, fiDate, t, word } from '../i18n.ts';
import { Datum, Pairs, Problems } from './common.tsx';

type Joint = NonNullable<NonNullable<MeQuery['me']>['joint']>;
type Item<L> = NonNullable<L> extends readonly (infer I)[] ? I : NonNullable<L>;

export function Citizen() {
  const [answer, setAnswer] = useState<Answer<MeQuery> | null>(null);
  useEffect(() => {
    void gql(MeDocument, {}, { purpose: 'DATA_SUBJECT_ACCESS' }).then(setAnswer);
  }, []);
  if (!answer) return <p role="status">{t('loading')}</p>;
  const log = answer.data?.myDisclosures ?? [];
  return (
    <section aria-labelledby="me-title">
      <h1 id="me-title">{t('myRecord')}</h1>
      <Problems answer={answer} within="me." />
      {answer.data?.me && (
        <div class="register">
          <Datum<NonNullable<Joint['identity']>> answer={answer} path="me.joint.identity" title={t('identity')}>
            {(v) => (
              <Pairs
                items={[
                  [t('name'), `${v.firstName} ${v.lastName}`],
                  [t('municipality'), v.municipality],
                ]}
              />
            )}
          </Datum>
          <Datum<NonNullable<Joint['customership']>>
            answer={answer}
            path="me.joint.customership"
            title={t('customership')}
          >
            {(v) => (
              <Pairs
                items={[
                  [t('status'), word('Status', v.status)],
                  [t('area'), areaName(v.area)],
                  [t('startedAt'), fiDate(v.startedAt)],
                  [t('planDeadline'), fiDate(v.planDeadline)],
                ]}
              />
            )}
          </Datum>
          <Datum<NonNullable<Joint['plan']>> answer={answer} path="me.joint.plan" title={t('plan')}>
            {(v) => (
              <ul>
                {v.services.map((s, i) => (
                  <li key={i}>
                    {s.description} ({word('Org', s.provider)}, {word('Status', s.status)})
                  </li>
                ))}
              </ul>
            )}
          </Datum>
          <Datum<Item<Joint['consents']>> answer={answer} path="me.joint.consents" title={t('consents')}>
            {(v) => (
              <p>
                {word('Org', v.recipientOrg)} {v.recipientMunicipality ?? ''}:{' '}
                {v.categories.map((c) => word('Category', c)).join(', ')} · {fiDate(v.validUntil)} ·{' '}
                {v.inForce ? t('inForce') : t('notInForce')}
              </p>
            )}
          </Datum>
        </div>
      )}
      <h2>{t('disclosures')}</h2>
      {log.length === 0 ? (
        <p>{t('noDisclosures')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('who')}</th>
              <th scope="col">{t('purpose')}</th>
              <th scope="col">{t('basis')}</th>
              <th scope="col">{t('categories')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((d, i) => (
              <tr key={i}>
                <td>{fiDate(d.at)}</td>
                <td>
                  {word('Org', d.recipientOrg)}: {word('Role', d.recipientRole)}
                  {d.recipientArea ? ` (${areaName(d.recipientArea)})` : ''}
                </td>
                <td>{word('Purpose', d.purpose)}</td>
                <td>{word('Basis', d.basis)}</td>
                <td>{d.categories.map((c) => word('Category', c)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
