/** A rules document that cannot be used: every problem, each naming the rule and field. */
export class RulesError extends Error {
  readonly code = 'FL_ERR_RULES';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid rules in ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RulesError';
  }
}
