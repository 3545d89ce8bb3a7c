// A passage inside its whole document: headings where the path changes, the passage highlighted and
// scrolled into view, query terms (and the words typo tolerance searched instead) and the answer sentence marked
// in it; links to other passages followed inside the app, the documents linking here ("Linked from"); copy link,
// share, more like this.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchResult } from '../../core/types.ts';
import type { DocumentAnswer, DocumentPassage, LinkingDocument } from '../protocol.ts';
import { formatRoute } from '../../core/links.ts';
import type { SearchClient } from '../search-client.ts';
import { shareUrl } from '../route.ts';
import { PAGE_LAYOUT } from '../site.ts';
import { copyText } from '../clipboard.ts';
import { pageTitle } from '../title.ts';
import { SITE_NAME } from '../site.ts';
import { DisplayMarkup, isHeading, textOf } from './DisplayMarkup.tsx';
import { ResultList } from './ResultList.tsx';
import { PassageHeader } from './PassageHeader.tsx';
import { useScrollableFocus } from '../hooks/use-scrollable-focus.ts';

interface Props {
  client: SearchClient;
  passageId: string;
  query: string;
  /** The query's words exactly as typed (no typo tolerance). */
  exact: boolean;
  modelReady: boolean;
  onBack: () => void;
  onSearch: (query: string) => void;
  onOpen: (result: SearchResult, event: MouseEvent) => void;
  /** Opens the passage a link between documents leads to (a new history entry, so Back returns here). */
  onFollow: (passageId: string) => void;
}

/** The headings to show before `passage`: those of its path that differ from the previous passage's. */
function newHeadings(previous: string[] | null, current: string[]): { text: string; depth: number }[] {
  let same = 0;
  while (previous && same < previous.length && same < current.length && previous[same] === current[same]) same++;
  return current.slice(same).map((text, i) => ({ text, depth: same + i }));
}

/**
 * A passage's body without a leading heading that its path already shows, and the heading path as the reader has
 * seen it after the body (a body may end a section by opening the next one: its heading is not shown again).
 */
function bodyOf(p: DocumentPassage): { body: DocumentPassage['body']; shown: string[] } {
  const body = isHeading(p.body[0]) && textOf(p.body[0]).trim() === p.headings.at(-1) ? p.body.slice(1) : p.body;
  const last = body.filter(isHeading).at(-1);
  return { body, shown: last ? [...p.headings, textOf(last).trim()] : p.headings };
}

function Heading({ text, depth }: { text: string; depth: number }) {
  const Tag = `h${Math.min(6, depth + 2)}` as 'h2';
  return <Tag class="doc-heading">{text}</Tag>;
}

