/** The contract's string limits; a longer value would get the whole batch refused. */
export const LIMITS = {
  message: 16_384,
  exceptionValue: 8_192,
  exceptionType: 256,
  filename: 1_024,
  function: 512,
  component: 128,
  action: 256,
  url: 4_096,
  userAgent: 1_024,
  tagKey: 64,
  tagValue: 256,
  tags: 64,
  frames: 250,
  chain: 16,
} as const;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
