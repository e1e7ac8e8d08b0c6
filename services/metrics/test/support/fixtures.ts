// The builders are shared with the resolution service's tests, which read the same tables.
export * from '../../../../test/support/history-fixtures.js';
