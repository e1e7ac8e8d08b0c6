export {
  type CaptureContext,
  Client,
  type ClientOptions,
  type FaultlineEvent,
  getCurrentClient,
  type Level,
  type Source,
} from '@faultline/browser/core';
export { type ExpressOptions, expressErrorHandler, expressRequestTimer } from './express.js';
export { type FastifyOptions, faultlineFastify } from './fastify.js';
export { isServerError, statusOf } from './http-status.js';
export { createNodeClient, init, type NodeClient, type NodeOptions, SDK } from './init.js';
export { nodeTransport } from './node-transport.js';
export { installProcessHandlers, type ProcessHandlerOptions } from './process-handlers.js';
export {
  expressRateLimitHandler,
  type RateLimitDetails,
  type RateLimitOptions,
  rateLimitHook,
  rateLimitMessage,
} from './rate-limit.js';
export {
  isSignatureError,
  signatureMessage,
  type WebhookOptions,
  WebhookSignatureError,
  wrapWebhookHandler,
} from './webhook.js';
export { type WrapOptions, wrapFunction } from './wrap-function.js';
