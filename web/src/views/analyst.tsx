// Figures for analysts and the steering group: statistics as a table and a chart (suppressed cells shown
// as suppressed, never as zero). The chart library loads only here. Staffing and cost shares have views of
// their own (staffing.tsx, costs.tsx).
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, type Answer } from '../api.ts';
import { StatisticsDocument, type StatDimension, type StatisticsQuery } from '../gql/graphql.ts';
import { enumValues, lang, statValue, t, word } from '../i18n.ts';
import { session } from '../session.ts';
import { AreaSelect, Problems } from './common.tsx';

type Row = StatisticsQuery['statistics']['rows'][number];
type Total = StatisticsQuery['statistics']['total'];

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
          shown.map((r) => r.key.map((k) => statValue(k.dimension, k.value)).join(' / ')),
          shown.map((r) => r.clients ?? 0),
          { valueLabel: t('clientCount'), locale: 'fi-FI' },
        );
    });
    return () => plot?.destroy();
  }, [rows, lang.value]);
  return <div ref={box} role="img" aria-label={t('chartLabel')} class="chart" />;
}

export function Analyst() {
  const areas = session.value?.persona.areas ?? [];
  const [area, setArea] = useState(areas[0] ?? '');
  const [groupBy, setGroupBy] = useState('MUNICIPALITY');
  const [from, setFrom] = useState(`${new Date().getFullYear()}-01-01`);
  const [answer, setAnswer] = useState<Answer<StatisticsQuery> | null>(null);
  useEffect(() => {
    if (area)
      void gql(StatisticsDocument, { area, from, groupBy: [groupBy as StatDimension] }, { purpose: 'STATISTICS' }).then(
        setAnswer,
      );
  }, [area, groupBy, from]);
  const stats = answer?.data?.statistics;
  const cell = (r: Row | Total, v: string) => (r.suppressed ? <span class="suppressed">{t('suppressed')}</span> : v);
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">{t('statistics')}</h1>
      <div class="filters">
        <AreaSelect areas={areas} value={area} onChange={setArea} />
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
              {[...stats.rows, stats.total].map((r: Row | Total, i) => (
                <tr key={i} class={r.suppressed ? 'is-suppressed' : undefined}>
                  <th scope="row">
                    {'key' in r ? r.key.map((k) => statValue(k.dimension, k.value)).join(' / ') : t('total')}
                  </th>
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
    </section>
  );
}
