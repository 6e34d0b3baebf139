import { describe, it, expect } from 'vitest';
import { ageOn, checkCharacter, isValidHetu, makeHetu, parseHetu, type HetuProblem } from './hetu.ts';

// Computed here rather than with the module's own checkCharacter, so that a wrong table or modulus
// in the module cannot agree with itself.
const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const hetuOf = (ddmmyy: string, sign: string, nnn: string): string =>
  `${ddmmyy}${sign}${nnn}${CHECK[Number(`${ddmmyy}${nnn}`) % 31]}`;

const problemOf = (input: string): HetuProblem | 'OK' => {
  const r = parseHetu(input);
  return r.ok ? 'OK' : r.problem;
};

describe('parseHetu: the fixture persons of docs/CONTRACT.md section 4', () => {
  const fixtures: [string, string, number][] = [
    ['150385-9013', '1985-03-15', 901],
    ['020270-9022', '1970-02-02', 902],
    ['111190-903A', '1990-11-11', 903],
    ['240679-904V', '1979-06-24', 904],
    ['050402A9055', '2002-04-05', 905],
    ['300888-906R', '1988-08-30', 906],
    ['121260-9075', '1960-12-12', 907],
  ];
  it.each(fixtures)('%s is valid, born %s, individual number %i in the test range', (hetu, birthDate, n) => {
    expect(parseHetu(hetu)).toEqual({
      ok: true,
      value: { hetu, birthDate, individualNumber: n, isTestRange: true },
    });
    expect(isValidHetu(hetu)).toBe(true);
  });
});

describe('parseHetu: the century sign is part of the identity (docs/LAW.md rule 21)', () => {
  it('accepts 150385-9013 and 150385Y9013 and returns each unchanged', () => {
    const dash = parseHetu('150385-9013');
    const y = parseHetu('150385Y9013');
    expect(dash).toEqual({
      ok: true,
      value: { hetu: '150385-9013', birthDate: '1985-03-15', individualNumber: 901, isTestRange: true },
    });
    expect(y).toEqual({
      ok: true,
      value: { hetu: '150385Y9013', birthDate: '1985-03-15', individualNumber: 901, isTestRange: true },
    });
    expect(dash.ok && y.ok && dash.value.hetu === y.value.hetu).toBe(false);
  });

  it.each([
    ['+', '1885-03-15'],
    ['-', '1985-03-15'],
    ['U', '1985-03-15'],
    ['V', '1985-03-15'],
    ['W', '1985-03-15'],
    ['X', '1985-03-15'],
    ['Y', '1985-03-15'],
    ['A', '2085-03-15'],
    ['B', '2085-03-15'],
    ['C', '2085-03-15'],
    ['D', '2085-03-15'],
    ['E', '2085-03-15'],
    ['F', '2085-03-15'],
  ])('sign %s gives birth date %s and keeps the sign', (sign, birthDate) => {
    const hetu = hetuOf('150385', sign, '901');
    const r = parseHetu(hetu);
    expect(r).toEqual({ ok: true, value: { hetu, birthDate, individualNumber: 901, isTestRange: true } });
  });
});

