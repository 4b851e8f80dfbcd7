import { describe, expect, it } from 'vitest';
import { alignPackets, type PacketLine, withoutRacedTlsGoodbye } from './compare';

/** A control-connection line, as packetsThatMatter writes it, for the comparison's own rules. */
function line(what: string, fromServer: boolean, closingAfterGoodbye = false): PacketLine {
  const [src, dst] = fromServer
    ? ['192.0.2.21:21', '198.51.100.10:ctl']
    : ['198.51.100.10:ctl', '192.0.2.21:21'];
  const flags = what === 'FIN' ? 'F.' : what === 'RST' ? 'R' : 'P.';
  const payload = what === 'FIN' || what === 'RST' ? '' : ` ${JSON.stringify(what)}`;
  return {
    conn: 'control',
    text: `control ${src} > ${dst} [${flags}]${payload}`,
    at: 0,
    what,
    syn: false,
    reply: fromServer && payload !== '',
    dataFin: false,
    fromServer,
    closingAfterGoodbye,
  };
}

const dialogue = [line('QUIT', false), line('221 Goodbye.', true)];
const vsftpdFirst = [...dialogue, line('FIN', true, true), line('RST', true, true)];
const curlFirst = [...dialogue, line('FIN', false, true), line('FIN', true, true)];

describe('the goodbye race under TLS (curl’s close_notify against vsftpd’s exit)', () => {
  it('leaves the closing out when the two sides end in the two measured ways', () => {
    const { real, engine } = withoutRacedTlsGoodbye(curlFirst, vsftpdFirst);
    expect(real.map((l) => l.text)).toEqual(dialogue.map((l) => l.text));
    expect(engine.map((l) => l.text)).toEqual(dialogue.map((l) => l.text));
  });

  it('compares the closing when both sides end the same way', () => {
    expect(withoutRacedTlsGoodbye(vsftpdFirst, vsftpdFirst).real).toHaveLength(4);
  });

  it('still tells any other ending apart: an RST from curl, a missing FIN, an extra packet', () => {
    const curlResets = [...dialogue, line('FIN', true, true), line('RST', false, true)];
    const oneFin = [...dialogue, line('FIN', true, true)];
    const extra = [...curlFirst, line('RST', true, true)];
    for (const other of [curlResets, oneFin, extra]) {
      const lines = withoutRacedTlsGoodbye(other, vsftpdFirst);
      const aligned = alignPackets(lines.real, lines.engine, { tls: true });
      expect(aligned.engine).not.toEqual(aligned.real);
    }
  });
});
