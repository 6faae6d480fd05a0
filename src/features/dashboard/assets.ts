import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'restify';
import type { Locale } from '../../platform/config';
import type { HttpRoute } from '../../platform/feature';
import de from '../../platform/i18n/de.json';
import en from '../../platform/i18n/en.json';
import { PROJECT_ROOT } from '../../platform/paths';

/** The page's sources: browser TypeScript, CSS and the HTML template, bundled on the first request. */
const PAGE_DIR = path.join(PROJECT_ROOT, 'src', 'features', 'dashboard', 'page');

/** The page's texts in both languages: Teams tells the page its locale only after the HTML has loaded. */
const TEXTS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { de: de.dashboard.page, en: en.dashboard.page };

/**
 * Where Teams, Outlook and the Microsoft 365 app may frame the tab: the hosts Microsoft documents for tab pages
 * ("Tab requirements", Teams developer documentation), the new `*.cloud.microsoft` domain among them.
 */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://outlook.live.com',
];

/**
 * Scripts, styles and data from the bot's server only; images also as `data:` (the report's charts). teams-js
 * fetches the current list of Teams' host origins from Microsoft's CDN when it loads (and falls back to the list it
 * ships when that fails): allowed, so that a host Microsoft added after this build is still recognised.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const COMMON_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'content-security-policy': CONTENT_SECURITY_POLICY };

/** A bundled file, kept in memory with its ETag. */
interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/** The files `/tab/assets/` serves; any other name is 404. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'config.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** Browsers may keep an asset a few minutes and then ask again with its ETag; the HTML names each by its hash. */
const ASSET_MAX_AGE_SECONDS = 600;

/**
 * Bundles the page with esbuild: TypeScript and the teams-js library into one minified script per page, the CSS
 * minified. esbuild rather than tsc: tsc cannot bundle an npm library for the browser, and esbuild does it in well
 * under a second from the sources, so `npm start` and the tests need no build step of their own.
 */
async function bundle(): Promise<ReadonlyMap<string, Asset>> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: PAGE_DIR,
    entryPoints: ['app.ts', 'config.ts', 'app.css'],
    tsconfig: path.join(PAGE_DIR, 'tsconfig.json'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'safari15'],
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    const body = Buffer.from(file.contents);
    assets.set(name, { body, type: ASSET_TYPES[name] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
  }
  return assets;
}

/** The bundle, built once per process on first use; a failed build is tried again on the next request. */
let bundled: Promise<ReadonlyMap<string, Asset>> | undefined;
function assets(): Promise<ReadonlyMap<string, Asset>> {
  if (!bundled) {
    bundled = bundle();
    bundled.catch(() => (bundled = undefined));
  }
  return bundled;
}

let template: Promise<string> | undefined;
function pageTemplate(): Promise<string> {
  template ??= fs.readFile(path.join(PAGE_DIR, 'index.html'), 'utf8');
  return template;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The language of the HTML before Teams tells the page its own: `?locale=` (`de`, or a tag as Teams fills the
 * manifest's `{locale}` in: `de-de`, `en-us`), else the browser's, else German.
 */
function requestLocale(request: Request): Locale {
  const asked = new URLSearchParams(request.getQuery() ?? '').get('locale')?.trim().slice(0, 2).toLowerCase();
  if (asked === 'de' || asked === 'en') return asked;
  for (const part of String(request.headers['accept-language'] ?? '').split(',')) {
    const language = part.trim().slice(0, 2).toLowerCase();
    if (language === 'de' || language === 'en') return language;
  }
  return 'de';
}

const THEMES = ['default', 'dark', 'contrast'] as const;
type Theme = (typeof THEMES)[number];

/**
 * The theme of the HTML before Teams tells the page its own: `?theme=`, as Teams fills the manifest's `{theme}` in, so
 * that a dark Teams does not show a light page first; else the light one.
 */
function requestTheme(request: Request): Theme {
  const asked = new URLSearchParams(request.getQuery() ?? '').get('theme');
  return THEMES.find((theme) => theme === asked) ?? 'default';
}

/** A page: the template with its language and theme, both languages' texts as data, its script and body. */
async function renderPage(request: Request, script: 'app.js' | 'config.js', body: (locale: Locale) => string): Promise<string> {
  const locale = requestLocale(request);
  const [html, files] = await Promise.all([pageTemplate(), assets()]);
  const version = (name: string) => files.get(name)!.etag.slice(1, -1);
  const values: Record<string, string> = {
    lang: locale,
    theme: requestTheme(request),
    title: escapeHtml(TEXTS[locale].title!),
    // A JSON block is data, not script (the policy allows no inline script); `<` escaped so no text can end it.
    texts: JSON.stringify(TEXTS).replace(/</g, '\\u003c'),
    script,
    js: version(script),
    css: version('app.css'),
    body: body(locale),
    noScript: escapeHtml(TEXTS[locale].noScript!),
  };
  return html.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

function sendHtml(response: Response, html: string): void {
  const body = Buffer.from(html, 'utf8');
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store', ...COMMON_HEADERS });
  response.end(body);
}

function notFound(response: Response): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...COMMON_HEADERS });
  response.end('Not found\n');
}

/**
 * The tab's page on the bot's server: `/tab` (the personal and the channel tab), `/tab/config` (the configurable
 * tab's configuration page) and `/tab/assets/{app.js,config.js,app.css}`. The data comes from `/api/tab/…`, which
 * checks who asks; these routes serve the same files to everyone.
 */
export function pageRoutes(): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/tab',
      async handle(request: Request, response: Response) {
        sendHtml(response, await renderPage(request, 'app.js', (locale) => `<div id="app"><p class="status" role="status">${escapeHtml(TEXTS[locale].loading!)}</p></div>`));
      },
    },
    {
      method: 'GET',
      path: '/tab/config',
      async handle(request: Request, response: Response) {
        const body = (locale: Locale) => {
          const text = (key: string, attributes = '') => `<p data-text="${key}"${attributes}>${escapeHtml(TEXTS[locale][key]!)}</p>`;
          return ['<main class="config">', `<h1 data-text="configTitle">${escapeHtml(TEXTS[locale].configTitle!)}</h1>`, text('configText'), text('configSave'), text('configOutside', ' id="outside" hidden'), '</main>'].join('');
        };
        sendHtml(response, await renderPage(request, 'config.js', body));
      },
    },
    {
      method: 'GET',
      path: '/tab/assets/:file',
      async handle(request: Request, response: Response) {
        const name = String(request.params?.file ?? '');
        if (!Object.hasOwn(ASSET_TYPES, name)) return notFound(response);
        const asset = (await assets()).get(name);
        if (!asset) return notFound(response);
        const headers = { 'content-type': asset.type, 'cache-control': `public, max-age=${ASSET_MAX_AGE_SECONDS}`, etag: asset.etag, ...COMMON_HEADERS };
        if (request.headers['if-none-match'] === asset.etag) {
          response.writeHead(304, headers);
          response.end();
          return;
        }
        response.writeHead(200, { ...headers, 'content-length': String(asset.body.length) });
        response.end(asset.body);
      },
    },
  ];
}
