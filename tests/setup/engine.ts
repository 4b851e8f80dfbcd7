import { simulate } from '../../src/engine';
import { provideEngine } from '../../src/store/engineSource';

/**
 * The app loads the engine after its first render and every view waits for it (src/ui/views.ts); the
 * component tests render views and stores directly, so they start with it loaded, as a view always does.
 * Before any test file imports the store, which simulates the default scenario on creation.
 */
provideEngine(simulate);
