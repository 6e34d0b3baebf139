// Cost shares: a year's costs of the multi-sectoral service shared between the parties by the area's
// cooperation agreement (act 381/2023 §10). The analyst gives the year's figures; the gateway applies the
// agreement's rules and says which it applied.
import { useState } from 'preact/hooks';
import { gql, type Answer } from '../api.ts';
import { CostSharesDocument, type CostSharesQuery, type Org } from '../gql/graphql.ts';
import { t, word } from '../i18n.ts';
import { session } from '../session.ts';
import { AreaSelect, Problems } from './common.tsx';

const PARTIES = ['employment', 'wellbeing', 'kela'] as const satisfies readonly Org[];
const euros = (v: number) => v.toLocaleString('fi-FI', { style: 'currency', currency: 'EUR' });
const pct = (v: number) => `${(v * 100).toLocaleString('fi-FI', { maximumFractionDigits: 1 })} %`;
/** A euro figure as typed, with a decimal comma or point. */
const amount = (text: string) => Number(text.replace(/\s/g, '').replace(',', '.') || '0');

function Figure({
  id,
  label,
  value,
  onInput,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <input id={id} inputMode="decimal" required value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </>
  );
}

export function Costs() {
  const areas = session.value?.persona.areas ?? [];
  const [area, setArea] = useState(areas[0] ?? '');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [leadPay, setLeadPay] = useState('');
  const [runningCosts, setRunning] = useState('');
  const [developmentDays, setDev] = useState('');
  const [registrants, setRegistrants] = useState<Record<string, string>>({});
  const [staffCosts, setStaffCosts] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<Answer<CostSharesQuery> | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    const figures = {
      leadPay: amount(leadPay),
      runningCosts: amount(runningCosts),
      developmentDays: amount(developmentDays),
      registrants: PARTIES.map((org) => ({ org, count: Math.trunc(Number(registrants[org] || '0')) })),
      // Each party pays its own staff: given, they appear in its total; left empty, they count as none.
      staffCosts: PARTIES.filter((org) => staffCosts[org]?.trim()).map((org) => ({
        org,
        amount: amount(staffCosts[org]!),
      })),
    };
    setAnswer(await gql(CostSharesDocument, { area, year: Number(year), figures }, { purpose: 'STATISTICS' }));
    setBusy(false);
  }
  const c = answer?.data?.costShares;
  return (
    <section aria-labelledby="costs-title">
      <h1 id="costs-title">{t('costShares')}</h1>
      <p>{t('costIntro')}</p>
      <form onSubmit={submit} class="card" aria-labelledby="costs-title">
        <AreaSelect areas={areas} value={area} onChange={setArea} />
        <label for="cost-year">{t('year')}</label>
        <input
          id="cost-year"
          type="number"
          required
          min={2025}
          max={2100}
          value={year}
          onInput={(e) => setYear(e.currentTarget.value)}
        />
        <Figure id="cost-lead" label={`${t('leadPay')} (€)`} value={leadPay} onInput={setLeadPay} />
        <Figure id="cost-running" label={`${t('runningCosts')} (€)`} value={runningCosts} onInput={setRunning} />
        <Figure id="cost-dev" label={`${t('developmentDays')} (€)`} value={developmentDays} onInput={setDev} />
        <fieldset>
          <legend>{t('registrants')}</legend>
          {PARTIES.map((org) => (
            <div key={org}>
              <label for={`cost-reg-${org}`}>{word('Org', org)}</label>
              <input
                id={`cost-reg-${org}`}
                type="number"
                min={0}
                step={1}
                value={registrants[org] ?? ''}
                onInput={(e) => setRegistrants((r) => ({ ...r, [org]: e.currentTarget.value }))}
              />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('staffCosts')}</legend>
          {PARTIES.map((org) => (
            <div key={org}>
              <label for={`cost-staff-${org}`}>{word('Org', org)} (€)</label>
              <input
                id={`cost-staff-${org}`}
                inputMode="decimal"
                value={staffCosts[org] ?? ''}
                onInput={(e) => setStaffCosts((r) => ({ ...r, [org]: e.currentTarget.value }))}
              />
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('compute')}
        </button>
      </form>
      {answer && <Problems answer={answer} />}
      {c && (
        <table>
          <caption>
            {t('costShares')} {c.year}: {t('commonRule')} {word('CostSharingBasis', c.commonBasis)};{' '}
            {t('developmentDaysRule')} {word('CostSharingBasis', c.developmentDaysBasis)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('party')}</th>
              <th scope="col">{t('staffCost')}</th>
              <th scope="col">{t('commonShare')}</th>
              <th scope="col">{t('common')}</th>
              <th scope="col">{t('devShare')}</th>
              <th scope="col">{t('developmentDays')}</th>
              <th scope="col">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {c.parties.map((p) => (
              <tr key={p.org}>
                <th scope="row">{word('Org', p.org)}</th>
                <td>{euros(p.staff)}</td>
                <td>{pct(p.commonShare)}</td>
                <td>{euros(p.common)}</td>
                <td>{pct(p.developmentDayShare)}</td>
                <td>{euros(p.developmentDays)}</td>
                <td>{euros(p.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={6}>
                {t('total')}
              </th>
              <td>{euros(c.total)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
