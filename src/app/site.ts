// What the site build wrote into index.html from lantern.config.json and the index: the site's name (header, tab
// title), how the static passage pages are laid out (the links "Copy link" and "Share" hand out), the example
// questions the home screen offers, and whether the model needs ONNX Runtime's wasm.
import type { PageLayout } from '../core/links.ts';

const meta = (name: string) =>
  typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;

/** The example questions of a `lantern-examples` meta tag (a JSON list of strings); none when absent or unreadable. */
export function parseExamples(content: string | null | undefined): string[] {
  if (!content) return [];
  try {
    const value: unknown = JSON.parse(content);
    return Array.isArray(value) ? value.filter((q): q is string => typeof q === 'string' && q.trim() !== '') : [];
  } catch {
    return [];
  }
}

export const SITE_NAME = meta('application-name') || 'Lantern';
export const PAGE_LAYOUT: PageLayout = meta('lantern-pages') === 'document' ? 'document' : 'passage';
export const EXAMPLES = parseExamples(meta('lantern-examples'));
/** Whether the site build found that the index's model needs ONNX Runtime (site/write-site.ts reads its graph). */
export const RUNTIME_EXPECTED = meta('lantern-runtime') === 'yes';
