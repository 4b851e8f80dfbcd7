import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAfterFirstPaint } from '../../src/ui/useAfterFirstPaint';

function Probe() {
  return <p>{useAfterFirstPaint() ? 'painted' : 'first'}</p>;
}

beforeEach(() =>
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout'] }),
);
afterEach(() => vi.useRealTimers());

describe('useAfterFirstPaint', () => {
  it('is false for the first render and turns true only after the next frame has been painted', () => {
    render(<Probe />);
    expect(screen.getByText('first')).toBeTruthy();
    // The frame callback alone is not enough: the paint comes after it.
    act(() => vi.advanceTimersToNextFrame());
    expect(screen.queryByText('painted')).toBeNull();
    act(() => vi.runOnlyPendingTimers());
    expect(screen.getByText('painted')).toBeTruthy();
  });

  it('does nothing after unmounting', () => {
    const errors = vi.spyOn(console, 'error');
    const { unmount } = render(<Probe />);
    unmount();
    act(() => {
      vi.advanceTimersToNextFrame();
      vi.runAllTimers();
    });
    expect(errors).not.toHaveBeenCalled();
  });
});
