// What a statistics row can be grouped by, and the values each dimension takes.
import { END_REASONS } from '../../../shared/vocabulary.ts';

export const DIMENSIONS = ['MUNICIPALITY', 'AGE_GROUP', 'START_MONTH', 'STATUS', 'END_REASON'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Age at the start of the customership. */
export const AGE_GROUPS = ['under-30', '30-49', '50+'] as const;
/** Status at the end of the period. */
export const STATUSES = ['ACTIVE', 'ENDED'] as const;
/** End reason at the end of the period; NONE while the customership goes on. */
export const END_REASON_VALUES = [...END_REASONS, 'NONE'] as const;

const ORDER: Partial<Record<Dimension, readonly string[]>> = {
  AGE_GROUP: AGE_GROUPS,
  STATUS: STATUSES,
  END_REASON: END_REASON_VALUES,
};

/** Rows in a stable, readable order: the closed vocabularies in their own order, the rest by text. */
export function compareValues(dimension: Dimension, a: string, b: string): number {
  const order = ORDER[dimension];
  if (order) {
    const d = (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The most distinct values a dimension can have in one area and period (the query cost estimate). */
export function cardinality(dimension: Dimension, municipalities: number, months: number): number {
  switch (dimension) {
    case 'MUNICIPALITY':
      return municipalities + 1; // a client registered elsewhere
    case 'AGE_GROUP':
      return AGE_GROUPS.length;
    case 'START_MONTH':
      return months;
    case 'STATUS':
      return STATUSES.length;
    case 'END_REASON':
      return END_REASON_VALUES.length;
  }
}
