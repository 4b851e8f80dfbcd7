/**
 * The ranges the scenario schema accepts for the number fields, shown to the user and set on the inputs.
 * The schema (`parseScenario`) stays the judge; tests/ui/controls/bounds.test.ts checks that these agree
 * with it.
 */
export const BOUNDS = {
  /** vsftpd connect_timeout, seconds. */
  serverConnectTimeout: { min: 1, max: 600 },
  /** vsftpd accept_timeout, seconds. */
  serverAcceptTimeout: { min: 1, max: 600 },
  /** The client's connect() to a passive port, seconds. */
  clientConnectTimeout: { min: 1, max: 300 },
  seed: { min: 0, max: 0xffffffff },
} as const;
