// Figures for analysts and the steering group: statistics as a table and a chart (suppressed cells shown
// as suppressed, never as zero), and staffing against the agreement. The chart library loads only here.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, type Answer } from '../api.ts';
import { enumValues, t, word } from '../i18n.ts';
import { STATISTICS } from '../operations.ts';
import { session } from '../session.ts';
import { Problems } from './common.tsx';

type Row = {
  key: { dimension: string; value: string }[];
  clients: number | null;
  started: number | null;
  ended: number | null;
  planOnTimeShare: number | null;
  reviewsOnTimeShare: number | null;
  medianDaysToPlan: number | null;
  suppressed: boolean;
};
interface Stats {
  statistics: { rows: Row[]; total: Row } | null;
  staffing: { activeClients: number; totalFte: number; clientsPerFte: number } | null;
}

const pct = (v: number | null) => (v === null ? '' : `${Math.round(v * 100)} %`);
const num = (v: number | null) => (v === null ? '' : v.toLocaleString('fi-FI'));

function Chart({ rows }: { rows: Row[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: { destroy(): void } | undefined;
    const shown = rows.filter((r) => !r.suppressed && r.clients !== null);
    void import('./chart.ts').then(({ barChart }) => {
      if (box.current)
        plot = barChart(
          box.current,
          shown.map((r) => r.key.map((k) => k.value).join(' / ')),
          shown.map((r) => r.clients ?? 0),
        );
    });
    return () => plot?.destroy();
  }, [rows]);
  return <div ref={box} role="img" aria-label={t('chartLabel')} class="chart" />;
}

export function Analyst() {
  const areas = session.value?.persona.areas ?? [];
  const [area, setArea] = useState(areas[0] ?? '');
  const [groupBy, setGroupBy] = useState('MUNICIPALITY');
  const [from, setFrom] = useState(`${new Date().getFullYear()}-01-01`);
  const [answer, setAnswer] = useState<Answer<Stats> | null>(null);
  useEffect(() => {
    if (area)
      void gql<Stats>(STATISTICS, { area, from, groupBy: [groupBy] }, { purpose: 'STATISTICS' }).then(setAnswer);
  }, [area, groupBy, from]);
  const stats = answer?.data?.statistics;
  const staffing = answer?.data?.staffing;
  const cell = (r: Row, v: string) => (r.suppressed ? <span class="suppressed">{t('suppressed')}</span> : v);
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">{t('statistics')}</h1>
      <div class="filters">
        <label>
          {t('area')}
          <select value={area} onChange={(e) => setArea(e.currentTarget.value)}>
            {areas.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          {t('groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value)}>
            {enumValues('Dimension').map((d) => (
              <option key={d} value={d}>
                {word('Dimension', d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('period')}
          <input type="month" value={from.slice(0, 7)} onChange={(e) => setFrom(`${e.currentTarget.value}-01`)} />
        </label>
      </div>
      {answer ? <Problems answer={answer} /> : <p role="status">{t('loading')}</p>}
      {stats && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{word('Dimension', groupBy)}</th>
                <th scope="col">{t('clients')}</th>
                <th scope="col">{t('started')}</th>
                <th scope="col">{t('ended')}</th>
                <th scope="col">{t('planOnTime')}</th>
                <th scope="col">{t('reviewsOnTime')}</th>
                <th scope="col">{t('medianDays')}</th>
              </tr>
            </thead>
            <tbody>
              {[...stats.rows, stats.total].map((r, i) => (
                <tr key={i} class={r.suppressed ? 'is-suppressed' : undefined}>
                  <th scope="row">{i === stats.rows.length ? t('total') : r.key.map((k) => k.value).join(' / ')}</th>
                  <td>{cell(r, num(r.clients))}</td>
                  <td>{cell(r, num(r.started))}</td>
                  <td>{cell(r, num(r.ended))}</td>
                  <td>{cell(r, pct(r.planOnTimeShare))}</td>
                  <td>{cell(r, pct(r.reviewsOnTimeShare))}</td>
                  <td>{cell(r, num(r.medianDaysToPlan))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Chart rows={stats.rows} />
        </>
      )}
      {staffing && (
        <>
          <h2>{t('staffing')}</h2>
          <dl>
            <div>
              <dt>{t('activeClients')}</dt>
              <dd>{num(staffing.activeClients)}</dd>
            </div>
            <div>
              <dt>{t('totalFte')}</dt>
              <dd>{num(staffing.totalFte)}</dd>
            </div>
            <div>
              <dt>{t('clientsPerFte')}</dt>
              <dd>{num(Math.round(staffing.clientsPerFte * 10) / 10)}</dd>
            </div>
            <div>
              <dt>{t('ftePerClient')}</dt>
              <dd>
                {staffing.activeClients
                  ? num(Math.round((staffing.totalFte / staffing.activeClients) * 1000) / 1000)
                  : ''}
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
