import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PacketEvent, type ScenarioInput, type StepEvent } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { PacketInspector } from '../../../src/ui/inspector/PacketInspector';
import { isDataSyn, isFirstSyn, isPortCommand, packetEvent } from './fixtures';

function renderInspector(language: Language = 'en') {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <PacketInspector />
    </I18nextProvider>,
  );
  return screen.getByRole('region', {
    name: language === 'en' ? 'Packet inspector' : 'Inspector de paquetes',
  });
}

/** Loads a scenario into the app's store and moves the replay to the chosen step. */
function at(input: ScenarioInput, pick: (events: readonly StepEvent[]) => StepEvent): StepEvent {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error('bad scenario');
  useSim.getState().setScenario(parsed.scenario);
  const event = pick(useSim.getState().events);
  useSim.getState().seek(event.index);
  return event;
}

/** The value cells of a field's row, by the field's name. */
function row(name: string | RegExp): string[] {
  const header = screen.getByRole('rowheader', { name });
  const tr = header.closest('tr');
  if (!tr) throw new Error('no row');
  return within(tr)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(cleanup);

describe('the packet inspector', () => {
  it("shows a SYN's TCP fields: ports, flags, seq, ack, window and options", () => {
    const e = at({}, (events) => packetEvent(events, isFirstSyn));
    if (!('packet' in e)) throw new Error('not a packet');
    const seg = e.packet.segment;
    const inspector = renderInspector();
    expect(within(inspector).getByText(`Step ${e.index + 1}: TCP segment`)).toBeTruthy();
    expect(row('Flags')).toEqual(['0x002 (SYN)']);
    expect(row('Sequence number')).toEqual([String(seg.seq)]);
    expect(row('Acknowledgment number')).toEqual(['0']);
    expect(row('Source port')).toEqual(['56012']);
    expect(row('Destination port')).toEqual(['21']);
    expect(row('Window')).toEqual(['64240']);
    expect(row('Option: maximum segment size (MSS)')).toEqual(['1460']);
    expect(row('Option: SACK permitted')).toEqual(['Yes']);
    expect(row('Option: window scale')[0]).toMatch(/^\d+ \(×\d+\)$/);
    expect(row('Time to live (TTL)')).toEqual(['64']);
    expect(row("Don't fragment (DF)")).toEqual(['Set']);
    // Only the TTL differs between the ends: one column, and a note that says so.
    expect(
      within(inspector).getByText(/Identical at both ends except the TTL: 64 when sent, 62 on arrival/),
    ).toBeTruthy();
    expect(within(inspector).getByText(/Delivered: it reaches the server/)).toBeTruthy();
  });

  it('shows the client and the server side by side with the PORT rewrite for clientNat + helper', () => {
    at({ clientNat: true, helper: true }, (events) => packetEvent(events, isPortCommand));
    const inspector = renderInspector();
    expect(within(inspector).getByText('Step 16: FTP command')).toBeTruthy();
    expect(within(inspector).getAllByRole('columnheader', { name: 'At the client' }).length).toBeGreaterThan(
      0,
    );
    expect(within(inspector).getAllByRole('columnheader', { name: 'At the server' }).length).toBeGreaterThan(
      0,
    );
    expect(row(/^Source address/)).toEqual(['192.168.1.10', '203.0.113.1']);
    expect(row(/^Argument/)).toEqual(['192,168,1,10,218,205', '203,0,113,1,218,205']);
    expect(row(/^Data address/)).toEqual(['192.168.1.10:56013', '203.0.113.1:56013']);
    expect(row(/^Port worked out/)).toEqual([
      'p1*256+p2 = 218*256+205 = 56013',
      'p1*256+p2 = 218*256+205 = 56013',
    ]);
    expect(row(/^Command/)).toEqual(['PORT', 'PORT']);
    // Changed rows say so in words, not only by colour.
    expect(screen.getByRole('rowheader', { name: /^Argument.*changed on the way/ })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: /^Command$/ })).toBeTruthy();
  });

  it('shows the seq/ack shift after the helper made PORT one byte shorter', () => {
    at({ clientNat: true, helper: true }, (events) =>
      packetEvent(events, (e) => e.kind === 'ftp/command-sent' && e.command.verb === 'LIST'),
    );
    renderInspector();
    const [client, server] = row(/^Sequence number/).map(Number);
    expect(client !== undefined && server !== undefined && client - server).toBe(1);
  });

  it('says where a dropped SYN never arrived', () => {
    at({ mode: 'passive', serverNat: 'private' }, (events) => packetEvent(events, isDataSyn));
    const inspector = renderInspector();
    expect(
      within(inspector).getByText(
        /Never reached the server: lost on the Internet, where routers do not forward it \(blackhole 172\.16\.0\.0\/12\)/,
      ),
    ).toBeTruthy();
    expect(within(inspector).getByText('Lost on the Internet: blackhole 172.16.0.0/12')).toBeTruthy();
    expect(within(inspector).getByRole('radio', { name: /The server/ })).toHaveProperty('disabled', true);
  });

  it("names the firewall that dropped the server's SYN in active mode, which the client's capture still sees", () => {
    at({ clientFirewall: 'stateful' }, (events) => packetEvent(events, isDataSyn));
    const inspector = renderInspector();
    expect(within(inspector).getByText('Dropped at the client by -P INPUT DROP')).toBeTruthy();
    expect(within(inspector).getByText(/A capture on the client still records it/)).toBeTruthy();
  });

  it('dumps the frame in hex: Ethernet first, then the IPv4 header (0x45 at offset 14)', () => {
    at({}, (events) => packetEvent(events, isFirstSyn));
    const inspector = renderInspector();
    const dump = within(inspector).getByRole('region', { name: /Frame as captured at the client, 74 bytes/ });
    const rows = dump.querySelectorAll('.hex-row');
    expect(rows).toHaveLength(5);
    const first = rows[0]?.querySelector('.hex-bytes')?.textContent?.split(' ') ?? [];
    expect(first).toHaveLength(16);
    expect(first.slice(12, 15)).toEqual(['08', '00', '45']);
    expect(rows[1]?.querySelector('.hex-offset')?.textContent).toBe('0010');
  });

  it("highlights a field's bytes when it is pointed at or focused", () => {
    at({}, (events) => packetEvent(events, isPortCommand));
    const inspector = renderInspector();
    const dump = within(inspector).getByRole('region', { name: /Frame as captured at/ });
    const lit = () => Array.from(dump.querySelectorAll('.hex-bytes .hex-on'), (b) => b.textContent).join(' ');
    const litText = () =>
      Array.from(dump.querySelectorAll('.hex-ascii .hex-on'), (b) => b.textContent).join('');
    expect(lit()).toBe('');
    fireEvent.mouseEnter(
      screen.getByRole('rowheader', { name: 'Payload length (bytes)' }).closest('tr') as Element,
    );
    const payload = 'PORT 198,51,100,10,218,205\r\n';
    expect(lit()).toBe([...payload].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' '));
    expect(litText()).toBe(payload.replace('\r\n', '..'));
    expect(
      within(inspector).getByText(/Highlighted: Payload length \(bytes\), bytes 66–93 \(28 bytes\)/),
    ).toBeTruthy();
    fireEvent.focus(screen.getByRole('rowheader', { name: 'Time to live (TTL)' }));
    expect(lit()).toBe('40');
    fireEvent.focus(screen.getByRole('rowheader', { name: 'Command' }));
    expect(lit()).toBe('50 4f 52 54');
    expect(litText()).toBe('PORT');
    // Every byte is still there, highlighted or not: 16 to a full row.
    expect(dump.querySelector('.hex-row .hex-bytes')?.textContent?.split(' ')).toHaveLength(16);
  });

  it('keeps the field pointed at, and its focus, when the replay moves on to the next packet', async () => {
    const first = at({}, (events) => packetEvent(events, isFirstSyn));
    const inspector = renderInspector();
    const dump = () => within(inspector).getByRole('region', { name: /Frame as captured at/ });
    const lit = () =>
      Array.from(dump().querySelectorAll('.hex-bytes .hex-on'), (b) => b.textContent).join(' ');
    const port = screen.getByRole('rowheader', { name: 'Source port' });
    port.focus();
    fireEvent.focus(port);
    expect(lit()).toBe((56012).toString(16).match(/../g)?.join(' '));
    // The server's SYN-ACK, the next packet: its source port is 21.
    act(() => useSim.getState().seek(first.index + 1));
    expect(await within(inspector).findByText(`Step ${first.index + 2}: TCP segment`)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('rowheader', { name: 'Source port' }));
    expect(row('Source port')).toEqual(['21']);
    expect(lit()).toBe('00 15');
  });

  it('moves between fields with ↑/↓ and folds layers with their buttons', async () => {
    const user = userEvent.setup();
    at({}, (events) => packetEvent(events, isFirstSyn));
    renderInspector();
    const source = screen.getByRole('rowheader', { name: 'Source address' });
    expect(source.tabIndex).toBe(0);
    source.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('rowheader', { name: 'Destination address' }));
    const tcp = screen.getByRole('button', { name: /Transmission Control Protocol/ });
    expect(tcp.getAttribute('aria-expanded')).toBe('true');
    await user.click(tcp);
    expect(tcp.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('rowheader', { name: 'Sequence number' })).toBeNull();
    const ethernet = screen.getByRole('button', { name: /Ethernet II/ });
    expect(ethernet.getAttribute('aria-expanded')).toBe('false');
    await user.click(ethernet);
    expect(row('Type')).toEqual(['IPv4 (0x0800)']);
  });

  it('shows a firewall verdict with its device, state, action and rule, and the explanation', async () => {
    const user = userEvent.setup();
    at({ clientFirewall: 'stateful' }, (events) => {
      const e = events.find((x) => x.kind === 'fw/verdict' && x.verdict.action === 'drop');
      if (!e) throw new Error('no drop');
      return e;
    });
    const inspector = renderInspector();
    expect(within(inspector).getByText(/Firewall verdict/)).toBeTruthy();
    expect(within(inspector).getByText('The client')).toBeTruthy();
    expect(within(inspector).getByText('NEW')).toBeTruthy();
    expect(within(inspector).getByText('DROP')).toBeTruthy();
    expect(within(inspector).getByText('-P INPUT DROP')).toBeTruthy();
    expect(within(inspector).getByText('192.0.2.21:20 → 198.51.100.10:56013')).toBeTruthy();
    expect(within(inspector).getByText(/The firewall on the client drops the packet/)).toBeTruthy();
    await user.click(within(inspector).getByRole('button', { name: /Show packet #\d+ \(step \d+\)/ }));
    expect(useSim.getState().events[useSim.getState().cursor]?.kind).toBe('tcp/segment-sent');
  });

  it('shows NAT before and after', () => {
    at({ clientNat: true }, (events) => {
      const e = events.find((x) => x.kind === 'nat/translated');
      if (!e) throw new Error('no NAT');
      return e;
    });
    const inspector = renderInspector();
    expect(within(inspector).getByText('192.168.1.10:56012 → 192.0.2.21:21')).toBeTruthy();
    expect(within(inspector).getByText('203.0.113.1:56012 → 192.0.2.21:21')).toBeTruthy();
    expect(within(inspector).getByText('SNAT')).toBeTruthy();
  });

  it('speaks Spanish: field names translated, values in protocol notation', () => {
    at({ clientNat: true, helper: true }, (events) => packetEvent(events, isPortCommand));
    const inspector = renderInspector('es');
    expect(within(inspector).getAllByRole('columnheader', { name: 'En el servidor' }).length).toBeGreaterThan(
      0,
    );
    expect(row(/^Argumento/)).toEqual(['192,168,1,10,218,205', '203,0,113,1,218,205']);
    expect(row(/^Número de secuencia/)).toHaveLength(2);
    expect(within(inspector).getByText('Explicación')).toBeTruthy();
    expect(within(inspector).queryByText(/Source address|At the client/)).toBeNull();
  });
});

describe('TLS records in the inspector (explicit FTPS)', () => {
  const FTPS: ScenarioInput = { tls: 'explicit', mode: 'active', clientNat: true, helper: true };
  const isClientHello = (e: PacketEvent) => e.packet.tls?.[0]?.carries === 'client-hello';
  /** Behind NAT the client's and the server's captures stand side by side: the records are the same in both. */
  const both = (value: string) => [value, value];

  it('shows the first ClientHello by name: content type, legacy version and length in the clear', () => {
    at(FTPS, (events) => packetEvent(events, isClientHello));
    const inspector = renderInspector();
    expect(within(inspector).getByRole('region', { name: 'Transport Layer Security (TLS)' })).toBeTruthy();
    expect(row('Record 1: content type')).toEqual(both('handshake (22)'));
    expect(row('Record 1: version')).toEqual(both('TLS 1.0 (0x0301)'));
    expect(row('Record 1: length (bytes)')).toEqual(both('512'));
    expect(row('Record 1: handshake message (in the clear)')).toEqual(both('ClientHello'));
    expect(screen.queryByRole('rowheader', { name: /encrypted bytes/ })).toBeNull();
    // No FTP layer: the bytes are TLS, not an FTP line.
    expect(within(inspector).queryByRole('region', { name: 'File Transfer Protocol (FTP)' })).toBeNull();
    expect(
      within(inspector).getByText(/keys and the encrypted bytes are the simulator’s own stand-in/),
    ).toBeTruthy();
  });

  it('shows the server’s flight: its hello in the clear, the rest of its handshake as opaque records', () => {
    at(FTPS, (events) => packetEvent(events, (e) => e.packet.tls?.[0]?.carries === 'server-hello'));
    renderInspector();
    expect(row('Record 1: handshake message (in the clear)')).toEqual(both('ServerHello'));
    expect(row('Record 4: content type')).toEqual(both('application_data (23)'));
    expect(row('Record 4: version')).toEqual(both('TLS 1.2 (0x0303)'));
    expect(row('Record 4: encrypted bytes')[0]).toMatch(/^([0-9a-f]{2} ){8}… \(opaque: encrypted\)$/);
    expect(row('Record 4: inside (only the two ends can read it)')).toEqual(
      both('handshake message Certificate'),
    );
    expect(
      screen.queryByRole('rowheader', { name: 'Record 4: handshake message (in the clear)' }),
    ).toBeNull();
  });

  it('shows an encrypted PORT as application data; the line only as what the two ends read', () => {
    const e = at(FTPS, (events) => packetEvent(events, isPortCommand));
    if (!('packet' in e)) throw new Error('not a packet');
    const inspector = renderInspector();
    expect(within(inspector).getByText(`Step ${e.index + 1}: FTP command`)).toBeTruthy();
    expect(row('Record 1: content type')).toEqual(both('application_data (23)'));
    expect(row('Record 1: length (bytes)')).toEqual(both(String(e.packet.tls?.[0]?.length)));
    const inside = row('Record 1: inside (only the two ends can read it)');
    expect(inside[0]).toMatch(/^PORT 192,168,1,10,\d+,\d+$/);
    // The helper could not rewrite it: the server reads the client's private address, unchanged.
    expect(inside).toEqual(both(inside[0] ?? ''));
    expect(screen.getByRole('rowheader', { name: 'Record 1: length (bytes)' }).textContent).not.toContain(
      '≠',
    );
    expect(within(inspector).queryByRole('rowheader', { name: 'Request' })).toBeNull();
  });

  it('highlights a record’s length bytes in the hex dump, and speaks Spanish', async () => {
    const user = userEvent.setup();
    at(FTPS, (events) => packetEvent(events, isClientHello));
    renderInspector('es');
    await user.hover(screen.getByRole('rowheader', { name: 'Registro 1: longitud (bytes)' }));
    // Ethernet 14 + IPv4 20 + TCP 32 (timestamps) = 66: the record header starts there, its length at +3.
    expect(
      screen.getByText(/Resaltado: Registro 1: longitud \(bytes\), bytes 69–70 \(2 bytes\)/),
    ).toBeTruthy();
    expect(screen.getByText(/TLS simulado/)).toBeTruthy();
  });
});
