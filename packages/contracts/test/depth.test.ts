import { describe, expect, it } from 'vitest';
import { findTooDeep } from '../src/depth.js';

const nest = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('findTooDeep', () => {
  it.each([
    { name: 'a scalar', value: 'x', max: 1, expected: undefined },
    { name: 'exactly at the limit', value: nest(3), max: 3, expected: undefined },
    { name: 'one level too deep', value: nest(4), max: 3, expected: '/a/a/a' },
    { name: 'arrays count as levels', value: { list: [[['x']]] }, max: 3, expected: '/list/0/0' },
    { name: 'keys with / and ~ are escaped', value: { 'a/b': { '~': {} } }, max: 2, expected: '/a~1b/~0' },
  ])('$name', ({ value, max, expected }) => {
    expect(findTooDeep(value, max)).toBe(expected);
  });

  it('survives nesting far beyond the call stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(findTooDeep(deep, 32)).toBe(`/${Array(32).fill('0').join('/')}`);
  });
});
