/**
 * What vsftpd 3.0.3 answers on an IPv6 control connection, and to the IPv6 forms on an IPv4 one: table C1 of
 * tests/lab/findings/issue14-curl-ftps-ipv6.md, re-checked in CI by tests/lab/issue14.lab.test.ts (c6-raw,
 * c6-raw-pasv, c4-raw).
 */
import { describe, expect, it } from 'vitest';
import { ZERO_TIME } from '../../../src/engine/clock/virtualTime';
import { stepServer } from '../../../src/engine/ftp/server';
import { SERVER_START, type ServerState } from '../../../src/engine/ftp/serverState';
import type { AppOp } from '../../../src/engine/ftp/dialogue';
import { topologyOf } from '../../../src/engine/net/topology';
import { createChance } from '../../../src/engine/random';
import { parseScenario } from '../../../src/engine/validation';

function server(ipVersion: 4 | 6) {
  const parsed = parseScenario({ ipVersion });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const s = parsed.scenario;
  const ctx = { s, topo: topologyOf(s), chance: createChance(1) };
  const peer = { ip: ctx.topo.clientPublicIp, port: 56012 };
  let state: ServerState = SERVER_START;
  /** The reply line vsftpd sends to one command from the logged-in client, and what it does besides. */
  const send = (line: string): { reply: string; ops: AppOp[] } => {
    const step = stepServer(
      state,
      { kind: 'received', conn: 'control', payload: `${line}\r\n`, from: peer, packetId: 1 },
      ZERO_TIME,
      ctx,
    );
    state = step.state;
    const ops = step.ops.map((o) => o.op);
    const sent = ops.find((o) => o.kind === 'send');
    return { reply: sent?.kind === 'send' ? sent.payload.trimEnd() : '', ops };
  };
  return { send, ctx };
}

describe('vsftpd on an IPv6 control connection (C1)', () => {
  it('refuses PORT and EPRT |1|, whose IPv4 address can never be the IPv6 peer', () => {
    const { send } = server(6);
    expect(send('PORT 198,51,100,10,156,64').reply).toBe('500 Illegal PORT command.');
    expect(send('EPRT |1|198.51.100.10|40000|').reply).toBe('500 Illegal EPRT command.');
  });

  it("accepts EPRT |2| with the client's own address and an unprivileged port, and nothing else", () => {
    const { send } = server(6);
    expect(send('EPRT |2|2001:db8:1::10|40000|').reply).toBe(
      '200 EPRT command successful. Consider using EPSV.',
    );
    expect(send('EPRT |2|2001:db8:1::99|40000|').reply).toBe('500 Illegal EPRT command.');
    expect(send('EPRT |2|2001:db8:1::10|80|').reply).toBe('500 Illegal EPRT command.');
    expect(send('EPRT |3|x|1|').reply).toBe('500 Bad EPRT protocol.');
  });

  it('answers PASV with 0,0,0,0 and listens on its IPv6 address at the port it announced', () => {
    const { send, ctx } = server(6);
    const { reply, ops } = send('PASV');
    const m = /^227 Entering Passive Mode \(0,0,0,0,(\d+),(\d+)\)\.$/.exec(reply);
    expect(m).not.toBeNull();
    const port = Number(m?.[1]) * 256 + Number(m?.[2]);
    expect(ops).toContainEqual(
      expect.objectContaining({ kind: 'listen', endpoint: { ip: ctx.topo.addresses.server, port } }),
    );
    expect(ctx.topo.addresses.server).toBe('2001:db8:2::21');
  });

  it('answers EPSV with 229 and the port only', () => {
    expect(server(6).send('EPSV').reply).toMatch(/^229 Entering Extended Passive Mode \(\|\|\|400\d\d\|\)$/);
  });
});

describe('vsftpd on an IPv4 control connection, given the IPv6 forms (C1)', () => {
  it('calls EPRT |2| a bad protocol, and still takes EPRT |1| from its peer', () => {
    const { send } = server(4);
    expect(send('EPRT |2|2001:db8:1::10|40000|').reply).toBe('500 Bad EPRT protocol.');
    expect(send('EPRT |1|198.51.100.10|40000|').reply).toBe(
      '200 EPRT command successful. Consider using EPSV.',
    );
  });

  it('refuses a PORT to a privileged port (vsftpd never connects below 1024)', () => {
    expect(server(4).send('PORT 198,51,100,10,0,80').reply).toBe('500 Illegal PORT command.');
  });
});
