import { LIMITS, truncate } from './limits.js';
import type { Frame } from './types.js';

// V8 (Chromium, Node): "    at fn (file:1:2)", "    at file:1:2", "    at async fn (file:1:2)"
const V8_FRAME = /^\s*at (?:(?:async )?(.+?) \((.+?):(\d+):(\d+)\)|(?:async )?(.+?):(\d+):(\d+))\s*$/;
// SpiderMonkey and JavaScriptCore: "fn@file:1:2", "@file:1:2"
const GECKO_FRAME = /^\s*(.*?)@(.+?):(\d+):(\d+)\s*$/;

function frame(fn: string | undefined, filename: string, line: string, col: string): Frame {
  const result: Frame = {
    filename: truncate(filename, LIMITS.filename),
    lineno: Number(line),
    colno: Number(col),
    inApp: isInApp(filename),
  };
  if (fn) result.function = truncate(fn, LIMITS.function);
  return result;
}

/** Library and runtime code is not the application's: grouping skips those frames. */
export function isInApp(filename: string): boolean {
  return !(
    filename.includes('/node_modules/') ||
    filename.startsWith('node:') ||
    filename === 'native' ||
    filename.startsWith('<anonymous>')
  );
}

/**
 * Frames from an `Error.stack` string, oldest call first (the contract's order), keeping the
 * frames nearest the throw when there are more than the contract allows. Lines that are not
 * frames (the message, "<anonymous>" without a position) are skipped.
 */
export function parseStack(stack: string | undefined): Frame[] {
  if (!stack) return [];
  const frames: Frame[] = [];
  for (const line of stack.split('\n')) {
    const v8 = V8_FRAME.exec(line);
    if (v8) {
      frames.push(
        v8[2] !== undefined
          ? frame(v8[1], v8[2], v8[3] as string, v8[4] as string)
          : frame(undefined, v8[5] as string, v8[6] as string, v8[7] as string),
      );
      continue;
    }
    const gecko = GECKO_FRAME.exec(line);
    if (gecko) frames.push(frame(gecko[1], gecko[2] as string, gecko[3] as string, gecko[4] as string));
  }
  return frames.slice(0, LIMITS.frames).reverse();
}
