/** Every error this package raises on purpose has one of these codes (platformatic/kafka style). */
export type KafkaErrorCode =
  | 'FL_KAFKA_PRODUCER_CLOSED'
  | 'FL_KAFKA_BUFFER_FULL'
  | 'FL_KAFKA_MESSAGE_TOO_LARGE'
  | 'FL_KAFKA_PRODUCE_FAILED'
  | 'FL_KAFKA_DLQ_LIMIT'
  | 'FL_KAFKA_CONSUMER_CRASHED'
  | 'FL_KAFKA_HANDLER_TIMEOUT';

export class FaultlineKafkaError extends Error {
  override readonly name = 'FaultlineKafkaError';
  constructor(
    readonly code: KafkaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isKafkaError(error: unknown, code?: KafkaErrorCode): error is FaultlineKafkaError {
  return error instanceof FaultlineKafkaError && (code === undefined || error.code === code);
}
