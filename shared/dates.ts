// Calendar arithmetic on YYYY-MM-DD dates, as the law counts months (§4.3 three months, §6 reviews).
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  return addMonths(date, 12 * years);
}

// Building a formatter costs far more than using one: it is on every request's path.
const HELSINKI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' });

/**
 * The last minute formatted and its date. Formatting is tens of microseconds, paid by every subgraph of
 * every request for the same few dates; Helsinki's offset is whole hours, so its date never changes
 * within a minute.
 */
let lastMinute = { minute: Number.NaN, date: '' };

/** The Finnish calendar date of an instant. */
export function helsinkiDate(at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute.minute) lastMinute = { minute, date: HELSINKI.format(at) };
  return lastMinute.date;
}

/** A timestamp for a seeded date: office hours in Finland. */
export const officeHours = (date: string): Date => new Date(`${date}T08:00:00Z`);

export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** A GraphQL Date input (graphql-scalars parses it to a Date at UTC midnight) as YYYY-MM-DD. */
export const isoDateOf = (value: Date | string): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : value;
