import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../src/engine';
import { applySetting } from '../../../src/ui/controls/applySetting';

describe('applySetting', () => {
  it('changes one top-level field and keeps the rest', () => {
    const before = defaultScenario();
    const after = applySetting(before, { name: 'serverNat', value: 'private' });
    expect(after).toEqual({ ...before, serverNat: 'private' });
    expect(before.serverNat).toBe('none');
  });

  it('changes the client data port policy inside client', () => {
    const before = defaultScenario();
    const after = applySetting(before, { name: 'dataPort', value: 'realistic' });
    expect(after.client).toEqual({ ...before.client, dataPort: 'realistic' });
  });
});
