import { existsSync } from 'node:fs';

/** Flags for the system Chromium: no sandbox (containers), no GPU, no network chatter of its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The system Chromium: $CHROMIUM_PATH, else the Debian/Ubuntu locations. We never download a browser. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    `The browser tests need Chromium, but none was found at ${CANDIDATES.join(' or ')}.\n` +
      'Install it (Debian/Ubuntu: `apt-get install chromium`; .ci/run does this) or set CHROMIUM_PATH to the executable.',
  );
}
