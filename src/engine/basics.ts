/**
 * The engine's light surface: the scenario as plain data and the helpers that read events, without the
 * simulation. What the app's first screen needs (the store, the permalink) comes from here, so that the
 * app renders before the rest of the engine has loaded; everything here is in `index.ts` too.
 */
export { defaultScenario, DEFAULT_STOR_SIZE, type Scenario } from './scenario/scenario';
export { eventConn, eventOfPacket, isPacketEvent, type StepEvent } from './events/stepEvent';
