import { ensureAssets } from '../src/web/asset-build.js';

// The app links the built stylesheet and scripts (src/web/asset-build.ts): build them once before the tests
// when an input changed, as `npm start` does.
export default async function setup(): Promise<void> {
  await ensureAssets();
}
