import { existsSync } from 'node:fs';

/** Debian's headless Chromium (`.ci/run` installs it), or undefined where it is absent (browser tests skip). */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Launch arguments for the browser tests: no sandbox (CI containers), no GPU, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
