import { RE2JS } from 're2js';

/** The longest text a pattern looks at by default: enough for any message a rule is written for. */
export const DEFAULT_MAX_INPUT = 16 * 1024;

export interface LinearPatternOptions {
  /** @default true: the runbook's patterns are all case-insensitive. */
  ignoreCase?: boolean;
  /** Only the first `maxInput` UTF-16 units are examined. @default DEFAULT_MAX_INPUT */
  maxInput?: number;
}

/** A pattern the linear-time engine cannot run (back-references, look-arounds) or a syntax error. */
export class PatternSyntaxError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`pattern ${JSON.stringify(source)} cannot run in linear time: ${reason}`);
    this.name = 'PatternSyntaxError';
  }
}

/**
 * A regular expression matched in time linear in the text (RE2's automata, through re2js),
 * for every pattern that runs on event text: events are hostile input, and V8's backtracking
 * engine takes polynomial or exponential time on patterns as plain as `a.*b.*c`.
 * RE2 syntax: no back-references or look-arounds; everything else the rules use is the same.
 */
export class LinearPattern {
  readonly #re: RE2JS;
  readonly #maxInput: number;

  constructor(
    readonly source: string,
    options: LinearPatternOptions = {},
  ) {
    try {
      this.#re = RE2JS.compile(source, options.ignoreCase === false ? 0 : RE2JS.CASE_INSENSITIVE);
    } catch (error) {
      throw new PatternSyntaxError(source, reasonOf(error));
    }
    this.#maxInput = options.maxInput ?? DEFAULT_MAX_INPUT;
  }

  /** Whether the pattern occurs anywhere in the first `maxInput` units of `text`. */
  test(text: string): boolean {
    return this.#re.test(text.length > this.#maxInput ? text.slice(0, this.#maxInput) : text);
  }
}

/** re2js says `error parsing regexp: missing closing ): \`(?i)a(b\``: keep the reason, not its flag prefix. */
function reasonOf(error: unknown): string {
  return String((error as Error).message)
    .replace(/^error parsing regexp: /, '')
    .replace('`(?i)', '`');
}
