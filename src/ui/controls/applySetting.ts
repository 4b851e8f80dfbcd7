import { parseScenario, ScenarioSchema, type Scenario, type TransferCommand } from '../../engine';

/** A command as the controls build it; the engine's schema fills in what is left out (STOR's size). */
export type CommandDraft =
  | { readonly verb: 'LIST' }
  | { readonly verb: 'RETR'; readonly file: string }
  | { readonly verb: 'STOR'; readonly file: string; readonly size?: number };

/** The settings the controls offer, each a field of the Scenario. */
export type Setting =
  | { readonly name: 'mode'; readonly value: Scenario['mode'] }
  | { readonly name: 'clientFirewall'; readonly value: Scenario['clientFirewall'] }
  | { readonly name: 'serverFirewall'; readonly value: Scenario['serverFirewall'] }
  | { readonly name: 'clientNat'; readonly value: boolean }
  | { readonly name: 'serverNat'; readonly value: Scenario['serverNat'] }
  | { readonly name: 'helper'; readonly value: boolean }
  | { readonly name: 'dataPort'; readonly value: Scenario['client']['dataPort'] }
  | { readonly name: 'commands'; readonly value: readonly (CommandDraft | TransferCommand)[] }
  | { readonly name: 'seed'; readonly value: number }
  | { readonly name: 'clientConnectTimeout'; readonly value: number }
  | { readonly name: 'serverConnectTimeout'; readonly value: number }
  | { readonly name: 'serverAcceptTimeout'; readonly value: number };

function withSetting(scenario: Scenario, setting: Setting): unknown {
  switch (setting.name) {
    case 'dataPort':
      return { ...scenario, client: { ...scenario.client, dataPort: setting.value } };
    case 'clientConnectTimeout':
      return { ...scenario, client: { ...scenario.client, connectTimeout: setting.value } };
    case 'serverConnectTimeout':
      return { ...scenario, server: { ...scenario.server, connectTimeout: setting.value } };
    case 'serverAcceptTimeout':
      return { ...scenario, server: { ...scenario.server, acceptTimeout: setting.value } };
    default:
      return { ...scenario, [setting.name]: setting.value };
  }
}

/** The scenario with one setting changed, validated by the engine's own schema (throws if invalid). */
export function applySetting(scenario: Scenario, setting: Setting): Scenario {
  return ScenarioSchema.parse(withSetting(scenario, setting));
}

/**
 * The scenario with one setting changed, or undefined when the engine's schema rejects the value (a
 * time-out out of range while the user is still typing, a ninth command).
 */
export function trySetting(scenario: Scenario, setting: Setting): Scenario | undefined {
  const parsed = parseScenario(withSetting(scenario, setting));
  return parsed.ok ? parsed.scenario : undefined;
}
