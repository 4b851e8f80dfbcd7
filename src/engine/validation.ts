/**
 * The engine's other public surface: untrusted input (a scenario file, CLI flags, a link) to a
 * `Scenario`. Separate from `index.ts` because it carries zod, which the simulator does not need to start.
 */
export {
  parseScenario,
  type ScenarioInput,
  type ScenarioProblem,
  type ScenarioResult,
} from './scenario/schema';
