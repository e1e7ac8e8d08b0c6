import type { ErrorEvent } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../src/fingerprint.js';
import { browserFrame, errorEvent, exceptionEvent, nodeFrame, pythonFrame } from '../src/testing/events.js';

const NODE_A = '/srv/shop/releases/20261129053200';
const NODE_B = '/home/deploy/shop-v2.4.1';

function nodeCheckout(
  root: string,
  lines: [number, number, number],
  userId = 'u1',
  value = 'card declined',
): ErrorEvent {
  return exceptionEvent(
    [
      {
        type: 'PaymentError',
        value,
        frames: [
          nodeFrame(
            root,
            'node_modules/.pnpm/express@4.18.2/node_modules/express/lib/router/layer.js',
            'handle',
            95,
          ),
          nodeFrame(root, 'src/routes/checkout.js', 'postCheckout', lines[0]),
          nodeFrame(root, 'src/services/payment.js', 'PaymentService.charge', lines[1]),
          nodeFrame(root, 'src/services/stripe-client.js', 'createCharge', lines[2]),
        ],
      },
    ],
    { userId, component: 'payment' },
  );
}

function nodeTypeError(root: string, property: string, fn = 'renderInvoice'): ErrorEvent {
  return exceptionEvent([
    {
      type: 'TypeError',
      value: `Cannot read properties of undefined (reading '${property}')`,
      frames: [
        nodeFrame(root, 'node:internal/process/task_queues', 'process.processTicksAndRejections'),
        nodeFrame(root, 'src/routes/invoices.js', 'getInvoice', 31),
        nodeFrame(root, 'src/views/invoice.js', fn, 77),
      ],
    },
  ]);
}

const BUILD_1 = 'https://cdn.shop.example/static/js/main.3f9a1c2b.chunk.js';
const BUILD_2 = 'https://cdn2.shop.example/static/js/main.8e7d6c5b.chunk.js?v=2';

function browserError(bundle: string, colno: number, type = 'TypeError', fn = 'onSubmit'): ErrorEvent {
  return exceptionEvent(
    [
      {
        type,
        value: 'e.items is undefined',
        frames: [
          browserFrame(
            'https://cdn.shop.example/static/js/2.11aa22bb.chunk.js',
            'Object.invokeGuardedCallbackDev',
            1,
            9001,
          ),
          browserFrame(bundle, 'CheckoutForm.handleClick', 1, colno),
          browserFrame(bundle, fn, 1, colno + 140),
        ],
        mechanism: { type: 'onerror', handled: false },
      },
    ],
    { source: 'global-handler', request: { url: 'https://shop.example/checkout' } },
  );
}

function viteError(hash: string): ErrorEvent {
  return exceptionEvent([
    {
      type: 'Error',
      value: 'Cart total mismatch',
      frames: [
        browserFrame(`https://shop.example/assets/index-${hash}.js`, 'validateCart'),
        browserFrame(`https://shop.example/assets/index-${hash}.js`, 'submitOrder'),
      ],
    },
  ]);
}

function pythonError(
  root: string,
  type = 'ZeroDivisionError',
  view = 'order_summary',
  lineno = 42,
): ErrorEvent {
  return exceptionEvent(
    [
      {
        type,
        value: 'division by zero',
        module: type === 'ZeroDivisionError' ? 'builtins' : 'app.errors',
        frames: [
          pythonFrame(
            'django.core.handlers.base',
            '_get_response',
            `${root}/venv/lib/python3.12/site-packages/django/core/handlers/base.py`,
            197,
            false,
          ),
          pythonFrame('shop.views.orders', view, `${root}/shop/views/orders.py`, lineno),
          pythonFrame('shop.pricing', 'average_price', `${root}/shop/pricing.py`, lineno + 3),
        ],
      },
    ],
    { source: 'other' },
  );
}

function pythonChained(causeType: string): ErrorEvent {
  return exceptionEvent([
    {
      type: causeType,
      value: 'could not connect to server: Connection refused',
      module: 'psycopg2',
      frames: [
        pythonFrame('psycopg2', 'connect', '/usr/lib/python3/dist-packages/psycopg2/__init__.py', 122, false),
      ],
    },
    {
      type: 'ServiceUnavailable',
      value: 'orders database unavailable',
      frames: [pythonFrame('shop.db', 'get_connection', '/srv/shop/shop/db.py', 18)],
    },
  ]);
}

