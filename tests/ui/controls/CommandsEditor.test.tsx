import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Scenario } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { ScenarioControls } from '../../../src/ui/controls/ScenarioControls';

function renderControls(language: Language = 'en') {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ScenarioControls />
    </I18nextProvider>,
  );
}

function scenario(input: object): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

const commands = () => useSim.getState().scenario.commands;
const rows = () =>
  within(screen.getByRole('group', { name: 'Commands of the session' })).getAllByRole('listitem');

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(cleanup);

describe('the commands of the session', () => {
  it('starts with the default LIST, labelled', () => {
    renderControls();
    expect(rows()).toHaveLength(1);
    expect((screen.getByLabelText('Command 1') as HTMLSelectElement).value).toBe('LIST');
    expect(screen.queryByLabelText('File for command 1')).toBeNull();
  });

  it('adds a command, focuses it, and re-simulates from step 1', async () => {
    const user = userEvent.setup();
    renderControls();
    useSim.getState().last();
    await user.click(screen.getByRole('button', { name: 'Add a command' }));
    expect(commands()).toEqual([{ verb: 'LIST' }, { verb: 'LIST' }]);
    expect(document.activeElement).toBe(screen.getByLabelText('Command 2'));
    expect(useSim.getState().cursor).toBe(0);
    expect(useSim.getState().transfers).toHaveLength(2);
  });

  it('turns a command into RETR of a server file, a missing file, and STOR of a new file', async () => {
    const user = userEvent.setup();
    renderControls();
    await user.selectOptions(screen.getByLabelText('Command 1'), 'RETR');
    expect(commands()).toEqual([{ verb: 'RETR', file: 'README.txt' }]);
    const file = screen.getByLabelText('File for command 1') as HTMLSelectElement;
    expect([...file.options].map((o) => o.textContent)).toEqual([
      'README.txt (22 bytes)',
      'hello.txt (23 bytes)',
      'missing.txt (not on the server)',
    ]);
    await user.selectOptions(file, 'missing.txt');
    expect(commands()).toEqual([{ verb: 'RETR', file: 'missing.txt' }]);
    expect(useSim.getState().outcome).toBe('failed');

    await user.selectOptions(screen.getByLabelText('Command 1'), 'STOR');
    expect(commands()).toEqual([{ verb: 'STOR', file: 'upload.txt', size: 2048 }]);
    const storFile = screen.getByLabelText('File for command 1') as HTMLSelectElement;
    expect([...storFile.options].map((o) => o.textContent)).toEqual([
      'upload.txt (new file)',
      'README.txt (already on the server)',
      'hello.txt (already on the server)',
    ]);
    await user.selectOptions(storFile, 'hello.txt');
    expect(commands()).toEqual([{ verb: 'STOR', file: 'hello.txt', size: 2048 }]);
  });

  it('offers the file a link named even when the server does not have it', () => {
    useSim.getState().setScenario(scenario({ commands: [{ verb: 'RETR', file: 'notes.md' }] }));
    renderControls();
    const file = screen.getByLabelText('File for command 1') as HTMLSelectElement;
    expect(file.value).toBe('notes.md');
    expect(file.selectedOptions[0]?.textContent).toBe('notes.md (not on the server)');
  });

  it('reorders commands and keeps the focus on the moved command', async () => {
    const user = userEvent.setup();
    useSim.getState().setScenario(
      scenario({
        commands: [{ verb: 'LIST' }, { verb: 'RETR', file: 'hello.txt' }, { verb: 'STOR', file: 'x.bin' }],
      }),
    );
    renderControls();
    expect(screen.getByRole('button', { name: 'Move command 1 up' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    expect(screen.getByRole('button', { name: 'Move command 3 down' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    await user.click(screen.getByRole('button', { name: 'Move command 2 up' }));
    expect(commands().map((c) => c.verb)).toEqual(['RETR', 'LIST', 'STOR']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move command 1 up' }));
    await user.click(screen.getByRole('button', { name: 'Move command 1 down' }));
    await user.click(screen.getByRole('button', { name: 'Move command 2 down' }));
    expect(commands().map((c) => c.verb)).toEqual(['LIST', 'STOR', 'RETR']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move command 3 down' }));
    // At the end nothing moves.
    await user.click(screen.getByRole('button', { name: 'Move command 3 down' }));
    expect(commands().map((c) => c.verb)).toEqual(['LIST', 'STOR', 'RETR']);
  });

  it('removes commands but never the last one, keeping the focus in the list', async () => {
    const user = userEvent.setup();
    useSim
      .getState()
      .setScenario(scenario({ commands: [{ verb: 'LIST' }, { verb: 'RETR', file: 'hello.txt' }] }));
    renderControls();
    await user.click(screen.getByRole('button', { name: 'Remove command 2' }));
    expect(commands()).toEqual([{ verb: 'LIST' }]);
    const remove = screen.getByRole('button', { name: 'Remove command 1' });
    expect(document.activeElement).toBe(remove);
    expect(remove.getAttribute('aria-disabled')).toBe('true');
    await user.click(remove);
    expect(commands()).toEqual([{ verb: 'LIST' }]);
  });

  it('stops adding at the engine’s limit and says so', async () => {
    const user = userEvent.setup();
    renderControls();
    const add = screen.getByRole('button', { name: 'Add a command' });
    for (let i = 0; i < 10; i += 1) await user.click(add);
    expect(commands()).toHaveLength(8);
    expect(add.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText('A session has at most 8 commands here.')).toBeTruthy();
  });

  it('is usable by keyboard alone', async () => {
    const user = userEvent.setup();
    renderControls();
    screen.getByRole('button', { name: 'Add a command' }).focus();
    await user.keyboard('{Enter}');
    expect(commands()).toHaveLength(2);
    expect(document.activeElement).toBe(screen.getByLabelText('Command 2'));
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove command 2' }));
    await user.keyboard(' ');
    expect(commands()).toHaveLength(1);
  });

  it('speaks Spanish', () => {
    useSim.getState().setScenario(scenario({ commands: [{ verb: 'RETR', file: 'missing.txt' }] }));
    renderControls('es');
    expect(screen.getByRole('group', { name: 'Comandos de la sesión' })).toBeTruthy();
    expect(screen.getByLabelText('Archivo del comando 1')).toBeTruthy();
    expect(screen.getByText('missing.txt (no está en el servidor)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Quitar el comando 1' })).toBeTruthy();
  });
});

describe('time-outs and seed', () => {
  it('applies each valid time-out at once and re-simulates', async () => {
    const user = userEvent.setup();
    renderControls();
    useSim.getState().last();
    const connect = screen.getByLabelText('Server connect_timeout (active mode)');
    await user.clear(connect);
    await user.type(connect, '5');
    expect(useSim.getState().scenario.server.connectTimeout).toBe(5);
    expect(useSim.getState().cursor).toBe(0);
    const accept = screen.getByLabelText('Server accept_timeout (passive mode)');
    await user.clear(accept);
    await user.type(accept, '7.5');
    expect(useSim.getState().scenario.server.acceptTimeout).toBe(7.5);
    const client = screen.getByLabelText('Client connect time-out (passive mode)');
    await user.clear(client);
    await user.type(client, '30');
    expect(useSim.getState().scenario.client.connectTimeout).toBe(30);
  });

  it('marks an out-of-range value, keeps the last valid one, and puts it back on leaving', async () => {
    const user = userEvent.setup();
    renderControls();
    const client = screen.getByLabelText('Client connect time-out (passive mode)') as HTMLInputElement;
    await user.clear(client);
    await user.type(client, '301');
    expect(useSim.getState().scenario.client.connectTimeout).toBe(30);
    expect(client.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter a number from 1 to 300.')).toBeTruthy();
    expect(client.getAttribute('aria-describedby')).toContain(
      screen.getByText('Enter a number from 1 to 300.').id,
    );
    await user.tab();
    expect(client.value).toBe('30');
    expect(client.getAttribute('aria-invalid')).toBeNull();
  });

  it('changes the seed by hand and with the New seed button', async () => {
    const user = userEvent.setup();
    renderControls();
    const seed = screen.getByLabelText('Seed') as HTMLInputElement;
    await user.clear(seed);
    await user.type(seed, '42');
    expect(useSim.getState().scenario.seed).toBe(42);
    await user.click(screen.getByRole('button', { name: 'New seed' }));
    const chosen = useSim.getState().scenario.seed;
    expect(chosen).not.toBe(42);
    expect(seed.value).toBe(String(chosen));
    await user.clear(seed);
    await user.type(seed, '1.5');
    expect(useSim.getState().scenario.seed).toBe(1);
    expect(seed.getAttribute('aria-invalid')).toBe('true');
  });
});
