import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_FIREWALLS,
  CLIENT_PAUSES,
  DATA_PORT_POLICIES,
  MODES,
  NETWORKS,
  SERVER_FIREWALLS,
  SERVER_NATS,
  defaultScenario,
  type Scenario,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { LANGUAGES } from '../../../src/i18n';
import { decodePermalink } from '../../../src/ui/permalink/decodePermalink';
import { encodePermalink, MAX_LINK_STEP, type Permalink } from '../../../src/ui/permalink/permalink';

const VIEWS = ['simulator', 'compare', 'quiz'] as const;

function scenario(input: object): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

function link(overrides: Partial<Permalink> = {}): Permalink {
  return {
    scenario: defaultScenario(),
    cursor: 0,
    view: 'simulator',
    lang: 'en',
    present: false,
    ...overrides,
  };
}

const decode = (search: string) => decodePermalink(search, VIEWS);

// Arbitrary scenario inputs over every field the schema has; the engine's parseScenario keeps the valid.
const fileName = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);
const ipv4 = fc.ipV4();
const command = fc.oneof(
  fc.constant({ verb: 'LIST' as const }),
  fc.record({ verb: fc.constant('RETR' as const), file: fileName }),
  fc.record(
    { verb: fc.constant('STOR' as const), file: fileName, size: fc.integer({ min: 0, max: 65536 }) },
    { requiredKeys: ['verb', 'file'] },
  ),
);
const seconds = (max: number) =>
  fc.oneof(fc.integer({ min: 1, max }), fc.double({ min: 1, max, noNaN: true, noDefaultInfinity: true }));
const scenarioInput = fc.record(
  {
    mode: fc.constantFrom(...MODES),
    commands: fc.array(command, { minLength: 1, maxLength: 8 }),
    user: fc.stringMatching(/^[\x21-\x7e]{1,32}$/),
    password: fc.stringMatching(/^[\x21-\x7e]{1,64}$/),
    client: fc.record(
      {
        ip: ipv4,
        controlPort: fc.integer({ min: 1024, max: 65000 }),
        dataPort: fc.constantFrom(...DATA_PORT_POLICIES),
        connectTimeout: seconds(300),
        pause: fc.constantFrom(...CLIENT_PAUSES),
      },
      { requiredKeys: [] },
    ),
    server: fc.record(
      {
        ip: ipv4,
        passivePorts: fc
          .tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }))
          .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
        connectTimeout: seconds(600),
        acceptTimeout: seconds(600),
        idleTimeout: seconds(3600),
        dataTimeout: seconds(3600),
        uploads: fc.boolean(),
        files: fc.array(fc.record({ name: fileName, size: fc.integer({ min: 0, max: 65536 }) }), {
          maxLength: 16,
        }),
      },
      { requiredKeys: [] },
    ),
    clientRouter: fc.record({ lanIp: ipv4, wanIp: ipv4 }, { requiredKeys: [] }),
    serverRouter: fc.record({ wanIp: ipv4, lanIp: ipv4 }, { requiredKeys: [] }),
    clientFirewall: fc.constantFrom(...CLIENT_FIREWALLS),
    serverFirewall: fc.constantFrom(...SERVER_FIREWALLS),
    clientNat: fc.boolean(),
    serverNat: fc.constantFrom(...SERVER_NATS),
    helper: fc.boolean(),
    network: fc.constantFrom(...NETWORKS),
    ipVersion: fc.constantFrom(4, 6),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  },
  { requiredKeys: [] },
);
const permalink = fc.record({
  scenario: scenarioInput
    .map((input) => parseScenario(input))
    .filter((r) => r.ok)
    .map((r) => (r.ok ? r.scenario : defaultScenario())),
  cursor: fc.integer({ min: 0, max: MAX_LINK_STEP - 1 }),
  view: fc.constantFrom(...VIEWS),
  lang: fc.constantFrom(...LANGUAGES),
  present: fc.boolean(),
});