function recursion(depth: number): ErrorEvent {
  const frames = [nodeFrame(NODE_A, 'src/tree.js', 'buildTree', 3)];
  for (let i = 0; i < depth; i++) frames.push(nodeFrame(NODE_A, 'src/tree.js', 'walk', 12));
  return exceptionEvent([{ type: 'RangeError', value: 'Maximum call stack size exceeded', frames }]);
}

function messageOnly(message: string, overrides: Partial<ErrorEvent> = {}): ErrorEvent {
  return errorEvent({ message, ...overrides });
}

function libraryOnly(type: string, value: string): ErrorEvent {
  return exceptionEvent([
    {
      type,
      value,
      frames: [{ filename: '/app/node_modules/undici/lib/fetch/index.js', function: 'fetch', lineno: 1 }],
    },
  ]);
}

describe('fingerprintOf: grouping', () => {
  it.each([
    // Node
    {
      id: 'node: same error from other lines',
      a: nodeCheckout(NODE_A, [40, 88, 12]),
      b: nodeCheckout(NODE_A, [44, 90, 15]),
      same: true,
    },
    {
      id: 'node: same error from another deploy root',
      a: nodeCheckout(NODE_A, [40, 88, 12]),
      b: nodeCheckout(NODE_B, [40, 88, 12]),
      same: true,
    },
    {
      id: 'node: same error for other users',
      a: nodeCheckout(NODE_A, [40, 88, 12], 'u1'),
      b: nodeCheckout(NODE_A, [40, 88, 12], 'u2'),
      same: true,
    },
    {
      id: 'node: exception value with ids differs, frames decide',
      a: nodeCheckout(NODE_A, [40, 88, 12], 'u1', 'charge ch_1 declined'),
      b: nodeCheckout(NODE_A, [40, 88, 12], 'u1', 'charge ch_2 declined'),
      same: true,
    },
    {
      id: 'node: property name in message does not split a code path',
      a: nodeTypeError(NODE_A, 'id'),
      b: nodeTypeError(NODE_B, 'total'),
      same: true,
    },
    {
      id: 'node: different in-app call path',
      a: nodeTypeError(NODE_A, 'id', 'renderInvoice'),
      b: nodeTypeError(NODE_A, 'id', 'renderReceipt'),
      same: false,
    },
    {
      id: 'node: different exception type, same frames',
      a: nodeTypeError(NODE_A, 'id'),
      b: {
        ...nodeTypeError(NODE_A, 'id'),
        exception: [{ ...nodeTypeError(NODE_A, 'id').exception![0]!, type: 'ReferenceError' }],
      },
      same: false,
    },
    {
      id: 'node: different error, different path',
      a: nodeCheckout(NODE_A, [40, 88, 12]),
      b: nodeTypeError(NODE_A, 'id'),
      same: false,
    },
    { id: 'node: recursion depth does not matter', a: recursion(500), b: recursion(731), same: true },
    { id: 'node: recursion vs no recursion', a: recursion(3), b: recursion(0), same: false },
    // Browser
    {
      id: 'browser: same error in another build (hashed bundle)',
      a: browserError(BUILD_1, 10_432),
      b: browserError(BUILD_2, 10_398),
      same: true,
    },
    {
      id: 'browser: same error, other column in the minified line',
      a: browserError(BUILD_1, 10_432),
      b: browserError(BUILD_1, 11_002),
      same: true,
    },
    {
      id: 'browser: other exception type',
      a: browserError(BUILD_1, 10_432, 'TypeError'),
      b: browserError(BUILD_1, 10_432, 'RangeError'),
      same: false,
    },
    {
      id: 'browser: other minified function',
      a: browserError(BUILD_1, 10_432, 'TypeError', 'onSubmit'),
      b: browserError(BUILD_1, 10_432, 'TypeError', 'onReset'),
      same: false,
    },
    { id: 'browser: vite hashes', a: viteError('DiwrgTda'), b: viteError('BpX3k9aQ'), same: true },
    {
      id: 'browser: next.js chunk hashes',
      a: exceptionEvent([
        {
          type: 'Error',
          value: 'x',
          frames: [
            browserFrame(
              'https://shop.example/_next/static/chunks/pages/cart-0a1b2c3d4e5f6a7b.js',
              'addItem',
            ),
          ],
        },
      ]),
      b: exceptionEvent([
        {
          type: 'Error',
          value: 'x',
          frames: [
            browserFrame(
              'https://shop.example/_next/static/chunks/pages/cart-9f8e7d6c5b4a3f2e.js',
              'addItem',
            ),
          ],
        },
      ]),
      same: true,
    },
    {
      id: 'browser: same function in different pages',
      a: exceptionEvent([
        {
          type: 'Error',
          value: 'x',
          frames: [
            browserFrame(
              'https://shop.example/_next/static/chunks/pages/cart-0a1b2c3d4e5f6a7b.js',
              'addItem',
            ),
          ],
        },
      ]),
      b: exceptionEvent([
        {
          type: 'Error',
          value: 'x',
          frames: [
            browserFrame(
              'https://shop.example/_next/static/chunks/pages/wishlist-0a1b2c3d4e5f6a7b.js',
              'addItem',
            ),
          ],
        },
      ]),
      same: false,
    },
    {
      id: 'browser: library-only stack falls back to type and message',
      a: libraryOnly('TypeError', 'NetworkError fetching https://api.example/a/1'),
      b: libraryOnly('TypeError', 'NetworkError fetching https://api.example/b/2'),
      same: true,
    },
    {
      id: 'browser: library-only stacks with other types',
      a: libraryOnly('TypeError', 'Failed to fetch'),
      b: libraryOnly('AbortError', 'Failed to fetch'),
      same: false,
    },
    // Python
    {
      id: 'python: same error from other lines and hosts',
      a: pythonError('/srv/shop-1'),
      b: pythonError('/opt/shop-2', 'ZeroDivisionError', 'order_summary', 57),
      same: true,
    },
    {
      id: 'python: different exception type',
      a: pythonError('/srv/shop'),
      b: pythonError('/srv/shop', 'ValueError'),
      same: false,
    },
    {
      id: 'python: different view',
      a: pythonError('/srv/shop', 'ZeroDivisionError', 'order_summary'),
      b: pythonError('/srv/shop', 'ZeroDivisionError', 'cart_summary'),
      same: false,
    },
    {
      id: 'python: chained, same cause type',
      a: pythonChained('OperationalError'),
      b: pythonChained('OperationalError'),
      same: true,
    },
    {
      id: 'python: chained, other cause type',
      a: pythonChained('OperationalError'),
      b: pythonChained('InterfaceError'),
      same: false,
    },
    // Message only
    {
      id: 'message: user ids and amounts vary',
      a: messageOnly('User 4711 exceeded quota of 100 requests'),
      b: messageOnly('User 18 exceeded quota of 250 requests'),
      same: true,
    },
    {
      id: 'message: uuids vary',
      a: messageOnly('Order 3f2504e0-4f89-41d3-9a0c-0305e82c3301 stuck'),
      b: messageOnly('Order 9b2c1d3e-0000-4abc-8def-123456789abc stuck'),
      same: true,
    },
    {
      id: 'message: emails and timestamps vary',
      a: messageOnly('Mail to a@x.io bounced at 2026-11-29T05:32:00Z'),
      b: messageOnly('Mail to b@y.org bounced at 2026-11-30T09:01:44Z'),
      same: true,
    },
    {
      id: 'message: urls vary',
      a: messageOnly('GET https://api.example/users/1 failed'),
      b: messageOnly('GET https://api.example/users/2?x=1 failed'),
      same: true,
    },
    {
      id: 'message: different wording',
      a: messageOnly('Payment processing failed'),
      b: messageOnly('Payment capture failed'),
      same: false,
    },
    {
      id: 'message: exception types split even the same message',
      a: libraryOnly('TypeError', 'boom'),
      b: messageOnly('TypeError: boom'),
      same: false,
    },
    // Client fingerprint
    {
      id: 'client: same fingerprint, different everything else',
      a: { ...nodeCheckout(NODE_A, [1, 2, 3]), fingerprint: ['checkout-declines'] },
      b: { ...pythonError('/srv'), fingerprint: ['checkout-declines'] },
      same: true,
    },
    {
      id: 'client: different fingerprints, same error',
      a: { ...nodeCheckout(NODE_A, [1, 2, 3]), fingerprint: ['tenant-a'] },
      b: { ...nodeCheckout(NODE_A, [1, 2, 3]), fingerprint: ['tenant-b'] },
      same: false,
    },
    {
      id: 'client: {{ default }} extended per tenant',
      a: { ...nodeCheckout(NODE_A, [1, 2, 3]), fingerprint: ['{{ default }}', 'tenant-a'] },
      b: { ...nodeCheckout(NODE_B, [4, 5, 6]), fingerprint: ['{{ default }}', 'tenant-a'] },
      same: true,
    },
    {
      id: 'client: {{ default }} keeps different errors apart',
      a: { ...nodeCheckout(NODE_A, [1, 2, 3]), fingerprint: ['{{ default }}', 'tenant-a'] },
      b: { ...nodeTypeError(NODE_A, 'id'), fingerprint: ['{{ default }}', 'tenant-a'] },
      same: false,
    },
  ])('$id', ({ a, b, same }) => {
    const [fa, fb] = [fingerprintOf(a), fingerprintOf(b)];
    if (same) expect(fb.groupId).toBe(fa.groupId);
    else expect(fb.groupId).not.toBe(fa.groupId);
  });
});

