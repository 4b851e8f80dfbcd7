import { formatEndpoint, summarize, type Simulation } from '../../src/engine';

/** The readable transcript the CLI prints by default: the scenario in brief, every event, the verdict. */
export function transcript(sim: Simulation): string {
  const s = sim.scenario;
  const a = sim.addresses;
  const header = [
    `FTP Flow Lab — ${s.client.program === 'curl' ? 'curl, ' : ''}${s.mode} mode, ${s.commands.map((c) => (c.verb === 'LIST' ? 'LIST' : `${c.verb} ${c.file}`)).join(', ')}`,
    `client ${formatEndpoint({ ip: a.client, port: s.client.controlPort })}${s.clientNat ? ` behind NAT (${a.clientRouter.wan})` : ''}, firewall ${s.clientFirewall}; ` +
      `server ${a.server}${s.serverNat !== 'none' ? ` behind NAT (${a.serverRouter.wan}, ${s.serverNat})` : ''}, firewall ${s.serverFirewall}; ` +
      `FTP helper ${s.helper ? 'on' : 'off'}; data ports ${s.client.dataPort}; seed ${s.seed}${s.ipVersion === 6 ? '; IPv6' : ''}${s.tls === 'explicit' ? '; explicit FTPS (AUTH TLS, PROT P)' : ''}`,
    '',
  ];
  const footer = [
    '',
    ...sim.transfers.map(
      (t) =>
        `${t.command}: ${t.outcome}${t.reason ? ` (${t.reason})` : ''} — replies ${t.replyCodes.join(', ')}`,
    ),
    ...(sim.clientExit ? [...sim.clientExit.errors, `curl exit status: ${sim.clientExit.status}`] : []),
    `outcome: ${sim.outcome}`,
  ];
  return [...header, ...summarize(sim.events), ...footer].join('\n');
}

/** The JSON the CLI prints with --format json. */
export function simulationJson(sim: Simulation): string {
  return JSON.stringify(
    {
      scenario: sim.scenario,
      addresses: sim.addresses,
      outcome: sim.outcome,
      transfers: sim.transfers.map((t) => ({
        command: t.command,
        outcome: t.outcome,
        replyCodes: t.replyCodes,
        ...(t.reason ? { reason: t.reason } : {}),
      })),
      ...(sim.clientExit ? { clientExit: sim.clientExit } : {}),
      events: sim.events,
    },
    null,
    2,
  );
}
