import { configure } from '@testing-library/react';
import { beforeAll } from 'vitest';

/**
 * For a file that renders the simulator: the replay's parts that load after the first paint (the diagram,
 * the ladder, the inspector) loaded once up front, and queries that wait for them up to 10 s: on a busy
 * machine they can take over a second to arrive, and these tests check the app, not that.
 */
export function loadReplayPartsFirst(): void {
  configure({ asyncUtilTimeout: 10_000 });
  beforeAll(async () => {
    await Promise.all([
      import('../../src/ui/diagram/NetworkDiagram'),
      import('../../src/ui/ladder/Ladder'),
      import('../../src/ui/inspector/PacketInspector'),
    ]);
  }, 60_000);
}
