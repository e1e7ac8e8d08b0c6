/**
 * Linear-time checks by work done: the CPU time this process spent (process.cpuUsage, user +
 * system, not the wall clock, so other processes on the machine do not count) on the same
 * function over a small and a large input, compared within one run. Linear code grows about
 * as much as its input; a backtracking pattern grows by a power of it.
 */
export function cpuGrowth(work: (input: string) => unknown, small: string, large: string): number {
  // Enough repetitions that the small input's share is well above the clock's resolution.
  let repeat = 1;
  while (cpuMicros(() => work(small), repeat) < 2_000 && repeat < 1 << 16) repeat *= 2;
  return (
    cheapest(() => cpuMicros(() => work(large), repeat)) /
    cheapest(() => cpuMicros(() => work(small), repeat))
  );
}

/** The allowance over the input's growth: cache effects and noise, never a power of the size. */
export const LINEAR_SLACK = 3;

/** `unit` repeated to `length` characters: a pattern's worst input is its own prefix, over and over. */
export function bait(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function cpuMicros(run: () => unknown, repeat: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < repeat; i++) run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

function cheapest(measure: () => number, runs = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, measure());
  return best;
}
