/**
 * `pnpm bench sdk-size`: what an app pays for the browser SDK, per entry after tree-shaking,
 * minified (esbuild) and gzipped (level 9).
 */
import { bundleSizes } from '../../packages/sdk-browser/scripts/build.js';

const sizes = await bundleSizes();
for (const size of sizes)
  console.log(`@faultline/browser ${size.name}: ${size.bytes} B minified, ${size.gzipBytes} B gzipped`);
console.log(JSON.stringify({ bench: 'sdk-size', entries: sizes }));
