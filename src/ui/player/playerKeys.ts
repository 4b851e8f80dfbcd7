export type PlayerAction = 'first' | 'back' | 'togglePlay' | 'forward' | 'last';

/**
 * Keys that move the replay. PageUp/PageDown step too: presentation clickers send them, so a teacher can
 * walk the class through the steps from the back of the room.
 */
const KEYS: Readonly<Record<string, PlayerAction>> = {
  ArrowLeft: 'back',
  ArrowRight: 'forward',
  PageUp: 'back',
  PageDown: 'forward',
  Home: 'first',
  End: 'last',
  ' ': 'togglePlay',
};

export interface KeyInput {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly target: EventTarget | null;
}

/** The action for a key press, or undefined when the key belongs to something else. */
export function playerActionFor(e: KeyInput): PlayerAction | undefined {
  if (e.altKey || e.ctrlKey || e.metaKey) return undefined;
  const action = KEYS[e.key];
  if (!action) return undefined;
  if (isElement(e.target)) {
    // A clicker's PageUp/PageDown mean nothing to a radio button or a checkbox (the speed, "reduce
    // motion"): the focus left there after a click must not silence the clicker.
    const clicker = e.key === 'PageUp' || e.key === 'PageDown';
    if (clicker && e.target.matches('input[type="radio"], input[type="checkbox"]')) return action;
    // Form fields use these keys themselves (a select's arrows, a text caret, a checkbox's Space).
    if (e.target.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]'))
      return undefined;
    // A tablist moves between its tabs with ←/→ and Home/End (WAI-ARIA); the replay waits until focus
    // leaves it.
    if (e.target.closest('[role="tablist"]')) return undefined;
    // Space on a focused button presses that button.
    if (action === 'togglePlay' && e.target.closest('button, a[href], summary')) return undefined;
  }
  return action;
}

function isElement(target: EventTarget | null): target is Element {
  return typeof Element !== 'undefined' && target instanceof Element;
}
