import { describe, expect, it } from 'vitest';
import { isPacketEvent, simulate, type PacketEvent, type ScenarioInput } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n } from '../../../src/i18n';
import { arrowLabel, stepText } from '../../../src/ui/ladder/ladderText';

function packets(input: ScenarioInput): PacketEvent[] {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario).events.filter(isPacketEvent);
}

const en = createI18n('en').t;
const es = createI18n('es').t;

describe('the ladder’s words for TLS records (explicit FTPS)', () => {
  const ftps = packets({ tls: 'explicit', mode: 'active', clientNat: true, helper: true });
  const first = (pick: (e: PacketEvent) => boolean): PacketEvent => {
    const e = ftps.find(pick);
    if (!e) throw new Error('no such packet');
    return e;
  };
  const port = first((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PORT');

  it('labels the handshake by its clear-text messages, and counts what is encrypted', () => {
    expect(
      arrowLabel(
        first((e) => e.packet.tls?.[0]?.carries === 'client-hello'),
        en,
      ),
    ).toBe('TLS ClientHello');
    expect(
      arrowLabel(
        first((e) => e.packet.tls?.[0]?.carries === 'hello-retry-request'),
        en,
      ),
    ).toBe('TLS HelloRetryRequest, ChangeCipherSpec');
    expect(
      arrowLabel(
        first((e) => e.packet.tls?.[0]?.carries === 'server-hello'),
        en,
      ),
    ).toBe('TLS ServerHello + 5 encrypted records');
    expect(
      arrowLabel(
        first((e) => e.packet.tls?.[0]?.carries === 'server-hello'),
        es,
      ),
    ).toBe('TLS ServerHello + 5 registros cifrados');
  });

  it('labels an encrypted FTP command as TLS application data, not the command a router cannot read', () => {
    expect(arrowLabel(port, en)).toBe('TLS application data (encrypted)');
    expect(arrowLabel(port, es)).toBe('Datos de aplicación TLS (cifrados)');
    // The hover and the spoken step still say what the two ends read.
    const text = stepText(port, en, 'en');
    expect(text.detail).toMatch(/^Inside, read only by the two ends: PORT 192,168,1,10,\d+,\d+$/);
    expect(text.spoken).toMatch(
      /TLS application data \(encrypted\); Inside, read only by the two ends: PORT /,
    );
  });

  it('keeps the FTP line as the label when nothing is encrypted', () => {
    const plain = packets({ mode: 'active' }).find(
      (e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PORT',
    );
    expect(plain && arrowLabel(plain, en)).toMatch(/^PORT 198,51,100,10,\d+,\d+$/);
    expect(plain && stepText(plain, en, 'en').detail).toBeUndefined();
  });
});
