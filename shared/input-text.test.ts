// Text PostgreSQL cannot store, found in any argument of an operation: literals and variables at any
// depth, named by their path; the same parsed document asked again with other variables (Apollo keeps
// one document per query text, and its arguments are found once) is judged by those variables.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { unstorableArgument } from './input-text.ts';

describe('unstorable argument text', () => {
  const document = parse(
    'mutation ($input: NoteInput!, $reps: [_Any!]!) { note(input: $input, tag: "ok") { id } ' +
      '_entities(representations: $reps) { __typename } }',
  );

  it('names the path of the first text that cannot be stored, in a variable at any depth', () => {
    expect(unstorableArgument(document, { input: { text: 'fine' }, reps: [{ hetu: 'a' }] })).toBeNull();
    expect(unstorableArgument(document, { input: { text: 'nul\u0000' }, reps: [] })).toBe('input.text');
    expect(unstorableArgument(document, { input: {}, reps: [{ hetu: 'a' }, { hetu: 'b\uD800' }] })).toBe(
      'representations[1].hetu',
    );
    // The same document again, with storable values: the earlier finding is not remembered.
    expect(unstorableArgument(document, { input: { list: ['x', 'y'] }, reps: [] })).toBeNull();
  });

  it('finds a literal, and a lone low surrogate', () => {
    expect(unstorableArgument(parse('{ a(text: "x\\u0000") }'), undefined)).toBe('text');
    expect(unstorableArgument(parse('query ($v: String) { a(o: { deep: [$v] }) }'), { v: '\uDC00' })).toBe('o.deep[0]');
  });
});
