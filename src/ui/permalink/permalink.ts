// The engine's light surface: the address is kept in sync from the first render, before the simulation loads.
import { DEFAULT_STOR_SIZE, defaultScenario, type Scenario } from '../../engine/basics';
import type { Language } from '../../i18n/language';

/**
 * What a permalink holds: the scenario, the step, the view, the language and presentation mode.
 * `cursor` is the store's 0-based index; the URL shows it 1-based as `step`, the number on screen.
 */
export interface Permalink {
  readonly scenario: Scenario;
  readonly cursor: number;
  readonly view: string;
  readonly lang: Language;
  readonly present: boolean;
}

/** A decoded link: the language is undefined when the link does not name one (the browser's is used). */
export type DecodedPermalink = Omit<Permalink, 'lang'> & { readonly lang: Language | undefined };

export type PermalinkResult =
  | { readonly ok: true; readonly link: DecodedPermalink }
  | {
      readonly ok: false;
      /** What was wrong, for developers (the user sees one short translated notice). */
      readonly problems: readonly string[];
      /** A valid `lang` is kept even from a broken link, so the notice is in the reader's language. */
      readonly lang: Language | undefined;
    };

/** The highest step number a link may name; the real bound is the scenario's step count. */
export const MAX_LINK_STEP = 99_999;

/**
 * Query parameters, short and readable: `?mode=passive&cfw=stateful&cmd=LIST,RETR:hello.txt&step=14`.
 * Only values that differ from the engine's defaults are written. The vsftpd time-outs keep vsftpd's
 * own option names.
 */
export const PARAMS = [
  'mode',
  'cmd',
  'cfw',
  'sfw',
  'cnat',
  'snat',
  'helper',
  'dport',
  'seed',
  'client_timeout',
  'connect_timeout',
  'accept_timeout',
  'idle_timeout',
  'data_timeout',
  'pause',
  'uploads',
  'files',
  'pasv',
  'user',
  'pass',
  'net',
  // The IP version, written only for IPv6: links made before it (IPv4) stay as they were.
  'ip',
  'tls',
  'cip',
  'cport',
  'sip',
  'clan',
  'cwan',
  'swan',
  'slan',
  // Earlier links named both router addresses in one pair; still read, no longer written.
  'crouter',
  'srouter',
  'step',
  'view',
  'lang',
  'present',
] as const;
export type Param = (typeof PARAMS)[number];

/** Added to links by mail and social sites; not ours, and not a sign of tampering. Dropped on sync. */
export const FOREIGN_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_eid)$/;

/**
 * Parameters that other features own (the quiz view's `quiz`): the permalink neither reads them nor
 * refuses them, and keeps them in the address when it rewrites it.
 */
export const PASSTHROUGH_PARAMS: readonly string[] = ['quiz', 'chapter', 'predict'];

// Characters that are safe in a query value and keep the link readable: `cmd=LIST,RETR:hello.txt`.
const READABLE = { '%3A': ':', '%2C': ',', '%40': '@', '%2F': '/' } as const;

function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A|%2C|%40|%2F/g, (m) => READABLE[m as keyof typeof READABLE]);
}

const flag = (on: boolean): string => (on ? '1' : '0');
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function encodeCommands(commands: Scenario['commands']): string {
  return commands
    .map((c) => {
      switch (c.verb) {
        case 'LIST':
          return 'LIST';
        case 'RETR':
          return `RETR:${c.file}`;
        case 'STOR':
          return c.size === DEFAULT_STOR_SIZE ? `STOR:${c.file}` : `STOR:${c.file}:${c.size}`;
      }
    })
    .join(',');
}

/**
 * The query string, with its `?`, that restores `link`. `current` is the address's query string: the
 * parameters other features own (PASSTHROUGH_PARAMS) are carried over from it.
 */
export function encodePermalink(link: Permalink, defaultView: string, current = ''): string {
  const d = defaultScenario();
  const s = link.scenario;
  const out: [Param, string][] = [];
  const put = (name: Param, value: string, defaultValue: string): void => {
    if (value !== defaultValue) out.push([name, value]);
  };
  put('mode', s.mode, d.mode);
  put('cmd', encodeCommands(s.commands), encodeCommands(d.commands));
  put('cfw', s.clientFirewall, d.clientFirewall);
  put('sfw', s.serverFirewall, d.serverFirewall);
  put('cnat', flag(s.clientNat), flag(d.clientNat));
  put('snat', s.serverNat, d.serverNat);
  put('helper', flag(s.helper), flag(d.helper));
  put('dport', s.client.dataPort, d.client.dataPort);
  put('seed', String(s.seed), String(d.seed));
  put('client_timeout', String(s.client.connectTimeout), String(d.client.connectTimeout));
  put('connect_timeout', String(s.server.connectTimeout), String(d.server.connectTimeout));
  put('accept_timeout', String(s.server.acceptTimeout), String(d.server.acceptTimeout));
  put('idle_timeout', String(s.server.idleTimeout), String(d.server.idleTimeout));
  put('data_timeout', String(s.server.dataTimeout), String(d.server.dataTimeout));
  put('pause', s.client.pause, d.client.pause);
  put('uploads', flag(s.server.uploads), flag(d.server.uploads));
  if (!same(s.server.files, d.server.files))
    out.push(['files', s.server.files.map((f) => `${f.name}:${f.size}`).join(',')]);
  put(
    'pasv',
    `${s.server.passivePorts.min}-${s.server.passivePorts.max}`,
    `${d.server.passivePorts.min}-${d.server.passivePorts.max}`,
  );
  put('user', s.user, d.user);
  put('pass', s.password, d.password);
  put('net', s.network, d.network);
  put('ip', String(s.ipVersion), String(d.ipVersion));
  put('tls', s.tls, d.tls);
  // Addresses are written only where the scenario names one; the rest follow from the NAT settings.
  const address = (name: Param, value: string | undefined): void => {
    if (value !== undefined) out.push([name, value]);
  };
  address('cip', s.client.ip);
  put('cport', String(s.client.controlPort), String(d.client.controlPort));
  address('sip', s.server.ip);
  address('clan', s.clientRouter.lanIp);
  address('cwan', s.clientRouter.wanIp);
  address('swan', s.serverRouter.wanIp);
  address('slan', s.serverRouter.lanIp);
  put('step', String(link.cursor + 1), '1');
  put('view', link.view, defaultView);
  // Always written: a shared link opens in the language it was made in, whatever the reader's browser.
  out.push(['lang', link.lang]);
  put('present', flag(link.present), '0');
  const kept = new URLSearchParams(current.replace(/^\?/, ''));
  for (const name of PASSTHROUGH_PARAMS)
    for (const value of kept.getAll(name)) out.push([name as Param, value]);
  return `?${out.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&')}`;
}
