// Cost sharing as the cooperation agreement sets it (act 381/2023 §10): each party pays its own
// staff; the common costs (the leading person's pay and running costs) are split between the
// employment authority and the wellbeing area by the agreement's rule; development days by the number
// of each party's registrants, Kela included. Amounts are kept in cents and apportioned by largest
// remainder, so that the shares always add up to the figures to the cent.
import { AUTHORITIES, type Authority } from '../../../shared/vocabulary.ts';
import { COMMON_PARTIES, type Agreement, type Weights } from './agreements.ts';

export interface CostFigures {
  /** euros, each for the year */
  leadPay: number;
  runningCosts: number;
  developmentDays: number;
  registrants: Partial<Record<Authority, number>>;
  /** each party's own staff costs, which it pays itself */
  staffCosts: Partial<Record<Authority, number>>;
}

export interface PartyShare {
  org: Authority;
  staff: number;
  /** the party's fraction of the common costs */
  commonShare: number;
  common: number;
  developmentDayShare: number;
  developmentDays: number;
  total: number;
}

/** How a cost is divided: by headcount (the act's default), by agreed percentages, or by registrants. */
export type CostSharingBasis = 'HEADCOUNT' | 'AGREED' | 'REGISTRANTS';

export interface CostShares {
  commonRule: string;
  developmentDaysRule: string;
  /** the rules as codes, for a client that words them in its own language */
  commonBasis: CostSharingBasis;
  developmentDaysBasis: CostSharingBasis;
  parties: PartyShare[];
  total: number;
}

export class CostInputError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_EUROS = 1_000_000_000;

export function toCents(euros: number, what: string): number {
  if (!Number.isFinite(euros) || euros < 0 || euros > MAX_EUROS)
    throw new CostInputError('INVALID_AMOUNT', `${what} must be an amount from 0 to ${MAX_EUROS} euros`);
  const cents = Math.round(euros * 100);
  if (Math.abs(cents - euros * 100) > 1e-6)
    throw new CostInputError('INVALID_AMOUNT', `${what} has more than two decimals`);
  return cents;
}

/**
 * Splits `cents` in proportion to whole-number weights; the remainder goes to the largest fractions, ties in `order`.
 */
export function apportion<K extends string>(cents: number, weights: Weights<K>, order: readonly K[]): Weights<K> {
  const sum = order.reduce((s, k) => s + BigInt(weights[k]), 0n);
  const out = {} as Weights<K>;
  if (sum === 0n) {
    if (cents !== 0) throw new Error('nothing to apportion by');
    for (const k of order) out[k] = 0;
    return out;
  }
  const total = BigInt(cents);
  const remainders = order.map((k) => {
    const exact = total * BigInt(weights[k]);
    out[k] = Number(exact / sum);
    return { k, rest: exact % sum };
  });
  let left = cents - order.reduce((s, k) => s + out[k], 0);
  remainders.sort((a, b) => (a.rest === b.rest ? 0 : a.rest > b.rest ? -1 : 1));
  for (const { k } of remainders) {
    if (left === 0) break;
    out[k] += 1;
    left--;
  }
  return out;
}

const percent = (h: number) => `${h / 100}%`;
const fte = (h: number) => `${h / 100} FTE`;

export function shareCosts(agreement: Agreement, figures: CostFigures): CostShares {
  const { common, developmentDays } = agreement.costSharing;
  const commonCents = toCents(figures.leadPay, 'leadPay') + toCents(figures.runningCosts, 'runningCosts');
  const devCents = toCents(figures.developmentDays, 'developmentDays');

  const commonWeights: Weights<'employment' | 'wellbeing'> =
    common.kind === 'headcount'
      ? { employment: agreement.fteHundredths.employment, wellbeing: agreement.fteHundredths.wellbeing }
      : common.percentHundredths;
  const commonRule =
    common.kind === 'headcount'
      ? `headcount (act 381/2023 §10): employment ${fte(commonWeights.employment)}, ` +
        `wellbeing ${fte(commonWeights.wellbeing)}`
      : `agreed: employment ${percent(commonWeights.employment)}, wellbeing ${percent(commonWeights.wellbeing)}`;

  let devWeights: Weights<Authority>;
  let developmentDaysRule: string;
  if (developmentDays.kind === 'registrants') {
    devWeights = { employment: 0, wellbeing: 0, kela: 0 };
    for (const org of AUTHORITIES) {
      const n = figures.registrants[org] ?? 0;
      if (!Number.isInteger(n) || n < 0 || n > 100_000)
        throw new CostInputError(
          'INVALID_REGISTRANTS',
          `registrants of ${org} must be a whole number from 0 to 100000`,
        );
      devWeights[org] = n;
    }
    if (devCents > 0 && AUTHORITIES.every((o) => devWeights[o] === 0)) {
      throw new CostInputError(
        'NO_REGISTRANTS',
        'development days cost money but no party has registrants to share it by',
      );
    }
    developmentDaysRule = `registrants: ${AUTHORITIES.map((o) => `${o} ${devWeights[o]}`).join(', ')}`;
  } else {
    devWeights = developmentDays.percentHundredths;
    developmentDaysRule = `agreed: ${AUTHORITIES.map((o) => `${o} ${percent(devWeights[o])}`).join(', ')}`;
  }

  const commonCentsBy = apportion(commonCents, commonWeights, COMMON_PARTIES);
  const devCentsBy = apportion(devCents, devWeights, AUTHORITIES);
  const commonWeightSum = commonWeights.employment + commonWeights.wellbeing;
  const devWeightSum = AUTHORITIES.reduce((s, o) => s + devWeights[o], 0);

  const parties = AUTHORITIES.map((org): PartyShare & { cents: number } => {
    const staffCents = toCents(figures.staffCosts[org] ?? 0, `staffCosts of ${org}`);
    const commonPart = org === 'kela' ? 0 : commonCentsBy[org];
    const cents = staffCents + commonPart + devCentsBy[org];
    return {
      org,
      staff: staffCents / 100,
      commonShare: org === 'kela' ? 0 : commonWeights[org] / commonWeightSum,
      common: commonPart / 100,
      developmentDayShare: devWeightSum === 0 ? 0 : devWeights[org] / devWeightSum,
      developmentDays: devCentsBy[org] / 100,
      total: cents / 100,
      cents,
    };
  });
  const total = parties.reduce((s, p) => s + p.cents, 0) / 100;
  return {
    commonRule,
    developmentDaysRule,
    commonBasis: common.kind === 'headcount' ? 'HEADCOUNT' : 'AGREED',
    developmentDaysBasis: developmentDays.kind === 'registrants' ? 'REGISTRANTS' : 'AGREED',
    parties: parties.map(({ cents: _, ...p }) => p),
    total,
  };
}
