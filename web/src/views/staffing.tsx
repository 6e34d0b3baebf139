// Staffing against the cooperation agreement, for the yearly adequacy review (decree 388/2024): the staff the
// agreement assigns by organisation and title, the active clients, clients per FTE and FTE per client, and
// the agreement's own client estimate where it gives one.
import { useEffect, useState } from 'preact/hooks';
import { gql, type Answer } from '../api.ts';
import { StaffingDocument, type StaffingQuery } from '../gql/graphql.ts';
import { t, word } from '../i18n.ts';
import { session } from '../session.ts';
import { AreaSelect, Pairs, Problems } from './common.tsx';

const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? ''
    : v.toLocaleString('fi-FI', { maximumFractionDigits: digits });

export function Staffing() {
  const areas = session.value?.persona.areas ?? [];
  const [area, setArea] = useState(areas[0] ?? '');
  const [answer, setAnswer] = useState<Answer<StaffingQuery> | null>(null);
  useEffect(() => {
    if (area) void gql(StaffingDocument, { area }, { purpose: 'STATISTICS' }).then(setAnswer);
  }, [area]);
  const s = answer?.data?.staffing;
  return (
    <section aria-labelledby="staffing-title">
      <h1 id="staffing-title">{t('staffing')}</h1>
      <p>{t('staffingIntro')}</p>
      <div class="filters">
        <AreaSelect areas={areas} value={area} onChange={setArea} />
      </div>
      {answer ? <Problems answer={answer} /> : <p role="status">{t('loading')}</p>}
      {s && (
        <>
          <Pairs
            items={[
              [t('activeClients'), num(s.activeClients, 0)],
              [t('totalFte'), num(s.totalFte)],
              [t('clientsPerFte'), num(s.clientsPerFte)],
              [t('ftePerClient'), s.activeClients ? num(s.totalFte / s.activeClients, 3) : ''],
              [t('clientEstimate'), s.clientEstimate === null ? t('notStated') : num(s.clientEstimate, 0)],
              [
                t('estimatedClientsPerFte'),
                s.estimatedClientsPerFte === null ? t('notStated') : num(s.estimatedClientsPerFte),
              ],
            ]}
          />
          <table>
            <caption>{t('staffing')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('fte')}</th>
              </tr>
            </thead>
            <tbody>
              {s.fte.map((l, i) => (
                <tr key={i}>
                  <td>{word('Org', l.org)}</td>
                  <td>{l.title}</td>
                  <td>{num(l.fte)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('total')}
                </th>
                <td>{num(s.totalFte)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </section>
  );
}
