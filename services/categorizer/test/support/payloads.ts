import type { ErrorEvent } from '@faultline/contracts';
import {
  browserFrame,
  errorEvent,
  exceptionEvent,
  nodeFrame,
  pythonFrame,
} from '@faultline/grouping/testing';

const PROJECTS = ['shop', 'blog', 'billing', 'mobile-web'];
const COMPONENTS = ['payment', 'public-api', 'checkout', 'AudioPlayer', 'database-pool', 'search'];

/** The i-th of a realistic mix: Node, browser (minified bundles), Python traces, message-only logs, client fingerprints. */
export function realisticEvent(i: number): ErrorEvent {
  const projectId = PROJECTS[i % PROJECTS.length] as string;
  const component = COMPONENTS[i % COMPONENTS.length] as string;
  const common = {
    projectId,
    component,
    userId: `user-${i % 997}`,
    release: `shop@1.${i % 40}.0`,
    tags: { region: i % 2 ? 'eu-west-1' : 'us-east-1' },
  };
  switch (i % 5) {
    case 0:
      return exceptionEvent(
        [
          {
            type: i % 10 === 0 ? 'PaymentError' : 'TypeError',
            value: `Cannot read properties of undefined (reading 'amount') for order ${i}`,
            frames: [
              nodeFrame(
                '/srv/app',
                'node_modules/.pnpm/express@4.18.2/node_modules/express/lib/router/layer.js',
                'handle',
                95,
              ),
              nodeFrame(
                '/srv/app',
                'node_modules/.pnpm/express@4.18.2/node_modules/express/lib/router/route.js',
                'next',
                149,
              ),
              nodeFrame(
                `/srv/app/releases/${1000 + (i % 40)}`,
                'src/routes/checkout.js',
                'postCheckout',
                40 + (i % 9),
              ),
              nodeFrame(
                `/srv/app/releases/${1000 + (i % 40)}`,
                'src/services/payment.js',
                'PaymentService.charge',
                88,
              ),
              nodeFrame(
                `/srv/app/releases/${1000 + (i % 40)}`,
                `src/services/provider-${i % 3}.js`,
                'createCharge',
                12,
              ),
            ],
          },
        ],
        { ...common, source: 'express', responseTimeMs: (i * 37) % 7000 },
      );
    case 1: {
      const bundle = `https://cdn.shop.example/static/js/main.${(0x10000000 + i * 7919).toString(16)}.chunk.js?v=${i % 9}`;
      return exceptionEvent(
        [
          {
            type: 'TypeError',
            value: `e.items is undefined`,
            frames: [
              browserFrame(
                `https://cdn.shop.example/static/js/${i % 900}.a1b2c3d4.chunk.js`,
                'Object.invokeGuardedCallbackDev',
                1,
                9001,
              ),
              browserFrame(bundle, 'CheckoutForm.handleClick', 1, 10_000 + i),
              browserFrame(bundle, i % 4 ? 'onSubmit' : 'onReset', 1, 10_200 + i),
            ],
            mechanism: { type: 'onerror', handled: false },
          },
        ],
        {
          ...common,
          source: 'global-handler',
          request: { url: `https://shop.example/checkout?step=${i % 4}` },
        },
      );
    }
    case 2:
      return exceptionEvent(
        [
          {
            type: 'OperationalError',
            value: 'could not connect to server: Connection refused',
            module: 'psycopg2',
            frames: [
              pythonFrame(
                'psycopg2',
                'connect',
                '/usr/lib/python3/dist-packages/psycopg2/__init__.py',
                122,
                false,
              ),
            ],
          },
          {
            type: i % 3 ? 'ServiceUnavailable' : 'ZeroDivisionError',
            value: 'database connection failed',
            frames: [
              pythonFrame(
                'django.core.handlers.base',
                '_get_response',
                '/srv/venv/lib/python3.12/site-packages/django/core/handlers/base.py',
                197,
                false,
              ),
              pythonFrame(
                'shop.views.orders',
                'order_summary',
                '/srv/shop/shop/views/orders.py',
                40 + (i % 20),
              ),
              pythonFrame('shop.db', 'get_connection', '/srv/shop/shop/db.py', 18),
            ],
          },
        ],
        { ...common, source: 'other', memoryBytes: (i * 7_000_003) % 2e9 },
      );
    case 3:
      return errorEvent({
        ...common,
        source: i % 2 ? 'rate-limiter' : 'network',
        message:
          i % 2
            ? `Rate limit exceeded for user-${i} at 2026-11-29T05:${String(i % 60).padStart(2, '0')}:00Z`
            : `GET https://api.shop.example/v1/orders/${i} failed: upstream timeout after ${3000 + i}ms`,
      });
    default:
      return {
        ...errorEvent({
          ...common,
          source: 'webhook',
          message: `Webhook signature invalid for delivery ${i}`,
        }),
        fingerprint: ['webhooks', `endpoint-${i % 5}`],
      };
  }
}

export function realisticEvents(count: number): ErrorEvent[] {
  return Array.from({ length: count }, (_, i) => realisticEvent(i));
}
