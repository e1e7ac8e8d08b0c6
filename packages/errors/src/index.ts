export {
  CodedError,
  type CodedErrorOptions,
  type ErrorDetails,
  type ErrorSpec,
  isCodedError,
} from './coded-error.js';
export { isConnectionError } from './connection-error.js';
export { default as errorHandler, type ErrorAnswer, type ErrorHandlerOptions } from './error-handler.js';