describe('encodePermalink', () => {
  it('writes only what differs from the defaults, readably', () => {
    const s = scenario({
      mode: 'passive',
      clientFirewall: 'stateful',
      commands: [{ verb: 'LIST' }, { verb: 'RETR', file: 'hello.txt' }],
    });
    expect(encodePermalink(link({ scenario: s, cursor: 13, lang: 'es' }), 'simulator')).toBe(
      '?mode=passive&cmd=LIST,RETR:hello.txt&cfw=stateful&step=14&lang=es',
    );
  });

  it('gives the default state as the language alone', () => {
    expect(encodePermalink(link(), 'simulator')).toBe('?lang=en');
  });

  it('writes the view, presentation mode, uploads, time-outs and seed with their own names', () => {
    const s = scenario({
      seed: 42,
      server: { connectTimeout: 5, acceptTimeout: 7.5, idleTimeout: 30, dataTimeout: 12.5 },
      client: { connectTimeout: 20, pause: 'during-upload' },
      commands: [
        { verb: 'STOR', file: 'up.bin' },
        { verb: 'STOR', file: 'big.bin', size: 4000 },
      ],
    });
    expect(encodePermalink(link({ scenario: s, view: 'compare', present: true }), 'simulator')).toBe(
      '?cmd=STOR:up.bin,STOR:big.bin:4000&seed=42&client_timeout=20&connect_timeout=5&accept_timeout=7.5&idle_timeout=30&data_timeout=12.5&pause=during-upload&view=compare&lang=en&present=1',
    );
  });

  it('escapes what would break the query string', () => {
    const s = scenario({ password: 'a&b=c#d+e%f', serverFirewall: 'port21+range' });
    const search = encodePermalink(link({ scenario: s }), 'simulator');
    expect(search).toContain('pass=a%26b%3Dc%23d%2Be%25f');
    expect(search).toContain('sfw=port21%2Brange');
    const decoded = decode(search);
    expect(decoded.ok && decoded.link.scenario).toEqual(s);
  });
});

