import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/i18n';
import {
  connPhrase,
  connShortText,
  localizeParams,
  narrationText,
} from '../../../src/ui/narration/localizeParams';

const en = createI18n('en').t;
const es = createI18n('es').t;

describe('localizeParams', () => {
  it('puts device ids into words', () => {
    expect(localizeParams({ device: 'client-router' }, en)).toEqual({ device: "the client's router" });
    expect(localizeParams({ device: 'client-router' }, es)).toEqual({ device: 'el router del cliente' });
    expect(localizeParams({ sender: 'server' }, es)).toEqual({ sender: 'el servidor' });
    expect(localizeParams({ device: 'internet' }, es)).toEqual({ device: 'Internet' });
  });

  it('puts connection ids into words', () => {
    expect(localizeParams({ conn: 'control' }, en).conn).toBe('the control connection');
    expect(localizeParams({ conn: 'data-2' }, en).conn).toBe('data connection #2');
    expect(localizeParams({ conn: 'data-2' }, es).conn).toBe('la conexión de datos n.º 2');
    expect(connPhrase('mystery', en)).toBe('mystery');
  });

  it('leaves protocol notation alone', () => {
    const params = {
      from: '172.16.0.21:20',
      rule: '-P INPUT DROP',
      port: 40001,
      text: '227 Entering Passive Mode',
    };
    expect(localizeParams(params, es)).toEqual(params);
  });

  it('does not change the params it was given', () => {
    const params = Object.freeze({ device: 'client' });
    localizeParams(params, en);
    expect(params.device).toBe('client');
  });
});

describe('narrationText', () => {
  it('capitalises a device that opens the sentence', () => {
    const event = {
      narration: {
        key: 'narration.nat.snat',
        params: {
          device: 'client-router',
          beforeSrc: '192.168.1.10:56012',
          beforeDst: '172.16.0.21:21',
          afterSrc: '203.0.113.1:56012',
          afterDst: '172.16.0.21:21',
        },
      },
    };
    expect(narrationText(event, en)).toMatch(/^The client's router rewrites the source address \(SNAT\)/);
    expect(narrationText(event, es)).toMatch(
      /^El router del cliente reescribe la dirección de origen \(SNAT\)/,
    );
  });

  it('formats numbers in the language, but not ports', () => {
    const timer = {
      narration: { key: 'narration.timer.syn-retries-exhausted', params: { after: 11.2, conn: 'data-1' } },
    };
    expect(narrationText(timer, en)).toContain('11.2 s');
    expect(narrationText(timer, es)).toContain('11,2 s');
    const reply = {
      narration: {
        key: 'narration.ftp.reply.229',
        params: { code: 229, text: 'Entering Extended Passive Mode (|||40001|)', port: 40001 },
      },
    };
    expect(narrationText(reply, es)).toContain('en el puerto 40001');
  });
});

describe('connShortText', () => {
  it('names control and data connections briefly in each language', () => {
    expect(connShortText({ kind: 'control' }, en)).toBe(en('connShort.control'));
    expect(connShortText({ kind: 'data', k: 2 }, en)).toContain('2');
    expect(connShortText({ kind: 'data', k: 2 }, es)).not.toBe(connShortText({ kind: 'data', k: 2 }, en));
    expect(connShortText({ kind: 'none' }, en)).toBe(en('connShort.none'));
  });
});
