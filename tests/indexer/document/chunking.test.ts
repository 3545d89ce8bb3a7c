// Chunking: markdown documents → passages a reader recognises (breadcrumbs, lists with their context,
// sizes the model can embed, ids that survive rebuilds).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chunkDocument, splitText, type ChunkedDocument } from '../../../src/indexer/document/chunking.ts';
import { words } from '../../../src/core/analysis.ts';
import { DATA, elements, displayText, passageWith } from '../../fixtures/helpers.ts';
import { DEFAULT_CHUNKING } from '../../../src/core/settings.ts';

const seed = (file: string): ChunkedDocument => chunkDocument(file, readFileSync(path.join(DATA, file), 'utf8'));
const SEED_FILES = ['amgen-digital-persona-case-study.md', 'technical-projects.md', 'work-experience.md'];
const wordCount = (text: string) => words(text).length;

describe('seed documents', () => {
  const docs = Object.fromEntries(SEED_FILES.map((f) => [f, seed(f)]));

  it.each(SEED_FILES)('%s: every passage has text, fits maxWords and has a unique id', (file) => {
    const { passages } = docs[file];
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) {
      expect(p.text.trim()).not.toBe('');
      expect(wordCount(p.text)).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxWords);
      expect(p.id).toMatch(/^[a-z0-9-]{1,40}$/);
    }
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it('keeps every sentence of the source: the words of all passages cover the words of the document body', () => {
    // Words outside passages may only come from markup (URLs, image paths, the title line) — not from prose.
    const doc = docs['amgen-digital-persona-case-study.md'];
    const passageWords = new Set(doc.passages.flatMap((p) => words(`${p.headings.join(' ')} ${p.text}`)));
    for (const sentence of [
      'Jeroen left the company and Nicole came in',
      'Survey MRs about the digital/traditional affinity',
      'First project to actually deploy to a cloud based system',
    ]) {
      for (const w of words(sentence)) expect(passageWords.has(w), `"${w}" of "${sentence}"`).toBe(true);
    }
  });

  it('uses the leading H1 as the title, not as a breadcrumb', () => {
    const doc = docs['amgen-digital-persona-case-study.md'];
    expect(doc.title).toBe('Amgen - Digital Persona');
    expect(doc.passages.some((p) => p.headings.includes('Amgen - Digital Persona'))).toBe(false);
    expect(docs['technical-projects.md'].title).toBe('Patrick Herbert - Detailed Technical Experience');
    expect(docs['work-experience.md'].title).toBe('My Work Experience');
  });

  it('gives passages the heading path they sit under', () => {
    const situation = passageWith(
      docs['amgen-digital-persona-case-study.md'].passages,
      /Team conformed by Jeroen \(PM\)/,
    );
    expect(situation.headings).toEqual(['STAR', 'Situation']);
    const stt = passageWith(docs['technical-projects.md'].passages, /pywhispercpp/);
    expect(stt.headings).toEqual(['GoHealth | Senior Machine Learning Engineer', 'Real-Time Voice AI Platform']);
  });

  it('treats a line of only **Bold:** text as a heading', () => {
    const insights = passageWith(docs['technical-projects.md'].passages, /Strongest signal \(age\) was nearly linear/);
    expect(insights.headings).toEqual([
      'GoHealth | Senior Machine Learning Engineer',
      'Production Payment Prediction System',
      'Key Features & Insights',
    ]);
    // The heading is not repeated as body text, and no markdown syntax leaks into the text.
    expect(insights.text).not.toContain('Key Features & Insights');
    expect(docs['technical-projects.md'].passages.every((p) => !p.text.includes('**'))).toBe(true);
  });

  it('treats one-item "title | company | year" and "question?" lists as nested headings (as in work-experience.md)', () => {
    const fellowship = passageWith(
      docs['work-experience.md'].passages,
      /As a member of the fellowship program I worked with multiple teams/,
    );
    // The source separates the fields with tabs; the breadcrumb reads cleanly.
    expect(fellowship.headings).toEqual([
      'WORK EXPERIENCE',
      'Engineering Fellow | Blue Ridge Labs (Robhinhood Foundation) | Brooklyn, NY | 2021',
      'What team or product did I work on?',
    ]);
    const impact = passageWith(
      docs['work-experience.md'].passages,
      /The Robinhood Foundation donates millions of dollars/,
    );
    expect(impact.headings.slice(0, 2)).toEqual(fellowship.headings.slice(0, 2));
    expect(impact.headings[2]).toBe('What was the impact of this project or team in relation to the company?');
    // A question that became a heading is not also left in the list as an item.
    expect(
      elements(fellowship.body).some((e) => e.tagName === 'li' && /What team or product/.test(displayText(e.children))),
    ).toBe(false);
  });

  it('keeps list items with the sentence that introduces them', () => {
    const teams = passageWith(docs['work-experience.md'].passages, /I worked on three teams:/);
    for (const item of [
      'Support Groups for trans people of color',
      'Resource Support for Returning Citizens',
      'Comprehension (Literacy) App for early readers',
    ]) {
      expect(teams.text).toContain(item);
    }
    // The indented (4-space) prose and its numbered list display as prose and a list, not as a code block.
    const tags = elements(teams.body).map((e) => e.tagName);
    expect(tags).toContain('ol');
    expect(tags).not.toContain('pre');
    const glossary = passageWith(
      docs['amgen-digital-persona-case-study.md'].passages,
      /HCP \(Health Care Practitioner\): doctor/,
    );
    expect(glossary.text).toContain('MR Reach: channels where an active invitation comes from the MR');
  });

  it('lifts #tags out of the text into passage tags', () => {
    const doc = docs['amgen-digital-persona-case-study.md'];
    const situation = passageWith(doc.passages, /Team conformed by Jeroen/);
    expect(situation.tags).toEqual(expect.arrayContaining(['storytelling', 'interviews', 'data_engineering']));
    expect(situation.text).not.toMatch(/#data_engineering/);
    // "#storytelling #interviews" sits alone under "## STAR": every passage under STAR carries those tags.
    for (const p of doc.passages.filter((p) => p.headings[0] === 'STAR'))
      expect(p.tags).toEqual(expect.arrayContaining(['storytelling', 'interviews']));
    const intro = passageWith(doc.passages, /Consulting project done in Lynx Analytics/);
    expect(intro.tags).not.toContain('storytelling');
    expect(doc.tags).toEqual(expect.arrayContaining(['machine_learning', 'agility', 'design_thinking', 'creativity']));
  });

  it('turns Obsidian [[links]] into their text', () => {
    const intro = passageWith(docs['amgen-digital-persona-case-study.md'].passages, /Consulting project done in/);
    expect(intro.text).toContain('Consulting project done in Lynx Analytics from March 2021');
    for (const doc of Object.values(docs)) for (const p of doc.passages) expect(p.text).not.toMatch(/\[\[|\]\]/);
  });

  it('turns embedded <iframe> players into links to their source', () => {
    const video = passageWith(
      docs['work-experience.md'].passages,
      /In the USA today there are 5273 emergency departments/,
    );
    const links = elements(video.body).filter((e) => e.tagName === 'a');
    expect(
      links.some(
        (a) =>
          /^https:\/\/www\.youtube\.com\/embed\//.test(String(a.properties?.href)) &&
          displayText(a.children) === 'YouTube video player',
      ),
    ).toBe(true);
    for (const doc of Object.values(docs)) {
      for (const p of doc.passages) {
        const tags = elements(p.body).map((e) => e.tagName);
        expect(tags).not.toContain('iframe');
        expect(tags).not.toContain('script');
        expect(tags).not.toContain('img');
      }
    }
  });
});

describe('headings', () => {
  it('nests breadcrumbs by heading level and drops the leading H1 from them', () => {
    const words40 = (topic: string) =>
      Array.from({ length: 8 }, (_, i) => `The ${topic} note number ${i + 1} says something useful.`).join(' ');
    const doc = chunkDocument(
      'h.md',
      `# Handbook\n\n${words40('intro')}\n\n## Setup\n\n${words40('setup')}\n\n### Linux\n\n${words40('linux')}\n\n## Usage\n\n${words40('usage')}\n`,
    );
    expect(doc.title).toBe('Handbook');
    expect(doc.passages.map((p) => p.headings)).toEqual([[], ['Setup'], ['Setup', 'Linux'], ['Usage']]);
  });

  it('uses the file name as the title when there is no H1 or front matter title', () => {
    expect(chunkDocument('notes/my-travel_plans.md', 'Pack light and leave early.').title).toBe('My travel plans');
  });

  it('treats an H1 after other content as a heading (that still titles the document)', () => {
    const doc = chunkDocument(
      'late.md',
      `${'Opening words come first here. '.repeat(6)}\n\n# Later Part\n\n${'The later part has its own text. '.repeat(6)}`,
    );
    expect(doc.title).toBe('Later Part');
    expect(doc.passages.map((p) => p.headings)).toEqual([[], ['Later Part']]);
  });

  it('uses **Bold:** and *Emphasis* lines as headings under the current section', () => {
    const body =
      'This sentence is long enough to stand as a passage of its own, so it is not merged into the passage of any neighbouring section.';
    const doc = chunkDocument(
      'b.md',
      `## Project\n\n**Architecture:**\n\n${body}\n\n*Results*\n\n${body.replace('This', 'That')}\n`,
    );
    expect(doc.passages.map((p) => p.headings)).toEqual([
      ['Project', 'Architecture'],
      ['Project', 'Results'],
    ]);
  });

  it('does not treat a bold phrase followed by text as a heading', () => {
    const doc = chunkDocument(
      'b.md',
      '## Impact\n\n**Business Impact:** payment rates went from 47% to 59%, a 25% relative improvement for the team.',
    );
    expect(doc.passages).toHaveLength(1);
    expect(doc.passages[0].headings).toEqual(['Impact']);
    expect(doc.passages[0].text).toContain('Business Impact: payment rates');
  });

  it('reads one-item lists as headings only when they look like titles', () => {
    const prose = 'I built the data pipeline and the dashboards for the operations team over two quarters.';
    const doc = chunkDocument(
      'w.md',
      `## Jobs\n\n- Engineer | Acme Corp | 2021\n  - What did I do?\n\n${prose}\n\n- just a normal single bullet point that is not a title\n`,
    );
    expect(doc.passages[0].headings).toEqual(['Jobs', 'Engineer | Acme Corp | 2021', 'What did I do?']);
    expect(doc.passages[0].text).toContain('just a normal single bullet point');
  });
});

describe('passage sizes', () => {
  const sentence = (i: number) =>
    `Sentence number ${i} talks about the harbour, the boats and the weather that morning.`;
  const long = Array.from({ length: 40 }, (_, i) => sentence(i + 1)).join(' ');

  it('splits a long section at sentence boundaries into passages of at most maxWords words', () => {
    const doc = chunkDocument('long.md', `## Log\n\n${long}\n`, { maxWords: 100, minWords: 10 });
    expect(doc.passages.length).toBeGreaterThan(1);
    for (const p of doc.passages) {
      expect(wordCount(p.text)).toBeLessThanOrEqual(100);
      expect(p.text).toMatch(/^Sentence number \d+ .*morning\.$/s);
      expect(p.headings).toEqual(['Log']);
    }
    // Nothing lost, nothing repeated, order kept.
    expect(doc.passages.map((p) => p.text).join(' ')).toBe(long);
  });

  it('cuts a sentence longer than maxWords between words', () => {
    const run = Array.from({ length: 250 }, (_, i) => `w${i}`).join(' ');
    const pieces = splitText(run, 100);
    expect(pieces.map(wordCount)).toEqual([100, 100, 50]);
    expect(pieces.join(' ')).toBe(run);
    // Words joined by punctuation count as several words; a piece still never exceeds the limit.
    const hyphenated = Array.from({ length: 120 }, (_, i) => `a${i}-b${i}`).join(' ');
    for (const piece of splitText(hyphenated, 50)) expect(wordCount(piece)).toBeLessThanOrEqual(50);
  });

  it('keeps short sections whole and splits long lists between items', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `- Item ${i + 1}: check the valve, the pump and the filter on floor ${i + 1}.`,
    ).join('\n');
    const doc = chunkDocument(
      'list.md',
      `## Checklist\n\nBefore the season starts, walk through every floor:\n\n${items}\n`,
      { maxWords: 80, minWords: 10 },
    );
    for (const p of doc.passages) {
      expect(wordCount(p.text)).toBeLessThanOrEqual(80);
      // A split never cuts an item in half.
      for (const line of p.text.split('\n').slice(1)) expect(line).toMatch(/^(Item \d+: .*\.)$/);
    }
    expect(doc.passages[0].text.startsWith('Before the season starts')).toBe(true);
    expect(
      doc.passages
        .map((p) => p.text)
        .join('\n')
        .match(/Item \d+:/g),
    ).toHaveLength(30);
  });

  it('merges a fragment smaller than minWords into the passage before it, keeping its heading in the text', () => {
    const para = 'This paragraph is comfortably longer than the minimum size, so it stands on its own as a passage.';
    const doc = chunkDocument('m.md', `## Tools\n\n${para}\n\n## Notes\n\nShort note.\n`, {
      maxWords: 160,
      minWords: 24,
    });
    expect(doc.passages).toHaveLength(1);
    const [p] = doc.passages;
    // Both headings stay readable inside the merged text, each once, in document order.
    expect(p.text).toBe(`Tools\n${para}\nNotes\nShort note.`);
    expect(p.headings).toEqual([]);
    expect(
      elements(p.body)
        .filter((e) => /^h[1-6]$/.test(e.tagName))
        .map((e) => displayText(e.children)),
    ).toEqual(['Tools', 'Notes']);
  });

  it("keeps a section's short opening (a job's dates) with its own subsections, not with the section before", () => {
    const para = (topic: string) =>
      `The ${topic} work ran for two years across four teams and shipped a model used by every sales agent daily.`;
    const doc = chunkDocument(
      'cv.md',
      `## Acme | Engineer\n\n*2019 - 2021*\n\n### Pricing\n\n${para('pricing')}\n\n` +
        `## Globex | Researcher\n\n*2021 - Present | Baltimore*\n\n### Imaging\n\n${para('imaging')}\n`,
      { maxWords: 160, minWords: 24 },
    );
    const dated = doc.passages.find((p) => p.text.includes('2021 - Present'))!;
    // The dates open the Globex section: they stay under its heading, with its subsection, and the passage keeps a
    // heading path (was: joined to Acme's last passage, titled by the document).
    expect(dated.headings).toEqual(['Globex | Researcher']);
    expect(dated.text).toContain('imaging work');
    expect(dated.text).not.toContain('pricing');
    for (const p of doc.passages) expect(p.headings.length).toBeGreaterThan(0);
  });

  it('lets a short section absorb its subsections without repeating headings', () => {
    const doc = chunkDocument(
      'a.md',
      '# Title\n\nIntro paragraph here.\n\n## Section A\n\nText of A.\n\n### Sub A1\n\nText of A1.\n',
    );
    expect(doc.passages).toHaveLength(1);
    expect(doc.passages[0].text).toBe('Intro paragraph here.\nSection A\nText of A.\nSub A1\nText of A1.');
  });

  it('does not merge fragments when the result would exceed maxWords', () => {
    const big = `${Array.from({ length: 19 }, (_, i) => `word${i}`).join(' ')}.`;
    const doc = chunkDocument('x.md', `## One\n\n${big}\n\n## Two\n\nTiny bit here.\n`, { maxWords: 20, minWords: 5 });
    for (const p of doc.passages) expect(wordCount(p.text)).toBeLessThanOrEqual(20);
    expect(doc.passages).toHaveLength(2);
  });
});

