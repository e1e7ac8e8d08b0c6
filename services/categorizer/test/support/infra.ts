export { testEndpoints as infraEndpoints } from '../../../../test/support/endpoints.js';
