import { generateOpml, parseOpml } from 'feedsmith';
import { splitList, type Feed } from '../domain/feeds';
import type { ImportedFeed } from '../domain/radar';

/** Outline attributes beyond OPML's own, for what feed readers have no field for. */
const EXTRA = ['keywords'] as const;

/**
 * The feeds of an OPML file (the format feed readers import and export): every outline with an `xmlUrl`, nested
 * folders included; `category` (comma separated) becomes the tags, a `keywords` attribute (ours) the keywords.
 * Throws when the text is not OPML.
 */
export function feedsFromOpml(text: string): ImportedFeed[] {
  const document = parseOpml(text, { extraOutlineAttributes: EXTRA });
  const found: ImportedFeed[] = [];
  type Outline = NonNullable<NonNullable<typeof document.body>['outlines']>[number];
  const walk = (outlines: readonly Outline[] | undefined) => {
    for (const outline of outlines ?? []) {
      if (outline.xmlUrl) {
        found.push({
          url: outline.xmlUrl.trim(),
          title: outline.title ?? outline.text ?? '',
          keywords: splitList(String((outline as { keywords?: unknown }).keywords ?? '')),
          tags: splitList(outline.category ?? ''),
        });
      }
      walk(outline.outlines);
    }
  };
  walk(document.body?.outlines);
  return found;
}

/** The feeds as an OPML 2.0 document that feed readers (and `feeds import`) read. */
export function feedsToOpml(feeds: readonly Feed[], title: string): string {
  return generateOpml(
    {
      head: { title },
      body: {
        outlines: feeds.map((f) => ({
          text: f.title || f.url,
          title: f.title || f.url,
          type: 'rss',
          xmlUrl: f.url,
          ...(f.tags.length > 0 ? { category: f.tags.join(',') } : {}),
          ...(f.keywords.length > 0 ? { keywords: f.keywords.join(',') } : {}),
        })),
      },
    },
    { extraOutlineAttributes: EXTRA },
  );
}