export function PassageView({
  client,
  passageId,
  query,
  exact,
  modelReady,
  onBack,
  onSearch,
  onOpen,
  onFollow,
}: Props) {
  const [doc, setDoc] = useState<DocumentAnswer | null>(null);
  const [more, setMore] = useState<SearchResult[] | null>(null);
  const [notice, setNotice] = useState('');
  /** Why the passage could not be opened (as opposed to not being in the index). */
  const [failure, setFailure] = useState('');
  const article = useRef<HTMLElement>(null);
  useScrollableFocus(article, doc);
  const terms = useMemo(() => (doc?.found && doc.marks.terms.length ? new Set(doc.marks.terms) : null), [doc]);

  useEffect(() => {
    let live = true;
    setDoc(null);
    setMore(null);
    setFailure('');
    client.document(passageId, query, exact).then(
      (answer) => live && setDoc(answer),
      (error: unknown) => {
        if (!live) return;
        setFailure(error instanceof Error ? error.message : String(error));
        setDoc({ found: false });
      },
    );
    return () => void (live = false);
  }, [client, passageId, query, exact]);

  useEffect(() => {
    if (!doc?.found) return;
    const target = document.getElementById(`p-${passageId}`);
    // With the headings it opens, just under the sticky header (which names the document and headings above it).
    target?.closest('.passage-block')?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [doc, passageId]);

  useEffect(() => {
    if (!doc) return;
    const target = doc.found ? doc.passages.find((p) => p.id === passageId) : undefined;
    document.title = doc.found
      ? pageTitle(SITE_NAME, target?.headings.at(-1), doc.document.title)
      : pageTitle(SITE_NAME, 'Passage not found');
  }, [doc, passageId]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!doc) return <p class="muted passage-loading">Opening passage…</p>;

  if (failure) {
    return (
      <section class="missing" aria-labelledby="missing-title">
        <h1 id="missing-title">This passage could not be opened</h1>
        <p class="muted">{failure}</p>
        <button type="button" class="button" onClick={() => onSearch(query)}>
          {query ? `Search for “${query}”` : 'Go to search'}
        </button>
      </section>
    );
  }

  if (!doc.found) {
    return (
      <section class="missing" aria-labelledby="missing-title">
        <h1 id="missing-title">This passage is no longer in the index</h1>
        <p class="muted">The documents were probably rebuilt since this link was made.</p>
        <button type="button" class="button" onClick={() => onSearch(query)}>
          {query ? `Search for “${query}”` : 'Go to search'}
        </button>
      </section>
    );
  }

  const link = shareUrl(passageId, doc.document.id, PAGE_LAYOUT);
  const copy = async () => setNotice((await copyText(link)) ? 'Link copied' : 'Could not copy the link');
  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: doc.document.title, url: link });
        return;
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
      }
    }
    await copy();
  };
  const showMore = async () => {
    setMore(await client.moreLikeThis(passageId, 8));
    requestAnimationFrame(() =>
      document.getElementById('more')?.scrollIntoView({ block: 'start', behavior: 'smooth' }),
    );
  };

  /** A click on a link to a passage opens it in the app, unless it asks for a new tab or window. */
  const follow = (event: MouseEvent) => {
    const id = (event.currentTarget as Element).getAttribute('data-passage');
    if (!id || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    onFollow(id);
  };

  let previous: string[] | null = null;
  return (
    <article ref={article} class="document" aria-labelledby="doc-title">
      <PassageHeader
        documentTitle={doc.document.title}
        headings={doc.passages.find((p) => p.id === passageId)?.headings ?? []}
        modelReady={modelReady}
        notice={notice}
        onBack={onBack}
        onCopy={copy}
        onShare={share}
        onMore={showMore}
      />
      <h1 id="doc-title" class="doc-title">
        {doc.document.title}
      </h1>
      {doc.passages.map((p: DocumentPassage) => {
        const headings = newHeadings(previous, p.headings);
        const { body, shown } = bodyOf(p);
        previous = shown;
        const isTarget = p.id === passageId;
        return (
          <div key={p.id} class="passage-block">
            {headings.map((h) => (
              <Heading key={`${h.depth}-${h.text}`} {...h} />
            ))}
            <section
              id={`p-${p.id}`}
              class={isTarget ? 'passage passage-target' : 'passage'}
              tabIndex={isTarget ? -1 : undefined}
              aria-current={isTarget ? 'true' : undefined}
            >
              <DisplayMarkup
                nodes={body}
                terms={isTarget ? terms : null}
                answer={isTarget ? doc.marks.answer : null}
                headingLevel={p.headings.length + 2}
                onFollow={follow}
              />
            </section>
            {isTarget && more && (
              <MoreLikeThis
                results={more}
                onOpen={onOpen}
                onClose={() => setMore(null)}
                level={Math.min(6, p.headings.length + 2)}
              />
            )}
          </div>
        );
      })}
      {doc.linkedFrom.length > 0 && <LinkedFrom documents={doc.linkedFrom} onFollow={follow} />}
    </article>
  );
}

/** The documents that link to this one, each a link to its passage holding the link. */
function LinkedFrom({ documents, onFollow }: { documents: LinkingDocument[]; onFollow: (event: MouseEvent) => void }) {
  return (
    <aside class="linked-from" aria-labelledby="linked-from-title">
      <h2 id="linked-from-title">Linked from</h2>
      <ul>
        {documents.map((d) => (
          <li key={d.passage}>
            <a href={formatRoute({ view: 'passage', id: d.passage })} data-passage={d.passage} onClick={onFollow}>
              {d.title}
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** `level`: its heading's level, one below the section it sits in (the document's outline stays in order). */
function MoreLikeThis({
  results,
  onOpen,
  onClose,
  level,
}: {
  results: SearchResult[];
  onOpen: Props['onOpen'];
  onClose: () => void;
  level: number;
}) {
  const Title = `h${level}` as 'h2';
  return (
    <aside id="more" class="more" aria-label="More like this">
      <div class="more-head">
        <Title>More like this</Title>
        <button type="button" class="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      {results.length ? (
        <ResultList
          results={results}
          query=""
          activeIndex={-1}
          onOpen={onOpen}
          idPrefix="m"
          label="Passages like this one"
        />
      ) : (
        <p class="muted">Nothing close enough.</p>
      )}
    </aside>
  );
}
