// Text with <mark>ed runs, built as text nodes (never as HTML). `answer`: the part of the text that belongs to the
// answer sentence, wrapped in <mark class="answer"> (the term marks inside it stay marks of their own).
import type { Highlight } from '../../core/types.ts';
import { segments } from '../display.ts';

function Terms({ text, highlights, from = 0 }: { text: string; highlights: Highlight[]; from?: number }) {
  const shifted = from ? highlights.map((h) => ({ start: h.start - from, end: h.end - from })) : highlights;
  return <>{segments(text, shifted).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

export function Marked({
  text,
  highlights,
  answer,
}: {
  text: string;
  highlights: Highlight[];
  answer?: Highlight | null;
}) {
  const start = answer ? Math.max(0, Math.min(text.length, answer.start)) : 0;
  const end = answer ? Math.max(start, Math.min(text.length, answer.end)) : 0;
  if (end <= start) return <Terms text={text} highlights={highlights} />;
  return (
    <>
      <Terms text={text.slice(0, start)} highlights={highlights} />
      <mark class="answer">
        <Terms text={text.slice(start, end)} highlights={highlights} from={start} />
      </mark>
      <Terms text={text.slice(end)} highlights={highlights} from={end} />
    </>
  );
}
