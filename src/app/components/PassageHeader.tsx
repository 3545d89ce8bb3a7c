// The passage view's header, kept in sight while the document scrolls (under the site's own header): Back, Copy
// link, Share, More like this, and where the passage sits — its document's title and heading path — so a shared
// link that lands mid-document says what it is even on a phone, where the document's title has scrolled away.
interface Props {
  documentTitle: string;
  /** The passage's heading path, outermost first. */
  headings: string[];
  modelReady: boolean;
  /** What the last action did ("Link copied"), said politely. */
  notice: string;
  onBack: () => void;
  onCopy: () => void;
  onShare: () => void;
  onMore: () => void;
}

export function PassageHeader({ documentTitle, headings, modelReady, notice, onBack, onCopy, onShare, onMore }: Props) {
  const path = [documentTitle, ...headings];
  return (
    <div class="passage-head">
      <div class="doc-toolbar">
        <button type="button" class="button button-quiet" onClick={onBack}>
          ← Back
        </button>
        <span class="toolbar-spacer" />
        <button type="button" class="button" onClick={onCopy}>
          Copy link
        </button>
        <button type="button" class="button" onClick={onShare}>
          Share
        </button>
        <button
          type="button"
          class="button"
          onClick={onMore}
          disabled={!modelReady}
          title={modelReady ? undefined : 'Needs the model (loading)'}
        >
          More like this
        </button>
        <span class="notice" role="status" aria-live="polite">
          {notice}
        </span>
      </div>
      <p class="passage-context" title={path.join(' › ')}>
        <span class="visually-hidden">This passage: </span>
        {path.map((part, i) => (
          <span key={i} class={i === 0 ? 'crumb crumb-document' : 'crumb'}>
            {part}
          </span>
        ))}
      </p>
    </div>
  );
}
