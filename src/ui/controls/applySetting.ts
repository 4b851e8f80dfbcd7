import { ScenarioSchema, type Scenario } from '../../engine';

/** The settings the first screen offers, each a field of the Scenario. */
export type Setting =
  | { readonly name: 'mode'; readonly value: Scenario['mode'] }
  | { readonly name: 'clientFirewall'; readonly value: Scenario['clientFirewall'] }
  | { readonly name: 'serverFirewall'; readonly value: Scenario['serverFirewall'] }
  | { readonly name: 'clientNat'; readonly value: boolean }
  | { readonly name: 'serverNat'; readonly value: Scenario['serverNat'] }
  | { readonly name: 'helper'; readonly value: boolean }
  | { readonly name: 'dataPort'; readonly value: Scenario['client']['dataPort'] };

/** The scenario with one setting changed, validated by the engine's own schema. */
export function applySetting(scenario: Scenario, setting: Setting): Scenario {
  const next =
    setting.name === 'dataPort'
      ? { ...scenario, client: { ...scenario.client, dataPort: setting.value } }
      : { ...scenario, [setting.name]: setting.value };
  return ScenarioSchema.parse(next);
}
