import { configure } from '@testing-library/react';

/**
 * `findBy…` and `waitFor` wait for a state (the step list mounted after the first paint), never for a
 * time; this only bounds how long, so a busy machine (two cores shared with a build) is not a failure.
 * The test's own timeout (30 s) stays the outer bound.
 */
configure({ asyncUtilTimeout: 10_000 });
