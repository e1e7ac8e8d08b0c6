/**
 * The JSON pointer of the first value nested deeper than `maxDepth` (the top level is depth 1),
 * or undefined. Iterative, so a hostile `[[[[...` cannot overflow the stack.
 */
export function findTooDeep(value: unknown, maxDepth: number): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 1, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth > maxDepth) return item.path || '/';
    for (const [key, child] of Object.entries(item.value)) {
      stack.push({ value: child, depth: item.depth + 1, path: `${item.path}/${escapePointer(key)}` });
    }
  }
  return undefined;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
