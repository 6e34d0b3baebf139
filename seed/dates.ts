// Calendar arithmetic on day numbers (days since 1970-01-01, UTC). The generator handles millions of
// dates, so formatting is cached and nothing here goes through Intl or the local time zone.

const MS_PER_DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toDay(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`expected a date YYYY-MM-DD, got "${date}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new Error(`not a calendar date: "${date}"`);
  }
  return ms / MS_PER_DAY;
}

// Days from 1950 to 2099 are cached in arrays; others are formatted each time.
const CACHE_FIRST = Date.UTC(1950, 0, 1) / MS_PER_DAY;
const CACHE_SIZE = Date.UTC(2100, 0, 1) / MS_PER_DAY - CACHE_FIRST;
const isoCache: (string | undefined)[] = Array.from({ length: CACHE_SIZE }, () => undefined);
const stampCache: ((string | undefined)[] | undefined)[] = Array.from({ length: CACHE_SIZE }, () => undefined);

const formatDate = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

export function isoDate(day: number): string {
  const i = day - CACHE_FIRST;
  if (i < 0 || i >= CACHE_SIZE) return formatDate(day);
  return (isoCache[i] ??= formatDate(day));
}

/** The day number of a calendar date given as numbers (month 1–12). */
export const dayOf = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / MS_PER_DAY;

export const yearOf = (day: number): number => Number(isoDate(day).slice(0, 4));

/** Month and year steps keep the day of month where it exists and otherwise clamp to the month's end. */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / MS_PER_DAY;
}

/** The last Sunday of a month (0-based), where EU summer time starts (March) and ends (October). */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0) / MS_PER_DAY;
  const weekday = (((last + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return last - weekday;
}

const summerCache = new Map<number, [number, number]>();

/**
 * Helsinki's UTC offset in hours for local daytime on that day (04:00–24:00): summer time runs from
 * the last Sunday of March to the day before the last Sunday of October.
 */
export function helsinkiOffset(day: number): 2 | 3 {
  const year = yearOf(day);
  let range = summerCache.get(year);
  if (!range) {
    range = [lastSunday(year, 2), lastSunday(year, 9)];
    summerCache.set(year, range);
  }
  return day >= range[0] && day < range[1] ? 3 : 2;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const formatStamp = (day: number, localMinutes: number): string => {
  const utc = localMinutes - helsinkiOffset(day) * 60;
  return `${isoDate(day)}T${pad2(Math.floor(utc / 60))}:${pad2(utc % 60)}:00.000Z`;
};

/**
 * An ISO timestamp (UTC, as `Date#toISOString` writes it) for a Helsinki local time of day,
 * 04:00 or later. Whole five-minute times are cached: a large world repeats them millions of times.
 */
export function helsinkiTimestamp(day: number, localMinutes = 600): string {
  const i = day - CACHE_FIRST;
  if (localMinutes % 5 !== 0 || i < 0 || i >= CACHE_SIZE) return formatStamp(day, localMinutes);
  const slots = (stampCache[i] ??= []);
  return (slots[localMinutes / 5] ??= formatStamp(day, localMinutes));
}
