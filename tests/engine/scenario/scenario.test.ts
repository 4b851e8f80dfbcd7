import { describe, expect, it } from 'vitest';
import { DEFAULT_STOR_SIZE, defaultScenario } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

describe('scenario model', () => {
  it('defaults to the textbook example: active mode, one LIST, no firewall, no NAT, data port N+1', () => {
    const s = defaultScenario();
    expect(s.mode).toBe('active');
    expect(s.commands).toEqual([{ verb: 'LIST' }]);
    expect(s.clientFirewall).toBe('none');
    expect(s.serverFirewall).toBe('none');
    expect(s.clientNat).toBe(false);
    expect(s.serverNat).toBe('none');
    expect(s.helper).toBe(false);
    expect(s.client.dataPort).toBe('textbook');
    expect(s.server.connectTimeout).toBe(60);
    expect(s.server.acceptTimeout).toBe(60);
  });

  it('fills every field left out with the plain defaults the simulator starts from', () => {
    expect(parseScenario({})).toEqual({ ok: true, scenario: defaultScenario() });
    expect(parseScenario({ commands: [{ verb: 'STOR', file: 'x' }] })).toMatchObject({
      ok: true,
      scenario: { commands: [{ verb: 'STOR', file: 'x', size: DEFAULT_STOR_SIZE }] },
    });
  });

  it('hands out a fresh default each time, so no caller can change another’s', () => {
    const a = defaultScenario();
    a.server.files.push({ name: 'x', size: 1 });
    expect(defaultScenario().server.files).toHaveLength(2);
  });

  it('names the field and the allowed values of a bad input', () => {
    const r = parseScenario({ mode: 'sideways', serverFirewall: 'open' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['mode', 'serverFirewall']);
    expect(r.problems[0]?.message).toContain('active');
    expect(r.problems[1]?.message).toContain('port21+range');
  });

  it('rejects unknown fields, bad addresses and reversed port ranges', () => {
    const r = parseScenario({
      colour: 'red',
      client: { ip: '300.1.1.1' },
      server: { passivePorts: { min: 50000, max: 40000 } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.problems.map((p) => p.field);
    expect(fields).toContain('client.ip');
    expect(fields).toContain('server.passivePorts');
    expect(r.problems.some((p) => p.message.includes('colour'))).toBe(true);
  });

  it('names the first few unknown fields, each short and on one line', () => {
    const fields = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, i]));
    const many = parseScenario(fields);
    expect(!many.ok && many.problems[0]?.message).toBe('unknown fields: f0, f1, f2, f3, f4 and 995 more');
    const odd = parseScenario({ ['k'.repeat(1000)]: 1, 'a\nb': 2 });
    expect(!odd.ok && odd.problems[0]?.message).toBe(`unknown fields: ${'k'.repeat(40)}…, "a\\nb"`);
  });

  it('refuses file names that could smuggle protocol text', () => {
    const r = parseScenario({ commands: [{ verb: 'RETR', file: 'a\r\nDELE b' }] });
    expect(r.ok).toBe(false);
  });
});
