import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSim } from '../../../src/store/simStore';
import { commandsSent, renderControls } from './renderControls';

const tlsSelect = () => screen.getByLabelText<HTMLSelectElement>('Control connection encryption');
const explicitOption = () =>
  screen.getByRole<HTMLOptionElement>('option', { name: 'Explicit FTPS (AUTH TLS)' });
/** The text a screen reader reads with a control: its description. */
const hintOf = (control: HTMLElement) =>
  document.getElementById(control.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(cleanup);

describe('the control connection encryption in the settings', () => {
  it('explicit FTPS re-simulates with AUTH TLS, PBSZ and PROT; the hint says the helper can no longer read PORT', async () => {
    const user = userEvent.setup();
    renderControls();
    expect(tlsSelect().value).toBe('none');
    expect(commandsSent()).not.toContain('AUTH');
    expect(hintOf(tlsSelect())).toMatch(/can no longer read PORT, 227, EPRT or 229: the FTP helper is blind/);

    await user.selectOptions(tlsSelect(), 'explicit');
    expect(useSim.getState().scenario.tls).toBe('explicit');
    expect(commandsSent().slice(0, 1)).toEqual(['AUTH']);
    expect(commandsSent()).toEqual(expect.arrayContaining(['PBSZ', 'PROT']));

    await user.selectOptions(tlsSelect(), 'none');
    expect(useSim.getState().scenario.tls).toBe('none');
    expect(commandsSent()).not.toContain('AUTH');
  });

  it('with curl in active mode explicit FTPS is unavailable, and the hint names curl bug #10666', async () => {
    const user = userEvent.setup();
    renderControls();
    await user.selectOptions(screen.getByLabelText('Client program'), 'curl');
    expect(useSim.getState().scenario).toMatchObject({ mode: 'active', client: { program: 'curl' } });
    expect(explicitOption().disabled).toBe(true);
    expect(hintOf(tlsSelect())).toMatch(/curl 7\.88 cannot do FTPS in active mode.*#10666/);

    await user.selectOptions(screen.getByLabelText('Mode'), 'epsv');
    expect(explicitOption().disabled).toBe(false);
    expect(hintOf(tlsSelect())).not.toMatch(/#10666/);
    await user.selectOptions(tlsSelect(), 'explicit');
    expect(useSim.getState().scenario.tls).toBe('explicit');
  });

  it('choosing an active mode with curl, or curl in active mode, turns FTPS off: never a scenario the engine refuses', async () => {
    const user = userEvent.setup();
    renderControls();
    await user.selectOptions(screen.getByLabelText('Client program'), 'curl');
    await user.selectOptions(screen.getByLabelText('Mode'), 'passive');
    await user.selectOptions(tlsSelect(), 'explicit');
    expect(commandsSent()).toContain('AUTH');

    await user.selectOptions(screen.getByLabelText('Mode'), 'eprt');
    expect(useSim.getState().scenario).toMatchObject({ mode: 'eprt', tls: 'none' });
    expect(tlsSelect().value).toBe('none');
    expect(commandsSent()).not.toContain('AUTH');
    expect(commandsSent()).toContain('EPRT');

    await user.selectOptions(screen.getByLabelText('Client program'), 'classic');
    await user.selectOptions(tlsSelect(), 'explicit');
    await user.selectOptions(screen.getByLabelText('Client program'), 'curl');
    expect(useSim.getState().scenario).toMatchObject({
      mode: 'eprt',
      tls: 'none',
      client: { program: 'curl' },
    });
  });

  it('speaks Spanish too', async () => {
    const user = userEvent.setup();
    renderControls('es');
    const select = screen.getByLabelText('Cifrado de la conexión de control');
    expect(hintOf(select)).toMatch(/ya no pueden leer PORT, 227, EPRT ni 229/);
    await user.selectOptions(select, 'explicit');
    expect(screen.getByRole('option', { name: 'FTPS explícito (AUTH TLS)' })).toHaveProperty(
      'selected',
      true,
    );
    expect(useSim.getState().scenario.tls).toBe('explicit');
  });
});
