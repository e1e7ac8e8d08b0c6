import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConsumerConfig, consumerRunOptions, loadConfig } from '../src/index.js';

const Detector = Type.Object(
  {
    consumer: ConsumerConfig({
      groupId: 'faultline-detector',
      maxBatch: 500,
      fromBeginning: false,
      sessionTimeoutMs: 30_000,
      maxWaitMs: 500,
    }),
  },
  { additionalProperties: false },
);
const Alerter = Type.Object(
  {
    consumer: ConsumerConfig({
      groupId: 'faultline-alerter',
      maxBatch: 200,
      maxBatchLimit: 5000,
      fromBeginning: true,
    }),
  },
  { additionalProperties: false },
);

describe('ConsumerConfig', () => {
  it.each([
    {
      id: 'the service defaults, kafkajs defaults for knobs it leaves out',
      schema: Alerter,
      env: {},
      expected: {
        groupId: 'faultline-alerter',
        maxHandlerBatch: 200,
        fromBeginning: true,
        partitionsConsumedConcurrently: 1,
        chunkDeadlineMs: 60_000,
        maxAttempts: 3,
        dlqLimit: {},
        consumer: {},
      },
    },
    {
      id: 'session timeout as the rebalance timeout too',
      schema: Detector,
      env: {},
      expected: {
        groupId: 'faultline-detector',
        maxHandlerBatch: 500,
        fromBeginning: false,
        partitionsConsumedConcurrently: 1,
        chunkDeadlineMs: 60_000,
        maxAttempts: 3,
        dlqLimit: {},
        consumer: { sessionTimeout: 30_000, rebalanceTimeout: 30_000, maxWaitTimeInMs: 500 },
      },
    },
    {
      id: 'FAULTLINE_CONSUMER_* variables',
      schema: Alerter,
      env: {
        FAULTLINE_CONSUMER_GROUP_ID: 'g',
        FAULTLINE_CONSUMER_MAX_WAIT_MS: '200',
        FAULTLINE_CONSUMER_MIN_BYTES: '1',
        FAULTLINE_CONSUMER_DLQ_LIMIT: '{"maxInvalidRatio":0.2}',
        FAULTLINE_CONSUMER_CHUNK_DEADLINE_MS: '5000',
        FAULTLINE_CONSUMER_MAX_ATTEMPTS: '2',
      },
      expected: {
        groupId: 'g',
        maxHandlerBatch: 200,
        fromBeginning: true,
        partitionsConsumedConcurrently: 1,
        chunkDeadlineMs: 5000,
        maxAttempts: 2,
        dlqLimit: { maxInvalidRatio: 0.2 },
        consumer: { maxWaitTimeInMs: 200, minBytes: 1 },
      },
    },
    {
      id: 'the DLQ limit turned off',
      schema: Alerter,
      env: { FAULTLINE_CONSUMER_DLQ_LIMIT_ENABLED: 'false' },
      expected: expect.objectContaining({ dlqLimit: false }),
    },
  ])('gives the runner $id', ({ schema, env, expected }) => {
    expect(consumerRunOptions(loadConfig(schema, { env }).consumer)).toEqual(expected);
  });

  it("holds maxBatch to the service's limit", () => {
    expect(() => loadConfig(Alerter, { env: { FAULTLINE_CONSUMER_MAX_BATCH: '6000' } })).toThrow(ConfigError);
    expect(loadConfig(Detector, { env: { FAULTLINE_CONSUMER_MAX_BATCH: '6000' } }).consumer.maxBatch).toBe(
      6000,
    );
  });
});
