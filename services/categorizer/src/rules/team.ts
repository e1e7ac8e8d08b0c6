/**
 * The team that owns a component: the first keyword the component name contains, in table
 * order (so `payment-api` belongs to payment, listed before api); otherwise the fallback.
 */
export function teamForComponent(
  component: string | undefined,
  table: ReadonlyArray<readonly [keyword: string, team: string]>,
  fallback: string,
): string {
  if (component === undefined) return fallback;
  const name = component.toLowerCase();
  return table.find(([keyword]) => name.includes(keyword.toLowerCase()))?.[1] ?? fallback;
}
