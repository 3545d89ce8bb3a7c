// The site's configured name (lantern.config.json), written into index.html by the build: the header and the tab
// title use it.
export const SITE_NAME = document.querySelector<HTMLMetaElement>('meta[name="application-name"]')?.content || 'Lantern';
