// Text with <mark>ed runs, built as text nodes (never as HTML).
import type { Highlight } from '../../core/types.ts';
import { segments } from '../display.ts';

export function Marked({ text, highlights }: { text: string; highlights: Highlight[] }) {
  return (
    <>
      {segments(text, highlights).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}
    </>
  );
}
