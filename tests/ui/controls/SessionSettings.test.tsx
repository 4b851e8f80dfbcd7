import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSim } from '../../../src/store/simStore';
import { renderControls } from './renderControls';

const replyCodes = () =>
  useSim.getState().events.flatMap((e) => (e.kind === 'ftp/reply-sent' ? [e.reply.code] : []));

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(cleanup);

describe("vsftpd's session timers and the client's pauses in the settings", () => {
  it('a client that goes quiet after login meets idle_session_timeout: the session ends with 421', async () => {
    const user = userEvent.setup();
    renderControls();
    await user.selectOptions(screen.getByLabelText("The client's behaviour"), 'after-login');
    const idle = screen.getByLabelText('Server idle_session_timeout');
    await user.clear(idle);
    await user.type(idle, '5');
    await user.tab();
    expect(useSim.getState().scenario.client.pause).toBe('after-login');
    expect(useSim.getState().scenario.server.idleTimeout).toBe(5);
    expect(replyCodes().at(-1)).toBe(421);
    const expired = useSim.getState().events.find((e) => e.kind === 'timer/expired');
    expect(expired).toMatchObject({ timer: 'server-idle-timeout', after: 5 });
  });

  it('offers the stalled upload and data_connection_timeout in Spanish too', async () => {
    const user = userEvent.setup();
    renderControls('es');
    await user.selectOptions(screen.getByLabelText('Comportamiento del cliente'), 'during-upload');
    expect(screen.getByLabelText('data_connection_timeout del servidor')).toBeTruthy();
    expect(useSim.getState().scenario.client.pause).toBe('during-upload');
  });
});
