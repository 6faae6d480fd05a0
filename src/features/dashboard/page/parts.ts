import type { ApiLight } from '../api';
import { h } from './dom';

/** A shape per light, so the status reads without colour too (WCAG 1.4.1). */
const SYMBOLS: Readonly<Record<ApiLight | 'none', string>> = { green: '✓', yellow: '!', red: '✕', none: '–' };

/** A traffic light as a coloured symbol; `label` is the light in words, shown unless the caller names it itself. */
export function lightMark(light: ApiLight | undefined, label: string, showLabel = true): HTMLElement {
  const key = light ?? 'none';
  return h('span', { class: `light light-${key}` }, h('span', { class: 'symbol', 'aria-hidden': 'true' }, SYMBOLS[key]), showLabel ? h('span', { class: 'label' }, label) : null);
}

/** A section of the page with its heading, labelled by it. */
export function section(id: string, title: string, ...content: (Node | null)[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-title`, class: 'panel' }, h('h2', { id: `${id}-title` }, title), ...content);
}

/** A link the API gave, only when it is https or a path on the bot's own server (never javascript: or another scheme). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
