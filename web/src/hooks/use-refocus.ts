// The value box keeps the keyboard: after any mouse action elsewhere on the desk (a zoom button, a drag of the page,
// a click in the field list) the focus goes back to it, so j, Enter and the other keys keep working.
import { useEffect } from 'preact/hooks';
import type { RefObject } from 'preact';

export function useRefocus(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const back = (e: PointerEvent) => {
      // Other text boxes and links keep what the click gave them.
      if ((e.target as HTMLElement | null)?.closest('input, textarea, select, a')) {
        return;
      }
      // After the click's own handlers (a button may re-render the desk).
      requestAnimationFrame(() => input.current?.focus({ preventScroll: true }));
    };
    window.addEventListener('pointerup', back);
    return () => window.removeEventListener('pointerup', back);
  }, [input]);
}
