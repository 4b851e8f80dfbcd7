import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScenario, SCENARIO_LIMITS, type Scenario } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { applySetting, type Setting } from '../../../src/ui/controls/applySetting';

/** The same change made naively, for the engine's schema to judge. */
function naive(scenario: Scenario, setting: Setting): unknown {
  switch (setting.name) {
    case 'dataPort':
      return { ...scenario, client: { ...scenario.client, dataPort: setting.value } };
    case 'clientConnectTimeout':
      return { ...scenario, client: { ...scenario.client, connectTimeout: setting.value } };
    case 'serverConnectTimeout':
      return { ...scenario, server: { ...scenario.server, connectTimeout: setting.value } };
    case 'serverAcceptTimeout':
      return { ...scenario, server: { ...scenario.server, acceptTimeout: setting.value } };
    case 'serverIdleTimeout':
      return { ...scenario, server: { ...scenario.server, idleTimeout: setting.value } };
    case 'serverDataTimeout':
      return { ...scenario, server: { ...scenario.server, dataTimeout: setting.value } };
    case 'clientPause':
      return { ...scenario, client: { ...scenario.client, pause: setting.value } };
    default:
      return { ...scenario, [setting.name]: setting.value };
  }
}

const numberValue = fc.oneof(
  fc.double({ min: -10, max: 5e9, noNaN: true }),
  fc.integer({ min: -2, max: 700 }),
  fc.constantFrom(0, 1, 300, 301, 600, 601, 3600, 3601, 0xffffffff, 0x100000000, 0.5, 1.5, Number.NaN),
);
const command = fc.oneof(
  fc.constant({ verb: 'LIST' as const }),
  fc.constantFrom('README.txt', 'hello.txt', 'missing.txt').map((file) => ({ verb: 'RETR' as const, file })),
  fc
    .record({
      file: fc.constantFrom('upload.txt', 'upload-2.txt'),
      size: fc.option(fc.integer({ min: 0, max: 65536 }), { nil: undefined }),
    })
    .map(({ file, size }) =>
      size === undefined ? { verb: 'STOR' as const, file } : { verb: 'STOR' as const, file, size },
    ),
);
const setting: fc.Arbitrary<Setting> = fc.oneof(
  fc.record({
    name: fc.constantFrom(
      'seed',
      'clientConnectTimeout',
      'serverConnectTimeout',
      'serverAcceptTimeout',
      'serverIdleTimeout',
      'serverDataTimeout' as const,
    ),
    value: numberValue,
  }),
  fc.record({ name: fc.constant('commands' as const), value: fc.array(command, { maxLength: 10 }) }),
  fc.record({
    name: fc.constant('mode' as const),
    value: fc.constantFrom('active', 'passive', 'eprt', 'epsv' as const),
  }),
  fc.record({
    name: fc.constant('serverNat' as const),
    value: fc.constantFrom('none', 'private', 'public' as const),
  }),
  fc.record({
    name: fc.constant('dataPort' as const),
    value: fc.constantFrom('textbook', 'realistic' as const),
  }),
  fc.record({ name: fc.constant('helper' as const), value: fc.boolean() }),
  fc.record({
    name: fc.constant('clientPause' as const),
    value: fc.constantFrom('none', 'after-login', 'during-upload' as const),
  }),
  fc.record({ name: fc.constant('tls' as const), value: fc.constantFrom('none', 'explicit' as const) }),
);
/** Any setting, the client program included (the naive change above cannot place it). */
const anySetting: fc.Arbitrary<Setting> = fc.oneof(
  setting,
  fc.record({
    name: fc.constant('clientProgram' as const),
    value: fc.constantFrom('classic', 'curl' as const),
  }),
);

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
    expect(after?.client).toEqual({ ...before.client, dataPort: 'realistic' });
  });

  it('refuses a ninth command and a time-out beyond the limit, as the engine would', () => {
    const s = defaultScenario();
    const nine = Array.from({ length: SCENARIO_LIMITS.commands.max + 1 }, () => ({ verb: 'LIST' as const }));
    expect(applySetting(s, { name: 'commands', value: nine })).toBeUndefined();
    expect(applySetting(s, { name: 'serverConnectTimeout', value: 601 })).toBeUndefined();
    expect(applySetting(s, { name: 'seed', value: 1.5 })).toBeUndefined();
  });

  it('agrees with the engine’s schema on every change: accepts exactly what it accepts, and the same value', () => {
    fc.assert(
      fc.property(setting, (change) => {
        const mine = applySetting(defaultScenario(), change);
        const judged = parseScenario(naive(defaultScenario(), change));
        expect(mine !== undefined).toBe(judged.ok);
        if (mine && judged.ok) expect(mine).toEqual(judged.scenario);
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });

  it('never leaves a scenario the schema refuses, whatever the order of changes (curl, active mode, TLS)', () => {
    fc.assert(
      fc.property(fc.array(anySetting, { maxLength: 12 }), (changes) => {
        let scenario = defaultScenario();
        for (const change of changes) {
          scenario = applySetting(scenario, change) ?? scenario;
          const judged = parseScenario(scenario);
          expect(judged.ok ? [] : judged.problems).toEqual([]);
        }
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });

  describe('TLS with curl, which cannot do active-mode FTPS (curl bug #10666)', () => {
    const curl = (mode: Scenario['mode'], tls: Scenario['tls'] = 'none'): Scenario => {
      const s = defaultScenario();
      return { ...s, mode, tls, client: { ...s.client, program: 'curl' } };
    };

    it('refuses explicit TLS while curl is in an active mode, takes it in a passive one', () => {
      expect(applySetting(curl('active'), { name: 'tls', value: 'explicit' })).toBeUndefined();
      expect(applySetting(curl('eprt'), { name: 'tls', value: 'explicit' })).toBeUndefined();
      expect(applySetting(curl('epsv'), { name: 'tls', value: 'explicit' })?.tls).toBe('explicit');
      expect(applySetting(curl('active'), { name: 'tls', value: 'none' })?.tls).toBe('none');
    });

    it('turns TLS off when the newest choice is an active mode with curl, or curl in an active mode', () => {
      expect(applySetting(curl('epsv', 'explicit'), { name: 'mode', value: 'active' })).toMatchObject({
        mode: 'active',
        tls: 'none',
      });
      expect(applySetting(curl('epsv', 'explicit'), { name: 'mode', value: 'passive' })?.tls).toBe(
        'explicit',
      );
      const classic = { ...defaultScenario(), tls: 'explicit' as const };
      expect(applySetting(classic, { name: 'clientProgram', value: 'curl' })).toMatchObject({
        client: { program: 'curl' },
        tls: 'none',
      });
      const passive = { ...classic, mode: 'passive' as const };
      expect(applySetting(passive, { name: 'clientProgram', value: 'curl' })?.tls).toBe('explicit');
    });
  });

  it.each([
    'seed',
    'clientConnectTimeout',
    'serverConnectTimeout',
    'serverAcceptTimeout',
    'serverIdleTimeout',
    'serverDataTimeout',
  ] as const)('takes the limits of %s at both ends and nothing beyond', (name) => {
    const { min, max } = SCENARIO_LIMITS[name];
    const at = (value: number) => applySetting(defaultScenario(), { name, value }) !== undefined;
    expect([at(min - 1), at(min), at(max), at(max + 1)]).toEqual([false, true, true, false]);
    expect(parseScenario(naive(defaultScenario(), { name, value: max + 1 })).ok).toBe(false);
  });
});
