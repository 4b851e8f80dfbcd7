import { describe, expect, it } from 'vitest';
import { packetColumns } from '../../../src/ui/inspector/packetViews';
import { eventsOf, isDataSyn, isFirstSyn, isPortCommand, packetEvent } from './fixtures';

describe('packetColumns', () => {
  it('shows one column when only the TTL changed on the way', () => {
    const syn = packetEvent(eventsOf({}), isFirstSyn);
    const view = packetColumns(syn.packet);
    expect(view.columns).toHaveLength(1);
    expect(view.columns[0]).toMatchObject({ kind: 'both', point: 'client' });
    expect(view.ttl).toEqual({ sent: 64, received: 62 });
    expect(view.missing).toEqual([]);
  });

  it('shows the client and the server side by side when NAT and the helper rewrote PORT', () => {
    const port = packetEvent(eventsOf({ clientNat: true, helper: true }), isPortCommand);
    const view = packetColumns(port.packet);
    expect(view.columns.map((c) => c.kind === 'view' && c.point)).toEqual(['client', 'server']);
    expect(view.columns[0]?.segment.payload).toBe('PORT 192,168,1,10,218,205\r\n');
    expect(view.columns[1]?.segment.payload).toBe('PORT 203,0,113,1,218,205\r\n');
  });

  it('says where a dropped SYN stopped when the server never saw it', () => {
    const syn = packetEvent(eventsOf({ mode: 'passive', serverNat: 'private' }), isDataSyn);
    const view = packetColumns(syn.packet);
    expect(view.columns).toHaveLength(1);
    expect(view.columns[0]).toMatchObject({ kind: 'view', point: 'client' });
    expect(view.missing).toEqual([
      { host: 'server', reason: 'dropped', device: 'internet', rule: 'blackhole 172.16.0.0/12' },
    ]);
  });

  it("explains a router's own reset: it never passes the host on the other side", () => {
    const rst = packetEvent(
      eventsOf({ mode: 'epsv', serverNat: 'private' }),
      (e) => e.packet.from === 'server-router' && e.packet.segment.flags.rst,
    );
    const view = packetColumns(rst.packet);
    expect(view.missing).toContainEqual({ host: 'server', reason: 'from-router', device: 'server-router' });
  });
});
