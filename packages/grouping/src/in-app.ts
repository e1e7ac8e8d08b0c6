import type { StackFrame } from '@faultline/contracts';

// Library and runtime code: node_modules, Python's package folders, Node internals, native frames.
const NOT_IN_APP =
  /(?:^|[/\\])(?:node_modules|site-packages|dist-packages)[/\\]|^node:|^internal[/\\]|^<anonymous>$|^native$|^\[native code\]$/;

/**
 * SDKs mark in-app frames; producers writing to Kafka directly often leave `inApp` out, so
 * an unmarked frame counts as in-app unless its path says it belongs to a library or runtime.
 */
export function isInApp(frame: StackFrame): boolean {
  if (frame.inApp !== undefined) return frame.inApp;
  const path = frame.absPath ?? frame.filename;
  return path !== undefined && !NOT_IN_APP.test(path);
}
