import { describe, expect, it } from 'vitest';
import {
  normalizeBasename,
  normalizeFilename,
  normalizeFrame,
  normalizeFunction,
  normalizeModule,
} from '../src/normalize-frame.js';

describe('normalizeFilename', () => {
  it.each([
    { id: 'relative path kept', input: 'src/checkout.ts', want: 'src/checkout.ts' },
    {
      id: 'release folder above src',
      input: '/srv/shop/releases/20261129053200/src/checkout.js',
      want: 'src/checkout.js',
    },
    { id: 'home folder above src', input: '/home/ci/work/shop/src/checkout.js', want: 'src/checkout.js' },
    { id: 'last source root wins', input: '/app/src/lib/money.js', want: 'lib/money.js' },
    { id: 'absolute path without source root: basename', input: '/var/task/handler.js', want: 'handler.js' },
    { id: 'windows path', input: 'C:\\deploy\\v2.3.1\\src\\checkout.js', want: 'src/checkout.js' },
    { id: 'file url is absolute', input: 'file:///opt/app/dist/server.js', want: 'dist/server.js' },
    {
      id: 'pnpm store',
      input: '/srv/app/node_modules/.pnpm/express@4.18.2/node_modules/express/lib/router/index.js',
      want: 'express/lib/router/index.js',
    },
    {
      id: 'python site-packages',
      input: '/usr/lib/python3.12/site-packages/django/core/handlers/base.py',
      want: 'django/core/handlers/base.py',
    },
    {
      id: 'CDN origin and query dropped',
      input: 'https://cdn.shop.example/static/js/main.3f9a1c2b.chunk.js?v=12#x',
      want: 'static/js/main.chunk.js',
    },
    {
      id: 'webpack numeric chunk',
      input: 'https://shop.example/static/js/787.a1b2c3d4.chunk.js',
      want: 'static/js/chunk.js',
    },
    { id: 'vite hash', input: 'https://shop.example/assets/index-DiwrgTda.js', want: 'assets/index.js' },
    { id: 'esbuild hash', input: 'https://shop.example/assets/chunk-5JNGQ2FE.js', want: 'assets/chunk.js' },
    {
      id: 'next.js page hash',
      input: 'https://shop.example/_next/static/chunks/pages/checkout-0a1b2c3d4e5f6a7b.js',
      want: '_next/static/chunks/pages/checkout.js',
    },
    {
      id: 'next.js build id folder',
      input: 'https://shop.example/_next/static/Xk9_abcD3fgh1jk2LmNoP/_buildManifest.js',
      want: '_next/static/_buildManifest.js',
    },
    { id: 'versioned vendor file', input: 'https://cdn.example/jquery-3.6.0.min.js', want: 'jquery.min.js' },
    { id: 'app scheme', input: 'app:///dist/main.js', want: 'dist/main.js' },
    { id: 'webpack scheme', input: 'webpack:///./src/components/Cart.tsx', want: 'src/components/Cart.tsx' },
  ])('$id', ({ input, want }) => {
    expect(normalizeFilename(input)).toBe(want);
  });
});

describe('normalizeBasename', () => {
  it.each([
    { id: 'numeric page name stays', input: '404.js', want: '404.js' },
    { id: 'numeric page with hash keeps its name', input: '404-0a1b2c3d4e5f6a7b.js', want: '404.js' },
    { id: 'dashed name stays', input: 'checkout-form.js', want: 'checkout-form.js' },
    { id: 'pascal case word is not a hash', input: 'Error-Boundary.js', want: 'Error-Boundary.js' },
    { id: 'angular differential build', input: 'main-es2015.3f9a1c2b9e8d7f6a.js', want: 'main-es2015.js' },
  ])('$id', ({ input, want }) => {
    expect(normalizeBasename(input)).toBe(want);
  });
});

describe('normalizeModule', () => {
  it.each([
    { id: 'python module stays', input: 'app.views.checkout', want: 'app.views.checkout' },
    { id: 'hash in module path', input: 'static/js/main.3f9a1c2b.chunk', want: 'static/js/main.chunk' },
    { id: 'leading volatile piece', input: '787.chunk', want: 'chunk' },
  ])('$id', ({ input, want }) => {
    expect(normalizeModule(input)).toBe(want);
  });
});

describe('normalizeFrame', () => {
  it.each([
    {
      id: 'module preferred over filename',
      frame: { module: 'app.views', filename: 'app/views.py', function: 'pay' },
      want: 'app.views:pay',
    },
    {
      id: 'line and column ignored',
      frame: { filename: 'src/a.ts', function: 'f', lineno: 1, colno: 2 },
      want: 'src/a.ts:f',
    },
    {
      id: 'absPath when no filename',
      frame: { absPath: '/srv/app/src/a.ts', function: 'f' },
      want: 'src/a.ts:f',
    },
    { id: 'nothing known', frame: {}, want: '?:?' },
  ])('$id', ({ frame, want }) => {
    expect(normalizeFrame(frame)).toBe(want);
  });

  it.each([
    { id: 'named', input: 'CheckoutService.charge', want: 'CheckoutService.charge' },
    { id: 'V8 anonymous', input: '<anonymous>', want: '?' },
    { id: 'sentry unknown', input: '?', want: '?' },
    { id: 'missing', input: undefined, want: '?' },
  ])('function: $id', ({ input, want }) => {
    expect(normalizeFunction(input)).toBe(want);
  });
});
