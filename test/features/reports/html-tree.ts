import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** Parses an HTML document the way browsers do. */
export function parseHtml(html: string): Element {
  const document = parse(html);
  return document.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'html')!;
}

/** Every element below `root` (document order) that `match` accepts. */
export function elements(root: Node, match: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if ('tagName' in node && match(node)) found.push(node);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) visit(child);
    if ('content' in node && node.content) visit(node.content as Node);
  };
  visit(root);
  return found;
}

export const byTag = (tag: string) => (e: Element) => e.tagName === tag;

export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** The text of an element and everything in it, spaces collapsed. */
export function textOf(node: Node): string {
  let text = '';
  const visit = (n: Node) => {
    if (n.nodeName === '#text') text += (n as DefaultTreeAdapterMap['textNode']).value;
    else if ('childNodes' in n) for (const child of n.childNodes) visit(child);
  };
  visit(node);
  return text.replace(/\s+/g, ' ').trim();
}
