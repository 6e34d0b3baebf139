// Reading a configuration file so that every mistake names its file and line: the necessity matrix,
// the statistics settings and the cooperation agreements all stop the start rather than run on a
// wrong rule or figure.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { compactText } from './compact-text.ts';

export class ConfigError extends Error {}

export class ConfigReader {
  readonly root: Node | null;
  private readonly lines = new LineCounter();

  constructor(
    text: string,
    private readonly source: string,
    /** the error class a caller's own tests and callers expect */
    private readonly ErrorClass: new (message: string) => Error = ConfigError,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lines, keepSourceTokens: true });
    if (doc.errors.length) throw new ErrorClass(`${source}: ${doc.errors[0]!.message}`);
    this.root = doc.contents as Node | null;
  }

  fail(node: Node | null | undefined, message: string): never {
    const line = node?.range ? this.lines.linePos(node.range[0]).line : undefined;
    throw new this.ErrorClass(`${this.source}${line ? ` line ${line}` : ''}: ${message}`);
  }

  /** A mapping with only the given keys; `required` ones must be present. */
  map(
    node: Node | null | undefined,
    what: string,
    keys: { required: readonly string[]; optional?: readonly string[] },
  ): YAMLMap<unknown, unknown> {
    if (!isMap(node)) return this.fail(node, `${what} must be a mapping`);
    const allowed = [...keys.required, ...(keys.optional ?? [])];
    for (const pair of node.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(name))
        this.fail(pair.key as Node, `${what}: unknown key "${name}" (expected ${allowed.join(', ')})`);
    }
    for (const key of keys.required) if (!node.has(key)) this.fail(node, `${what}: \`${key}\` is missing`);
    return node;
  }

  node(map: YAMLMap<unknown, unknown>, key: string): Node | undefined {
    return map.get(key, true) as Node | undefined;
  }

  seq(node: Node | null | undefined, what: string): YAMLSeq<unknown> {
    if (!isSeq(node)) return this.fail(node, `${what} must be a list`);
    return node;
  }

  string(node: Node | null | undefined, what: string): string {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim())
      return this.fail(node, `${what} must be a non-empty text`);
    return compactText(node.value.trim());
  }

  oneOf<T extends string>(node: Node | null | undefined, what: string, allowed: readonly T[]): T {
    const value = this.string(node, what);
    if (!(allowed as readonly string[]).includes(value))
      this.fail(node, `${what}: "${value}" is not one of ${allowed.join(', ')}`);
    return value as T;
  }

  number(node: Node | null | undefined, what: string, check: (n: number) => string | null = () => null): number {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value))
      return this.fail(node, `${what} must be a number`);
    const problem = check(node.value);
    if (problem) this.fail(node, `${what} ${problem}`);
    return node.value;
  }

  isNull(node: Node | null | undefined): boolean {
    return node === undefined || node === null || (isScalar(node) && node.value === null);
  }
}

export const integerIn = (min: number, max: number) => (n: number) =>
  Number.isInteger(n) && n >= min && n <= max ? null : `must be a whole number from ${min} to ${max}`;

/** Figures kept in hundredths (FTE, percentages), so that sums and shares are exact. */
export const hundredths = (n: number): number | null => {
  const h = Math.round(n * 100);
  return Math.abs(h - n * 100) < 1e-6 ? h : null;
};
