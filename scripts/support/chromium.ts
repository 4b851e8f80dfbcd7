import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The one way the end-to-end tests and `npm run bench:ui` start Chromium (shared here, since scripts/ never
 * imports from tests/).
 */

/** Debian's chromium (CI installs it with apt, see .ci/run); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags for every Chromium the tests and the UI benchmark start: headless, quiet, local, no GPU. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws a message that says what to install when there is no Chromium. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is needed at ${CHROMIUM_PATH}, which does not exist. ` +
        "Install Debian's chromium (sudo apt-get install chromium, as .ci/run does) " +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  return CHROMIUM_PATH;
}

/** Starts a headless Chromium through playwright-core; `timeout` bounds the launch itself. */
export function launchChromium(timeout?: number): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS],
    ...(timeout === undefined ? {} : { timeout }),
  });
}
