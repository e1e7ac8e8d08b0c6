import { describe, expect, it } from 'vitest';
import { normalizeMessage } from '../src/normalize-message.js';

describe('normalizeMessage', () => {
  it.each([
    { id: 'integer', input: 'Expected 3 arguments, got 5', want: 'Expected <num> arguments, got <num>' },
    { id: 'decimal and negative', input: 'balance -12.50 below 0.0', want: 'balance <num> below <num>' },
    { id: 'unit kept', input: 'Timeout of 5000ms exceeded', want: 'Timeout of <num>ms exceeded' },
    {
      id: 'ip and port',
      input: 'connect ECONNREFUSED 10.0.3.7:5432',
      want: 'connect ECONNREFUSED <num>:<num>',
    },
    {
      id: 'codes glued to letters stay',
      input: 'E11000 duplicate key in utf8 column',
      want: 'E11000 duplicate key in utf8 column',
    },
    { id: '0x hex', input: 'segfault at 0x7ffd4a2c', want: 'segfault at <hex>' },
    { id: 'object id', input: 'Order 507f1f77bcf86cd799439011 not found', want: 'Order <hex> not found' },
    { id: 'hex-free words stay', input: 'facade decade', want: 'facade decade' },
    {
      id: 'uuid',
      input: 'user 3f2504e0-4f89-41d3-9a0c-0305e82c3301 missing',
      want: 'user <uuid> missing',
    },
    {
      id: 'url with numbers inside',
      input: 'GET https://api.shop.example/v1/orders/12345?page=2 failed with 502',
      want: 'GET <url> failed with <num>',
    },
    { id: 'email', input: 'No account for jane.doe+test@example.co.uk', want: 'No account for <email>' },
    {
      id: 'iso timestamp',
      input: 'lock held since 2026-11-29T05:32:00.123Z',
      want: 'lock held since <timestamp>',
    },
    {
      id: 'date and time with space',
      input: 'job at 2026-11-29 05:32:00 failed',
      want: 'job at <timestamp> failed',
    },
    { id: 'bare time', input: 'cron 05:32:00 skipped', want: 'cron <timestamp> skipped' },
    { id: 'single quotes', input: "Cannot find module './locale/de'", want: 'Cannot find module <quoted>' },
    { id: 'double quotes', input: 'duplicate key value "alice"', want: 'duplicate key value <quoted>' },
    { id: 'backticks', input: 'column `user_42` unknown', want: 'column <quoted> unknown' },
    {
      id: 'apostrophe is not a quote',
      input: "Can't read 'id' of undefined",
      want: "Can't read <quoted> of undefined",
    },
    { id: 'whitespace collapsed', input: '  too   many\n\tspaces ', want: 'too many spaces' },
  ])('$id', ({ input, want }) => {
    expect(normalizeMessage(input)).toBe(want);
  });
});
