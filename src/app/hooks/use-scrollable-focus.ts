// Code blocks and tables wider than the screen scroll sideways; a keyboard user can only scroll what can take focus
// (axe: scrollable-region-focusable). Each one that overflows inside `container` becomes a tab stop, named by what
// it is (a code block as a named group, not a landmark: a document has many; a table keeps its role and gets a name); one that fits is left alone. Checked again whenever `content` changes and when the window is resized.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

const SCROLLERS = 'pre, table';

export function useScrollableFocus(container: RefObject<HTMLElement | null>, content: unknown): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const mark = () => {
      for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const code = el.tagName === 'PRE';
        if (el.scrollWidth > el.clientWidth) {
          el.tabIndex = 0;
          if (code) el.setAttribute('role', 'group');
          el.setAttribute('aria-label', code ? 'Code (scrolls sideways)' : 'Table (scrolls sideways)');
        } else if (el.hasAttribute('tabindex')) {
          el.removeAttribute('tabindex');
          if (code) el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    mark();
    addEventListener('resize', mark);
    return () => removeEventListener('resize', mark);
  }, [container, content]);
}
