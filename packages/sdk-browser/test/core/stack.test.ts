import { describe, expect, it } from 'vitest';
import { exceptionChain, messageOf } from '../../src/core/exception.js';
import { parseStack } from '../../src/core/stack.js';

describe('parseStack', () => {
  it.each([
    {
      name: 'V8 (Chromium, Node)',
      stack: [
        'Error: boom',
        '    at handler (/app/src/routes.ts:10:5)',
        '    at async Layer.handle (/app/node_modules/express/lib/layer.js:95:5)',
        '    at /app/src/main.ts:3:1',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ].join('\n'),
      frames: [
        {
          filename: 'node:internal/process/task_queues',
          function: 'process.processTicksAndRejections',
          lineno: 95,
          colno: 5,
          inApp: false,
        },
        { filename: '/app/src/main.ts', lineno: 3, colno: 1, inApp: true },
        {
          filename: '/app/node_modules/express/lib/layer.js',
          function: 'Layer.handle',
          lineno: 95,
          colno: 5,
          inApp: false,
        },
        { filename: '/app/src/routes.ts', function: 'handler', lineno: 10, colno: 5, inApp: true },
      ],
    },
    {
      name: 'SpiderMonkey and JavaScriptCore',
      stack: 'onClick@https://shop.example/app.js:1:200\n@https://shop.example/app.js:2:3\n',
      frames: [
        { filename: 'https://shop.example/app.js', lineno: 2, colno: 3, inApp: true },
        { filename: 'https://shop.example/app.js', function: 'onClick', lineno: 1, colno: 200, inApp: true },
      ],
    },
    { name: 'no stack', stack: undefined, frames: [] },
  ])('$name: oldest call first', ({ stack, frames }) => {
    expect(parseStack(stack)).toEqual(frames);
  });

  it('keeps the 250 frames nearest the throw', () => {
    const stack = [
      'Error: deep',
      ...Array.from({ length: 300 }, (_, i) => `    at f${i} (/app/a.js:${i + 1}:1)`),
    ].join('\n');
    const frames = parseStack(stack);
    expect(frames).toHaveLength(250);
    expect(frames.at(-1)?.function).toBe('f0');
    expect(frames[0]?.function).toBe('f249');
  });
});

describe('exceptionChain', () => {
  it('puts the root cause first and the mechanism on the caught error', () => {
    const root = new TypeError('socket closed');
    const caught = new Error('Database connection failed', { cause: root });
    const chain = exceptionChain(caught, { type: 'express', handled: true });
    expect(chain.map((e) => [e.type, e.value, e.mechanism])).toEqual([
      ['TypeError', 'socket closed', undefined],
      ['Error', 'Database connection failed', { type: 'express', handled: true }],
    ]);
    expect(chain[1]?.frames?.at(-1)?.filename).toContain('stack.test.ts');
  });

  it.each([
    { name: 'a string', thrown: 'plain text', value: 'plain text' },
    { name: 'an object', thrown: { code: 42 }, value: '{"code":42}' },
    { name: 'undefined', thrown: null, value: 'null' },
  ])('describes $name that was thrown', ({ thrown, value }) => {
    expect(exceptionChain(thrown)).toEqual([{ type: 'Error', value }]);
    expect(messageOf(thrown)).toBe(value);
  });

  it('stops at a cycle of causes', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(exceptionChain(b).map((e) => e.value)).toEqual(['a', 'b']);
  });
});
