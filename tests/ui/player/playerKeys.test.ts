import { describe, expect, it } from 'vitest';
import { playerActionFor } from '../../../src/ui/player/playerKeys';

const press = (key: string, target: EventTarget | null = document.body, mods = {}) =>
  playerActionFor({ key, target, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('player keys', () => {
  it('maps the arrows, clicker keys, Home/End and Space', () => {
    expect(press('ArrowRight')).toBe('forward');
    expect(press('ArrowLeft')).toBe('back');
    expect(press('PageDown')).toBe('forward');
    expect(press('PageUp')).toBe('back');
    expect(press('Home')).toBe('first');
    expect(press('End')).toBe('last');
    expect(press(' ')).toBe('togglePlay');
    expect(press('a')).toBeUndefined();
  });

  it('steps with the clicker keys on a radio button or checkbox, but not in a text field or slider', () => {
    for (const type of ['radio', 'checkbox']) {
      const el = document.createElement('input');
      el.type = type;
      expect(press('PageDown', el), type).toBe('forward');
      expect(press('PageUp', el), type).toBe('back');
      expect(press('ArrowRight', el), type).toBeUndefined();
    }
    for (const type of ['text', 'number', 'range']) {
      const el = document.createElement('input');
      el.type = type;
      expect(press('PageDown', el), type).toBeUndefined();
    }
  });

  it('leaves the tablist its own keys', () => {
    const list = document.createElement('div');
    list.setAttribute('role', 'tablist');
    const tab = document.createElement('button');
    list.append(tab);
    for (const key of ['ArrowRight', 'ArrowLeft', 'Home', 'End', 'PageDown', ' '])
      expect(press(key, tab), key).toBeUndefined();
  });

  it('leaves browser shortcuts alone', () => {
    expect(press('ArrowLeft', document.body, { altKey: true })).toBeUndefined();
    expect(press('Home', document.body, { ctrlKey: true })).toBeUndefined();
  });

  it('leaves form fields their own keys', () => {
    for (const tag of ['select', 'input', 'textarea']) {
      const el = document.createElement(tag);
      expect(press('ArrowRight', el), tag).toBeUndefined();
      expect(press(' ', el), tag).toBeUndefined();
    }
  });

  it('lets Space press a focused button, but still steps with the arrows there', () => {
    const button = document.createElement('button');
    expect(press(' ', button)).toBeUndefined();
    expect(press('ArrowRight', button)).toBe('forward');
  });
});
