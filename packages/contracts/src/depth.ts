interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | undefined;
  key: string;
}

/**
 * The JSON pointer of the first value nested deeper than `maxDepth` (the top level is depth 1),
 * or undefined. Iterative, so a hostile `[[[[...` cannot overflow the stack; the pointer is
 * built only when something is too deep, since every decoded message passes through here.
 */
export function findTooDeep(value: unknown, maxDepth: number): string | undefined {
  const stack: Visit[] = [{ value, depth: 1, parent: undefined, key: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth > maxDepth) return pointerOf(item) || '/';
    for (const key in item.value) {
      if (!Object.hasOwn(item.value, key)) continue;
      const child = (item.value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: item.depth + 1, parent: item, key });
    }
  }
  return undefined;
}

function pointerOf(item: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = item; at?.parent !== undefined; at = at.parent)
    keys.push(escapePointer(at.key));
  return keys.length === 0 ? '' : `/${keys.reverse().join('/')}`;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
