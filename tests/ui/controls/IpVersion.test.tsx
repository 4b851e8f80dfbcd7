import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSim } from '../../../src/store/simStore';
import { commandsSent, renderControls } from './renderControls';

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(cleanup);

describe('the IP version in the settings', () => {
  it('IPv6 switches NAT off, disables its controls and says why; active mode then sends EPRT |2|', async () => {
    const user = userEvent.setup();
    renderControls();
    await user.click(screen.getByLabelText('Client behind NAT (home router)'));
    await user.selectOptions(screen.getByLabelText('Server NAT'), 'private');
    expect(useSim.getState().scenario.clientNat).toBe(true);

    await user.selectOptions(screen.getByLabelText('IP version'), '6');
    const { scenario } = useSim.getState();
    expect(scenario).toMatchObject({ ipVersion: 6, clientNat: false, serverNat: 'none' });
    const clientNat = screen.getByLabelText('Client behind NAT (home router)');
    const serverNat = screen.getByLabelText('Server NAT');
    expect(clientNat).toHaveProperty('disabled', true);
    expect(serverNat).toHaveProperty('disabled', true);
    expect(clientNat).toHaveProperty('checked', false);
    // The reason is the controls' description, read with them.
    expect(clientNat.getAttribute('aria-describedby')).toBeTruthy();
    const why = document.getElementById(clientNat.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toMatch(/Not with IPv6/);
    expect(commandsSent()).toContain('EPRT');
    expect(commandsSent()).not.toContain('PORT');

    await user.selectOptions(screen.getByLabelText('IP version'), '4');
    expect(useSim.getState().scenario.ipVersion).toBe(4);
    expect(screen.getByLabelText('Client behind NAT (home router)')).toHaveProperty('disabled', false);
    expect(commandsSent()).toContain('PORT');
  });

  it('speaks Spanish too', async () => {
    const user = userEvent.setup();
    renderControls('es');
    await user.selectOptions(screen.getByLabelText('Versión de IP'), '6');
    expect(useSim.getState().scenario.ipVersion).toBe(6);
    expect(screen.getAllByText(/No con IPv6/)).toHaveLength(2);
  });
});
