import type { KeyInput } from '../player/playerKeys';

export type PresentationAction = 'toggle' | 'leave';

/**
 * P toggles presentation mode, Escape leaves it. Not while typing in a field, and not with modifiers
 * (Ctrl+P prints).
 */
export function presentationActionFor(e: KeyInput, presenting: boolean): PresentationAction | undefined {
  if (e.altKey || e.ctrlKey || e.metaKey) return undefined;
  if (e.key === 'Escape') return presenting ? 'leave' : undefined;
  if (e.key !== 'p' && e.key !== 'P') return undefined;
  if (
    typeof Element !== 'undefined' &&
    e.target instanceof Element &&
    e.target.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]')
  )
    return undefined;
  return 'toggle';
}
