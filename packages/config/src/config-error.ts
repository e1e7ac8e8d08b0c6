/** A configuration that cannot start a service: every problem, each naming its key and where it came from. */
export class ConfigError extends Error {
  readonly code = 'FL_ERR_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}
