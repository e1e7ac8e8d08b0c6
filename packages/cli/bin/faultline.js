#!/usr/bin/env node
// The installable `faultline` bin: registers tsx so the TypeScript sources run as they are.
import 'tsx/esm';

await import('../src/main.ts');
