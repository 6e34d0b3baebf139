// Finnish personal identity code (henkilötunnus), docs/LAW.md rule 21.
// The eleven characters are stored as given: the century sign is part of the identity,
// so `150385-9013` and `150385Y9013` are two different people.

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  U: 1900,
  V: 1900,
  W: 1900,
  X: 1900,
  Y: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};
const FORMAT = /^(\d{2})(\d{2})(\d{2})([-+UVWXYABCDEF])(\d{3})([0-9A-Y])$/;

export type HetuProblem = 'FORMAT' | 'CENTURY_SIGN' | 'DATE' | 'INDIVIDUAL_NUMBER' | 'CHECKSUM';

export interface ParsedHetu {
  hetu: string;
  birthDate: string; // YYYY-MM-DD
  individualNumber: number;
  /** 900–999: never issued to a real person; the only numbers generated data may use. */
  isTestRange: boolean;
}

export function checkCharacter(nineDigits: string): string {
  return CHECK_CHARS[Number(nineDigits) % 31]!;
}

export function parseHetu(input: string): { ok: true; value: ParsedHetu } | { ok: false; problem: HetuProblem } {
  if (typeof input !== 'string' || input.length !== 11) return { ok: false, problem: 'FORMAT' };
  const sign = input[6]!;
  if (!(sign in CENTURY)) return { ok: false, problem: /[A-Z+-]/.test(sign) ? 'CENTURY_SIGN' : 'FORMAT' };
  const m = FORMAT.exec(input);
  if (!m) return { ok: false, problem: 'FORMAT' };
  const [, dd = '', mm = '', yy = '', , nnn = '', check = ''] = m;
  const year = CENTURY[sign]! + Number(yy);
  const day = Number(dd);
  const month = Number(mm);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: 'DATE' };
  }
  const individualNumber = Number(nnn);
  if (individualNumber < 2) return { ok: false, problem: 'INDIVIDUAL_NUMBER' };
  if (checkCharacter(`${dd}${mm}${yy}${nnn}`) !== check) return { ok: false, problem: 'CHECKSUM' };
  return {
    ok: true,
    value: {
      hetu: input,
      birthDate: date.toISOString().slice(0, 10),
      individualNumber,
      isTestRange: individualNumber >= 900,
    },
  };
}

export const isValidHetu = (input: string): boolean => parseHetu(input).ok;

/** Builds a valid hetu; used by the synthetic data generator (individual numbers 900–999 only). */
export function makeHetu(birthDate: string, individualNumber: number, centurySign?: string): string {
  const [y, m, d] = birthDate.split('-');
  const year = Number(y);
  const sign = centurySign ?? (year >= 2000 ? 'A' : year >= 1900 ? '-' : '+');
  const nnn = String(individualNumber).padStart(3, '0');
  const digits = `${d}${m}${y!.slice(2)}${nnn}`;
  return `${d}${m}${y!.slice(2)}${sign}${nnn}${checkCharacter(digits)}`;
}

/** Whole years of age on a date (YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
