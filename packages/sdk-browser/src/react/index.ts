export { ErrorBoundary, type ErrorBoundaryProps, type FallbackProps } from './error-boundary.js';