describe('code and prose', () => {
  it('keeps indented prose as prose', () => {
    const doc = chunkDocument('i.md', 'Notes:\n\n    I indent my paragraphs by habit, and this is not code at all.\n');
    const tags = elements(doc.passages[0].body).map((e) => e.tagName);
    expect(tags).not.toContain('pre');
    expect(tags).not.toContain('code');
    expect(doc.passages[0].text).toContain('I indent my paragraphs by habit');
  });

  it('keeps fenced code as code, verbatim', () => {
    const code = 'def main():\n    print("<b>hi</b> #notatag [[not a link]]")\n';
    const doc = chunkDocument('c.md', `Example:\n\n\`\`\`python\n${code}\`\`\`\n`);
    const [p] = doc.passages;
    const pre = elements(p.body).find((e) => e.tagName === 'pre');
    expect(pre).toBeDefined();
    expect(displayText(pre!.children)).toBe(code);
    expect(p.tags).toEqual([]);
    expect(p.text).toContain('print("<b>hi</b> #notatag [[not a link]]")');
  });
});

describe('tags, links and front matter', () => {
  it('makes inline #tags passage tags and removes them from the text', () => {
    const doc = chunkDocument(
      't.md',
      'Planted garlic today #garden #to_do/later, see issue #42 and C# notes at https://x.test/#anchor.',
    );
    const [p] = doc.passages;
    expect(p.tags.sort()).toEqual(['garden', 'to_do/later']);
    expect(p.text).not.toContain('#garden');
    // Not tags: numbers, a letter followed by #, URL fragments.
    expect(p.text).toContain('#42');
    expect(p.text).toContain('C#');
  });

  it('tags every passage of a section with a line of only #tags, wherever the line sits in the section', () => {
    const para = (topic: string) =>
      `This paragraph about ${topic} is long enough to become a passage of its own, no merging needed at all here.`;
    const doc = chunkDocument(
      's.md',
      `## Travel\n\n${para('trains')}\n\n${para('ferries')}\n\n#trips #planning\n\n## Food\n\n${para('soup')}\n`,
      { maxWords: 25, minWords: 5 },
    );
    const byTopic = (t: string) => passageWith(doc.passages, new RegExp(t));
    expect(byTopic('trains').tags).toEqual(expect.arrayContaining(['trips', 'planning']));
    expect(byTopic('ferries').tags).toEqual(expect.arrayContaining(['trips', 'planning']));
    expect(byTopic('soup').tags).toEqual([]);
  });

  it('tags the whole document with a #tags line before the first heading', () => {
    const doc = chunkDocument(
      'o.md',
      `#project #ideas\n\n${'A first thought about the project plan. '.repeat(5)}\n\n## Later\n\n${'Another thought about the timeline. '.repeat(5)}`,
    );
    expect(doc.passages).toHaveLength(2);
    for (const p of doc.passages) expect(p.tags).toEqual(expect.arrayContaining(['project', 'ideas']));
  });

  it('tags a section with a #tag written in its heading', () => {
    const doc = chunkDocument(
      'h.md',
      `## Harvest #summer\n\n${'Pick the fruit when it is fully coloured. '.repeat(4)}`,
    );
    expect(doc.passages[0].headings).toEqual(['Harvest']);
    expect(doc.passages[0].tags).toEqual(['summer']);
  });

  it('reads [[links]] and [[target|alias]] as Obsidian shows them, each a link waiting for the corpus to resolve it', () => {
    const doc = chunkDocument(
      'w.md',
      'See [[Compost]], [[Pests|pest control]], [[Soil#Acidity]] and [[#Sources]] for details.',
    );
    expect(doc.passages[0].text).toBe('See Compost, pest control, Soil › Acidity and Sources for details.');
    // No URL: what the link names, for src/indexer/links.ts to turn into a passage id or unresolved text.
    expect(
      elements(doc.passages[0].body)
        .filter((e) => e.tagName === 'a')
        .map((e) => [
          displayText(e.children),
          e.properties?.dataLinkPath,
          e.properties?.dataLinkHeading,
          e.properties?.href,
        ]),
    ).toEqual([
      ['Compost', 'Compost', '', undefined],
      ['pest control', 'Pests', '', undefined],
      ['Soil › Acidity', 'Soil', 'Acidity', undefined],
      ['Sources', '', 'Sources', undefined],
    ]);
  });

  it('uses the front matter title and tags for every passage', () => {
    const doc = chunkDocument(
      'f.md',
      '---\ntitle: Front Title\ntags: [Alpha, "#beta"]\n---\n# Heading One\n\nBody text about the thing.\n',
    );
    expect(doc.title).toBe('Front Title');
    expect(doc.tags).toEqual(expect.arrayContaining(['alpha', 'beta']));
    expect(doc.passages[0].tags).toEqual(expect.arrayContaining(['alpha', 'beta']));
    expect(doc.passages[0].text).toBe('Body text about the thing.');
    expect(doc.warnings).toEqual([]);
  });

  it('reads a comma-separated tags string in front matter', () => {
    expect(chunkDocument('f.md', '---\ntags: "one, two three"\n---\nText.\n').tags.sort()).toEqual([
      'one',
      'three',
      'two',
    ]);
  });

  it('warns about invalid YAML front matter and still indexes the document', () => {
    const doc = chunkDocument(
      'bad.md',
      '---\ntitle: [unclosed\n---\n# Real Title\n\nThe body text is still indexed.\n',
    );
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/front matter is not valid YAML/);
    expect(doc.title).toBe('Real Title');
    expect(doc.passages.map((p) => p.text)).toEqual(['The body text is still indexed.']);
    // The broken YAML is not indexed as text.
    expect(doc.passages[0].text).not.toContain('unclosed');
  });
});