describe('parseHetu: each problem is reported', () => {
  it.each([
    ['', 'FORMAT'],
    ['150385-901', 'FORMAT'],
    ['150385-90133', 'FORMAT'],
    ['150385a9013', 'FORMAT'],
    ['111190-903a', 'FORMAT'],
    ['150385 9013', 'FORMAT'],
    [' 150385-9013', 'FORMAT'],
    ['150385-9013 ', 'FORMAT'],
    ['15038509013', 'FORMAT'],
    ['1503X5-9013', 'FORMAT'],
    ['150385-9O13', 'FORMAT'],
    ['150385*9013', 'FORMAT'],
  ] as const)('%j: %s', (input, problem) => {
    expect(problemOf(input)).toBe(problem);
  });

  it.each(['150385G9013', '150385Z9013', '150385T9013'])('%s: CENTURY_SIGN', (input) => {
    expect(problemOf(input)).toBe('CENTURY_SIGN');
  });

  it.each([
    ['310285', '-'], // 31 February
    ['310485', '-'], // 31 April
    ['290223', '-'], // 1923 is not a leap year
    ['290200', '-'], // 1900 is not a leap year
    ['000000', '-'],
    ['001085', '-'], // day 0
    ['150085', '-'], // month 0
    ['151385', '-'], // month 13
    ['320185', '-'],
  ])('%s%s with a correct check character: DATE', (ddmmyy, sign) => {
    expect(problemOf(hetuOf(ddmmyy, sign, '900'))).toBe('DATE');
  });

  it('accepts 29 February of a leap year (1924, 2000)', () => {
    expect(parseHetu(hetuOf('290224', '-', '900'))).toEqual({
      ok: true,
      value: { hetu: '290224-900J', birthDate: '1924-02-29', individualNumber: 900, isTestRange: true },
    });
    expect(parseHetu(hetuOf('290200', 'A', '900'))).toEqual({
      ok: true,
      value: { hetu: '290200A900B', birthDate: '2000-02-29', individualNumber: 900, isTestRange: true },
    });
  });

  it.each(['150385-9014', '150385-9012', '150385-901A', '150385Y9014', '050402A9056', '111190-903B'])(
    '%s: CHECKSUM',
    (input) => {
      expect(problemOf(input)).toBe('CHECKSUM');
    },
  );

  it.each(['000', '001'])('individual number %s with a correct check character: INDIVIDUAL_NUMBER', (nnn) => {
    expect(problemOf(hetuOf('150385', '-', nnn))).toBe('INDIVIDUAL_NUMBER');
  });

  it('individual number 002 is the first issued one; 899 is outside the test range', () => {
    expect(parseHetu(hetuOf('150385', '-', '002'))).toEqual({
      ok: true,
      value: { hetu: '150385-0023', birthDate: '1985-03-15', individualNumber: 2, isTestRange: false },
    });
    const r = parseHetu(hetuOf('150385', '-', '899'));
    expect(r.ok && r.value.isTestRange).toBe(false);
  });

  it('checkCharacter is the nine digits mod 31 in the official alphabet', () => {
    expect(checkCharacter('150385901')).toBe('3');
    expect(checkCharacter('111190903')).toBe('A');
    expect(checkCharacter('240679904')).toBe('V');
    expect(checkCharacter('300888906')).toBe('R');
  });
});

describe('makeHetu', () => {
  it.each([
    ['1885-03-15', 950, '150385+950N'],
    ['1985-03-15', 901, '150385-9013'],
    ['2002-04-05', 905, '050402A9055'],
    ['2000-01-01', 999, '010100A999N'],
    ['1900-12-31', 900, hetuOf('311200', '-', '900')],
    ['1899-12-31', 900, hetuOf('311299', '+', '900')],
  ] as const)('%s #%i → %s, which parses back to the same date and number', (birthDate, n, expected) => {
    const hetu = makeHetu(birthDate, n);
    expect(hetu).toBe(expected);
    expect(parseHetu(hetu)).toEqual({ ok: true, value: { hetu, birthDate, individualNumber: n, isTestRange: true } });
  });

  it('keeps an explicit century sign', () => {
    expect(makeHetu('1985-03-15', 901, 'Y')).toBe('150385Y9013');
    expect(makeHetu('2002-04-05', 905, 'B')).toBe('050402B9055');
  });

  it('every number 900–999 gives a valid test-range hetu in each century', () => {
    for (const birthDate of ['1850-07-01', '1985-03-15', '2024-02-29']) {
      for (let n = 900; n <= 999; n++) {
        const hetu = makeHetu(birthDate, n);
        expect(hetu).toBe(
          hetuOf(
            `${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`,
            birthDate < '1900' ? '+' : birthDate < '2000' ? '-' : 'A',
            String(n),
          ),
        );
        const r = parseHetu(hetu);
        expect(r.ok && r.value).toEqual({ hetu, birthDate, individualNumber: n, isTestRange: true });
      }
    }
  });
});

describe('ageOn', () => {
  it.each([
    ['1985-03-15', '2025-03-15', 40], // birthday today
    ['1985-03-15', '2025-03-14', 39], // the day before
    ['1985-03-15', '2025-03-16', 40],
    ['1985-03-15', '2025-02-28', 39], // earlier month, later day
    ['1985-03-15', '2025-04-01', 40], // later month, earlier day
    ['1985-12-31', '2025-12-30', 39],
    ['1985-12-31', '2025-12-31', 40],
    ['1986-01-01', '2025-12-31', 39],
    ['2002-04-05', '2032-04-04', 29], // still under 30 (youth one-stop service, docs/LAW.md rule 6)
    ['2002-04-05', '2032-04-05', 30],
    ['2004-02-29', '2024-02-29', 20],
    ['2004-02-29', '2023-03-01', 19],
    ['2025-03-15', '2025-03-15', 0],
  ] as const)('born %s, on %s: %i', (birthDate, on, age) => {
    expect(ageOn(birthDate, on)).toBe(age);
  });
});
