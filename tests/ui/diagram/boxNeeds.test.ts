import { describe, expect, it } from 'vitest';
import { addressPlan, defaultScenario, deviceFeatures, type DeviceId } from '../../../src/engine';
import { createI18n } from '../../../src/i18n';
import { boxNeeds, deviceWords, wordsWidth } from '../../../src/ui/diagram/boxNeeds';
import { DESK_TYPE, PROJECTOR_TYPE, diagramLayout, fitBoxes } from '../../../src/ui/diagram/layout';

describe('boxes as wide as their words', () => {
  it('estimates a digit-heavy address wider than a short one, bold wider than regular, never zero', () => {
    expect(wordsWidth('LAN 198.51.100.1', 13.5)).toBeGreaterThan(wordsWidth('LAN 192.0.2.1', 13.5));
    expect(wordsWidth('Router', 15, true)).toBeGreaterThan(wordsWidth('Router', 15));
    // DejaVu Sans, the widest usual font, sets "LAN 198.51.100.1" at 13.5 px in about 121 px.
    expect(wordsWidth('LAN 198.51.100.1', 13.5)).toBeGreaterThanOrEqual(121);
    expect(wordsWidth('LAN 198.51.100.1', 13.5)).toBeLessThan(121 * 1.2);
  });

  it('keeps the picture within its screen for today’s IPv4 addresses, in either language, with NAT or without', () => {
    for (const lang of ['en', 'es'] as const)
      for (const nat of [false, true])
        for (const presenting of [false, true]) {
          const scenario = {
            ...defaultScenario(),
            clientNat: nat,
            serverNat: nat ? 'private' : 'none',
          } as const;
          const base = diagramLayout('horizontal', 2, presenting);
          const words = deviceWords(addressPlan(scenario), deviceFeatures(scenario), createI18n(lang).t);
          const fitted = fitBoxes(base, boxNeeds(words, base.type));
          // A laptop's picture keeps its width; a projector's grows a little for its 18 px socket
          // addresses, and still fits a 1280×720 projector's frame (about 1240 px) at 1:1.
          if (presenting) expect(fitted.width).toBeLessThanOrEqual(1230);
          else expect(fitted.width).toBe(base.width);
          fitted.boxes.forEach((b, i) => expect(b.width).toBeGreaterThanOrEqual(base.boxes[i]?.width ?? 0));
        }
    const base = diagramLayout('horizontal', 2, false);
    expect(fitBoxes(base, {})).toBe(base);
  });

  it('widens a box for a long IPv6 address, taking the room from the gaps, and keeps the boxes in order', () => {
    const base = diagramLayout('horizontal', 2, false);
    const words = {
      'client-router': {
        kind: 'router',
        name: 'Router',
        lines: ['LAN 2001:db8:1::1', 'WAN 2001:db8:ffff::1'],
      },
      client: { kind: 'host', name: 'Client', lines: ['2001:db8:1::10'] },
    } as const;
    const need = boxNeeds(words, DESK_TYPE);
    const fitted = fitBoxes(base, need);
    for (const id of ['client', 'client-router'] as DeviceId[]) {
      const box = fitted.boxes.find((b) => b.id === id);
      expect(box?.width).toBeGreaterThanOrEqual(need[id] ?? Infinity);
    }
    expect(fitted.width).toBe(base.width);
    for (let i = 1; i < fitted.boxes.length; i++) {
      const a = fitted.boxes[i - 1];
      const b = fitted.boxes[i];
      expect(b && a && b.x - (a.x + a.width)).toBeGreaterThanOrEqual(20);
    }
    // The links join the boxes where they now stand.
    expect(fitted.links[0]?.start.x).toBe((fitted.boxes[0]?.x ?? 0) + (fitted.boxes[0]?.width ?? 0));
    expect(fitted.links[0]?.end.x).toBe(fitted.boxes[1]?.x);
  });

  it('makes the picture wider when the gaps cannot give enough room', () => {
    const base = diagramLayout('horizontal', 2, true);
    const wide = 'WAN 2001:db8:ffff:ffff:ffff:ffff:ffff:1';
    const words = {
      'client-router': { kind: 'router', name: 'Router', lines: [wide] },
      'server-router': { kind: 'router', name: 'Router', lines: [wide] },
    } as const;
    const fitted = fitBoxes(base, boxNeeds(words, PROJECTOR_TYPE));
    expect(fitted.width).toBeGreaterThan(base.width);
    const last = fitted.boxes[fitted.boxes.length - 1];
    expect(last && last.x + last.width).toBeLessThanOrEqual(fitted.width);
  });
});