describe('stable ids', () => {
  const source = readFileSync(path.join(DATA, 'technical-projects.md'), 'utf8');

  it('gives the same ids to the same document every time', () => {
    const a = chunkDocument('technical-projects.md', source).passages.map((p) => p.id);
    const b = chunkDocument('technical-projects.md', source).passages.map((p) => p.id);
    expect(b).toEqual(a);
  });

  it('changes only the id of the edited passage', () => {
    const before = chunkDocument('technical-projects.md', source).passages;
    const edited = source.replace(
      'Improved successful payment rates from 47% to 59%',
      'Improved successful payment rates from 48% to 59%',
    );
    expect(edited).not.toBe(source);
    const after = chunkDocument('technical-projects.md', edited).passages;
    expect(after).toHaveLength(before.length);
    const changed = before.map((p, i) => [p, after[i]] as const).filter(([b, a]) => b.id !== a.id);
    expect(changed).toHaveLength(1);
    expect(changed[0][1].text).toContain('from 48% to 59%');
  });

  it('changes only the passages an inserted paragraph lands in (and neighbours merged with it)', () => {
    const before = chunkDocument('technical-projects.md', source).passages;
    const edited = source.replace(
      '### Real-Time Voice AI Platform\n',
      '### Real-Time Voice AI Platform\n\nA new sentence about latency budgets for the voice platform.\n',
    );
    const after = chunkDocument('technical-projects.md', edited).passages;
    const beforeIds = new Set(before.map((p) => p.id));
    const newIds = after.filter((p) => !beforeIds.has(p.id));
    expect(newIds.length).toBeGreaterThanOrEqual(1);
    expect(newIds.length).toBeLessThanOrEqual(2);
    expect(newIds.some((p) => p.text.includes('latency budgets'))).toBe(true);
    // Passages of other projects keep their ids.
    const otherBefore = before.filter(
      (p) =>
        !p.headings.includes('Real-Time Voice AI Platform') &&
        p.headings[0] !== undefined &&
        p.headings[1] !== undefined,
    );
    const afterIds = new Set(after.map((p) => p.id));
    expect(otherBefore.filter((p) => !afterIds.has(p.id))).toEqual([]);
  });

  it('includes the document path: the same text in two documents has two ids', () => {
    const text = '## Notes\n\nExactly the same paragraph in two different files.';
    expect(chunkDocument('a/notes.md', text).passages[0].id).not.toBe(chunkDocument('b/notes.md', text).passages[0].id);
  });

  it('gives duplicate passages in one document unique ids', () => {
    const block = `## Boilerplate\n\n${'This exact disclaimer is pasted at the end of many sections of my notes. '.repeat(3)}\n\n`;
    // Consecutive sections with the same heading are one section; maxWords keeps each copy its own passage.
    const doc = chunkDocument('dup.md', block.repeat(3), { maxWords: 50, minWords: 5 });
    expect(doc.passages).toHaveLength(3);
    const ids = doc.passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe(`${ids[0]}-2`);
    expect(ids[2]).toBe(`${ids[0]}-3`);
  });
});