describe('fingerprintOf: method and parts', () => {
  it('uses the client fingerprint first', () => {
    const fingerprint = fingerprintOf({
      ...nodeCheckout(NODE_A, [1, 2, 3]),
      fingerprint: ['checkout', 'declines'],
    });
    expect(fingerprint.method).toBe('client');
    expect(fingerprint.parts).toEqual(['checkout', 'declines']);
  });

  it('records the exception type and in-app frames, library and runtime frames left out', () => {
    const fingerprint = fingerprintOf(nodeTypeError(NODE_A, 'id'));
    expect(fingerprint.method).toBe('exception');
    expect(fingerprint.parts).toEqual([
      'exception:TypeError',
      'frame:src/routes/invoices.js:getInvoice',
      'frame:src/views/invoice.js:renderInvoice',
    ]);
  });

  it('counts unmarked browser frames as in-app', () => {
    expect(fingerprintOf(browserError(BUILD_1, 1)).parts).toEqual([
      'exception:TypeError',
      'frame:static/js/chunk.js:Object.invokeGuardedCallbackDev',
      'frame:static/js/main.chunk.js:CheckoutForm.handleClick',
      'frame:static/js/main.chunk.js:onSubmit',
    ]);
  });

  it('falls back to exception types and the normalized message without in-app frames', () => {
    const fingerprint = fingerprintOf(libraryOnly('TypeError', 'Failed to fetch https://api.example/x'));
    expect(fingerprint.method).toBe('message');
    expect(fingerprint.parts).toEqual(['exception:TypeError', 'message:TypeError: Failed to fetch <url>']);
  });

  it('keeps parts within the contract bounds', () => {
    const frames = Array.from({ length: 250 }, (_, i) =>
      nodeFrame(NODE_A, `src/f${'x'.repeat(i % 3)}.js`, `fn${'y'.repeat(1100)}${i}`),
    );
    const chain = Array.from({ length: 4 }, (_, i) => ({ type: `E${i}`, value: 'v', frames }));
    const fingerprint = fingerprintOf(exceptionEvent(chain));
    expect(fingerprint.parts).toHaveLength(300);
    expect(Math.max(...fingerprint.parts.map((p) => p.length))).toBe(1024);
  });

  it('gives a stable groupId: changing it regroups every stored event', () => {
    // sha256("client\0checkout-declines"), first 32 hex digits, computed outside this code.
    expect(fingerprintOf({ ...errorEvent(), fingerprint: ['checkout-declines'] }).groupId).toBe(
      '6f5abd13266983d87c65025a109930ef',
    );
  });
});
