// What the site build wrote into index.html from lantern.config.json and the index: the site's name (header, tab
// title) and how the static passage pages are laid out (the links "Copy link" and "Share" hand out).
import type { PageLayout } from '../core/links.ts';

const meta = (name: string) =>
  typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;

export const SITE_NAME = meta('application-name') || 'Lantern';
export const PAGE_LAYOUT: PageLayout = meta('lantern-pages') === 'document' ? 'document' : 'passage';
