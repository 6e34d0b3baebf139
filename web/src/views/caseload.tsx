// The caseload: active clients of the official's areas, filtered by a worklist (plan or review overdue or
// due within 14 days) or to the under-30s. Opening a client goes through the look-up, which asks why.
import { useEffect, useState } from 'preact/hooks';
import { gql, type Answer } from '../api.ts';
import { CaseloadDocument, type CaseloadDue, type CaseloadQuery } from '../gql/graphql.ts';
import { enumValues, fiDate, t, word } from '../i18n.ts';
import { go, lookupHetu } from '../route.ts';
import { session } from '../session.ts';
import { AreaSelect, Problems } from './common.tsx';

type Page = CaseloadQuery;
type Node = Page['caseload']['nodes'][number];

export function Caseload() {
  const areas = session.value?.persona.areas ?? [];
  const [area, setArea] = useState(areas[0] ?? '');
  const [due, setDue] = useState('');
  const [youth, setYouth] = useState(false);
  const [answer, setAnswer] = useState<Answer<Page> | null>(null);
  const [nodes, setNodes] = useState<Node[]>([]);

  async function load(after?: string | null) {
    const a = await gql(
      CaseloadDocument,
      {
        area: area || null,
        due: (due || null) as CaseloadDue | null,
        youth: youth ? true : null,
        after: after ?? null,
      },
      { purpose: 'COORDINATION' },
    );
    setAnswer(a);
    setNodes((prev) => (after ? [...prev, ...(a.data?.caseload.nodes ?? [])] : (a.data?.caseload.nodes ?? [])));
  }
  useEffect(() => {
    void load();
  }, [area, due, youth]);

  const open = (hetu: string) => {
    lookupHetu.value = hetu;
    go('lookup');
  };
  const page = answer?.data?.caseload;
  return (
    <section aria-labelledby="caseload-title">
      <h1 id="caseload-title">{t('caseload')}</h1>
      <div class="filters">
        <AreaSelect areas={areas} value={area} onChange={setArea} />
        <label>
          {t('worklist')}
          <select value={due} onChange={(e) => setDue(e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {enumValues('Due').map((d) => (
              <option key={d} value={d}>
                {word('Due', d)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={youth} onChange={(e) => setYouth(e.currentTarget.checked)} />
          {t('youth')}
        </label>
      </div>
      {answer && <Problems answer={answer} />}
      {!answer && <p role="status">{t('loading')}</p>}
      {page && (
        <>
          <p role="status">
            {page.totalCount} {t('clients')}
          </p>
          {nodes.length === 0 ? (
            <p>{t('noClients')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('hetu')}</th>
                  <th scope="col">{t('planDeadline')}</th>
                  <th scope="col">{t('nextReview')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((n) => {
                  const name = n.joint?.identity ? `${n.joint.identity.lastName}, ${n.joint.identity.firstName}` : '—';
                  return (
                    <tr key={n.hetu}>
                      <td>{name}</td>
                      <td>{n.hetu}</td>
                      <td>{fiDate(n.joint?.customership?.planDeadline)}</td>
                      <td>{fiDate(n.joint?.plan?.nextReviewDue)}</td>
                      <td>
                        <button type="button" onClick={() => open(n.hetu)} aria-label={`${t('open')}: ${name}`}>
                          {t('open')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {page.pageInfo.hasNextPage && (
            <button type="button" onClick={() => load(page.pageInfo.endCursor)}>
              {t('more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
