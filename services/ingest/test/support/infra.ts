export { testEndpoints as testInfra } from '../../../../test/support/endpoints.js';