describe('decodePermalink', () => {
  it('restores every valid state exactly (round trip over random scenarios)', () => {
    fc.assert(
      fc.property(permalink, (l) => {
        const decoded = decode(encodePermalink(l, 'simulator'));
        expect(decoded).toEqual({ ok: true, link: l });
      }),
      { numRuns: 300 },
    );
  });

  it('reads the readable form, with or without the leading ? or #', () => {
    for (const prefix of ['?', '#', '']) {
      const decoded = decode(`${prefix}mode=epsv&cmd=LIST,RETR:hello.txt&step=3&view=quiz&lang=es&present=1`);
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) return;
      expect(decoded.link).toMatchObject({ cursor: 2, view: 'quiz', lang: 'es', present: true });
      expect(decoded.link.scenario.mode).toBe('epsv');
      expect(decoded.link.scenario.commands).toEqual([{ verb: 'LIST' }, { verb: 'RETR', file: 'hello.txt' }]);
    }
  });

  it('opens the default state for an empty link, with no language', () => {
    expect(decode('')).toEqual({
      ok: true,
      link: { scenario: defaultScenario(), cursor: 0, view: 'simulator', lang: undefined, present: false },
    });
  });

  it('keeps valid explicit addresses, and a routed private network that allows private ones', () => {
    const lab = decode('?net=routed-private&cip=192.168.1.10&swan=203.0.113.9');
    expect(lab.ok && lab.link.scenario).toMatchObject({
      network: 'routed-private',
      client: { ip: '192.168.1.10' },
      serverRouter: { wanIp: '203.0.113.9' },
    });
    // Links from before the addresses followed NAT named both router addresses in one pair.
    const legacy = decode('?crouter=198.51.100.1,203.0.113.7');
    expect(legacy.ok && legacy.link.scenario.clientRouter).toEqual({
      lanIp: '198.51.100.1',
      wanIp: '203.0.113.7',
    });
    expect(
      encodePermalink(link({ scenario: scenario({ clientRouter: { wanIp: '203.0.113.7' } }) }), 'simulator'),
    ).toBe('?cwan=203.0.113.7&lang=en');
  });

  it('writes ip=6 for an IPv6 session only, and reads links without it as IPv4', () => {
    const six = scenario({ ipVersion: 6, mode: 'epsv', server: { ip: '2001:db8:2::99' } });
    const text = encodePermalink(link({ scenario: six }), 'simulator');
    expect(text).toBe('?mode=epsv&ip=6&sip=2001:db8:2::99&lang=en');
    const back = decode(text);
    expect(back.ok && back.link.scenario).toEqual(six);
    const old = decode('?mode=epsv&lang=en');
    expect(old.ok && old.link.scenario.ipVersion).toBe(4);
  });

  it('accepts a + typed into the address bar in sfw', () => {
    const decoded = decode('?sfw=port21+range');
    expect(decoded.ok && decoded.link.scenario.serverFirewall).toBe('port21+range');
  });

  it('leaves the quiz view’s own parameter alone, and carries it over when rewriting', () => {
    expect(decode('?view=quiz&quiz=seed:42').ok).toBe(true);
    expect(encodePermalink(link({ view: 'quiz' }), 'simulator', '?view=quiz&quiz=seed:42&junk=1')).toBe(
      '?view=quiz&lang=en&quiz=seed:42',
    );
  });

  it('ignores parameters that mail and social sites add', () => {
    expect(decode('?mode=passive&utm_source=mail&fbclid=abc').ok).toBe(true);
  });

  it.each([
    ['an unknown mode', '?mode=turbo'],
    ['an unknown client firewall', '?cfw=paranoid'],
    ['a boolean that is not 1 or 0', '?cnat=yes'],
    ['step 0', '?step=0'],
    ['a negative step', '?step=-4'],
    ['a step that is not a number', '?step=abc'],
    ['a fractional step', '?step=2.5'],
    ['a step in exponent notation', '?step=1e3'],
    ['a step beyond any scenario', `?step=${MAX_LINK_STEP + 1}`],
    ['an unknown view', '?view=admin'],
    ['an unknown language', '?lang=fr'],
    ['present other than 1 or 0', '?present=2'],
    ['an unknown parameter', '?mode=active&debug=1'],
    ['a repeated parameter', '?mode=active&mode=passive'],
    ['no commands', '?cmd='],
    ['an unknown verb', '?cmd=DELE:hello.txt'],
    ['RETR without a file', '?cmd=RETR'],
    ['a file name with a path', '?cmd=RETR:../etc/passwd'],
    ['a file name with spaces', '?cmd=RETR:a%20b'],
    ['too many commands', `?cmd=${Array(9).fill('LIST').join(',')}`],
    ['a STOR size that is not a number', '?cmd=STOR:x.bin:big'],
    ['a time-out out of range', '?connect_timeout=601'],
    ['a negative seed', '?seed=-1'],
    ['a seed too large', '?seed=4294967296'],
    ['a passive range upside down', '?pasv=40009-40000'],
    ['a port range with one end', '?pasv=40000'],
    ['an address that is not IPv4', '?cip=192.168.1.300'],
    ['a router with three addresses', '?crouter=1.1.1.1,2.2.2.2,3.3.3.3'],
    ['a private address for a client that is not behind NAT', '?cip=192.168.1.10'],
    ['an address that is not unicast', '?cnat=1&cip=0.0.0.0'],
    ['two devices with one address', '?sip=198.51.100.10'],
    ['a router whose two sides are equal', '?cwan=198.51.100.1'],
    ['a router pair and one of its addresses again', '?crouter=198.51.100.1,203.0.113.1&clan=198.51.100.1'],
    ['an unknown network', '?net=intranet'],
    ['an IP version that does not exist', '?ip=5'],
    ['NAT with IPv6', '?ip=6&cnat=1'],
    ['an IPv4 address in an IPv6 session', '?ip=6&cip=198.51.100.10'],
    ['a passive range over port 21', '?pasv=10-30'],
    ['a file listed twice', '?files=a.txt:1,a.txt:2'],
    ['a malformed file list', '?files=a.txt'],
    ['a user with a space', '?user=a%20b'],
    ['garbage', '?%%%&&=='],
    ['a JSON blob', '?{"mode":"active"}'],
    ['an HTML injection attempt', '?view=<script>alert(1)</script>'],
  ])('rejects %s', (_, search) => {
    const decoded = decode(search);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problems.length).toBeGreaterThan(0);
  });

  it('keeps a valid language from a broken link, so the notice is in the reader’s language', () => {
    expect(decode('?mode=turbo&lang=es')).toMatchObject({ ok: false, lang: 'es' });
    expect(decode('?mode=turbo&lang=xx')).toMatchObject({ ok: false, lang: undefined });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const decoded = decode(text);
        if (decoded.ok) expect(parseScenario(decoded.link.scenario).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on tampered versions of valid links', () => {
    fc.assert(
      fc.property(permalink, fc.nat(), fc.string({ maxLength: 4 }), (l, at, junk) => {
        const search = encodePermalink(l, 'simulator');
        const i = at % search.length;
        const decoded = decode(search.slice(0, i) + junk + search.slice(i + 1));
        // Either a valid link (the change happened to be harmless) or a clean refusal.
        expect(typeof decoded.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
