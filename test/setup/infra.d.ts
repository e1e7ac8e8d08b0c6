import type { InfraEndpoints } from '@faultline/infra';

// Types `inject('infra')` in integration tests; provided by infra.global.ts.
declare module 'vitest' {
  export interface ProvidedContext {
    infra: InfraEndpoints;
  }
}
