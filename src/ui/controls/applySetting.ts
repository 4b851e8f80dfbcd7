import {
  DEFAULT_STOR_SIZE,
  SCENARIO_LIMITS,
  supportsExplicitTls,
  withoutUnworkableAddresses,
  type IpVersion,
  type Scenario,
  type TransferCommand,
} from '../../engine';

/** A command as the controls build it; a STOR without a size uploads the engine's default size. */
export type CommandDraft =
  | { readonly verb: 'LIST' }
  | { readonly verb: 'RETR'; readonly file: string }
  | { readonly verb: 'STOR'; readonly file: string; readonly size?: number };

/** The number fields: each bounded by the engine's limit of the same name. */
export type NumberSettingName =
  | 'seed'
  | 'clientConnectTimeout'
  | 'serverConnectTimeout'
  | 'serverAcceptTimeout'
  | 'serverIdleTimeout'
  | 'serverDataTimeout';

/** The settings the controls offer, each a field of the Scenario. */
export type Setting =
  | { readonly name: 'mode'; readonly value: Scenario['mode'] }
  | { readonly name: 'clientFirewall'; readonly value: Scenario['clientFirewall'] }
  | { readonly name: 'serverFirewall'; readonly value: Scenario['serverFirewall'] }
  | { readonly name: 'clientNat'; readonly value: boolean }
  | { readonly name: 'serverNat'; readonly value: Scenario['serverNat'] }
  | { readonly name: 'helper'; readonly value: boolean }
  | { readonly name: 'ipVersion'; readonly value: IpVersion }
  | { readonly name: 'tls'; readonly value: Scenario['tls'] }
  | { readonly name: 'dataPort'; readonly value: Scenario['client']['dataPort'] }
  | { readonly name: 'clientPause'; readonly value: Scenario['client']['pause'] }
  | { readonly name: 'clientProgram'; readonly value: Scenario['client']['program'] }
  | { readonly name: 'commands'; readonly value: readonly (CommandDraft | TransferCommand)[] }
  | { readonly name: NumberSettingName; readonly value: number };

const within = (value: number, { min, max }: { readonly min: number; readonly max: number }): boolean =>
  Number.isFinite(value) && value >= min && value <= max;

const command = (c: CommandDraft | TransferCommand): TransferCommand =>
  c.verb === 'STOR' ? { verb: 'STOR', file: c.file, size: c.size ?? DEFAULT_STOR_SIZE } : { ...c };

/**
 * The newest choice wins: choosing curl, or an active mode with curl, while the control connection is
 * encrypted turns TLS off rather than leave a scenario the engine refuses (curl 7.88 cannot do active-mode
 * FTPS); the TLS setting's hint says why.
 */
function withTlsItCanDo(scenario: Scenario): Scenario {
  return scenario.tls === 'explicit' && !supportsExplicitTls(scenario.client.program, scenario.mode)
    ? { ...scenario, tls: 'none' }
    : scenario;
}

/**
 * The scenario with one setting changed, or undefined when the value is outside the engine's limits (a
 * time-out out of range while the user is still typing, a ninth command). The controls only build typed
 * values (choices, the server's own file names), so the limits are all there is left to check; the
 * engine's schema enforces the same SCENARIO_LIMITS on untrusted input, and a test holds the two together.
 */
export function applySetting(scenario: Scenario, setting: Setting): Scenario | undefined {
  switch (setting.name) {
    case 'tls':
      // Not offered while the client cannot do it (curl 7.88 in an active mode): the hint says why.
      return setting.value === 'explicit' && !supportsExplicitTls(scenario.client.program, scenario.mode)
        ? undefined
        : { ...scenario, tls: setting.value };
    case 'mode':
      return withTlsItCanDo({ ...scenario, mode: setting.value });
    case 'dataPort':
      return { ...scenario, client: { ...scenario.client, dataPort: setting.value } };
    case 'clientPause':
      return scenario.client.program === 'curl' && setting.value !== 'none'
        ? undefined
        : { ...scenario, client: { ...scenario.client, pause: setting.value } };
    case 'clientProgram':
      // curl never pauses on its own: choosing it takes the pause away (the engine would refuse both).
      return withTlsItCanDo({
        ...scenario,
        client: {
          ...scenario.client,
          program: setting.value,
          ...(setting.value === 'curl' ? { pause: 'none' as const } : {}),
        },
      });
    case 'serverIdleTimeout':
      return within(setting.value, SCENARIO_LIMITS.serverIdleTimeout)
        ? { ...scenario, server: { ...scenario.server, idleTimeout: setting.value } }
        : undefined;
    case 'serverDataTimeout':
      return within(setting.value, SCENARIO_LIMITS.serverDataTimeout)
        ? { ...scenario, server: { ...scenario.server, dataTimeout: setting.value } }
        : undefined;
    case 'clientConnectTimeout':
      return within(setting.value, SCENARIO_LIMITS.clientConnectTimeout)
        ? { ...scenario, client: { ...scenario.client, connectTimeout: setting.value } }
        : undefined;
    case 'serverConnectTimeout':
      return within(setting.value, SCENARIO_LIMITS.serverConnectTimeout)
        ? { ...scenario, server: { ...scenario.server, connectTimeout: setting.value } }
        : undefined;
    case 'serverAcceptTimeout':
      return within(setting.value, SCENARIO_LIMITS.serverAcceptTimeout)
        ? { ...scenario, server: { ...scenario.server, acceptTimeout: setting.value } }
        : undefined;
    case 'seed':
      return Number.isInteger(setting.value) && within(setting.value, SCENARIO_LIMITS.seed)
        ? { ...scenario, seed: setting.value }
        : undefined;
    case 'commands':
      return within(setting.value.length, SCENARIO_LIMITS.commands)
        ? { ...scenario, commands: setting.value.map(command) }
        : undefined;
    case 'ipVersion':
      // IPv6 has no NAT (the engine refuses it); explicit addresses of the other version are dropped.
      return withoutUnworkableAddresses({
        ...scenario,
        ipVersion: setting.value,
        ...(setting.value === 6 ? { clientNat: false, serverNat: 'none' as const } : {}),
      });
    case 'clientNat':
    case 'serverNat':
      // A link's own addresses stay where they still work; the others follow the new NAT setting.
      return withoutUnworkableAddresses({ ...scenario, [setting.name]: setting.value });
    default:
      return { ...scenario, [setting.name]: setting.value };
  }
}
