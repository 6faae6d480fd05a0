import assert from 'node:assert/strict';
import { startTestBot, type TestBot } from '../../support/test-bot';

describe('the dashboard tab\'s page routes', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ MicrosoftAppId: '' });
  });
  after(async () => bot?.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${bot.app.url}${path}`, { headers });

  it('serves the tab as HTML that is never cached, in the language asked for, with both languages\' texts as data', async () => {
    const response = await get('/tab?locale=en');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const html = await response.text();
    assert.match(html, /<html lang="en" data-theme="default">/);
    assert.match(html, /<title>Overview<\/title>/);
    assert.match(html, /<p class="status" role="status">Loading the overview …<\/p>/);
    const texts = JSON.parse(/<script type="application\/json" id="kuemmerer-texts">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, Record<string, string>>;
    assert.deepEqual([texts.de!.title, texts.en!.title], ['Übersicht', 'Overview']);
    assert.doesNotMatch(html, /<script>/, 'no inline script');
  });

  it('takes the language from Accept-Language when none is asked for, German when neither helps', async () => {
    assert.match(await (await get('/tab', { 'accept-language': 'fr-FR, en;q=0.8' })).text(), /<html lang="en"/);
    assert.match(await (await get('/tab', { 'accept-language': 'fr-FR' })).text(), /<html lang="de"/);
    assert.match(await (await get('/tab?locale=xx')).text(), /<html lang="de"/);
  });

  it("starts in the language and theme Teams fills into the manifest's {locale} and {theme}", async () => {
    assert.match(await (await get('/tab?scope=personal&locale=en-us&theme=dark')).text(), /<html lang="en" data-theme="dark">/);
    assert.match(await (await get('/tab/config?locale=de-de&theme=contrast')).text(), /<html lang="de" data-theme="contrast">/);
    assert.match(await (await get('/tab?theme=%22%3E%3Cscript%3E')).text(), /<html lang="de" data-theme="default">/, 'anything else is the light theme');
  });

  it('forbids inline script and other origins, and lets only Teams, Outlook and Microsoft 365 frame the tab', async () => {
    const policy = (await get('/tab')).headers.get('content-security-policy')!;
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(directives['default-src'], ["'self'"]);
    assert.deepEqual(directives['img-src'], ["'self'", 'data:']);
    assert.equal(directives['script-src'], undefined, 'scripts fall back to default-src');
    assert.ok(directives['frame-ancestors']!.includes('https://teams.microsoft.com'));
    assert.ok(directives['frame-ancestors']!.includes('https://*.cloud.microsoft'));
    assert.ok(directives['frame-ancestors']!.includes('https://outlook.office.com'));
    assert.ok(!directives['frame-ancestors']!.includes('*'));
  });

  it('serves the configuration page with its explanation', async () => {
    const response = await get('/tab/config?locale=de');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<h1 data-text="configTitle">Die Kümmerer-Übersicht in diesem Kanal<\/h1>/);
    assert.match(html, /<script src="\/tab\/assets\/config\.js\?v=[\w-]{16}" defer><\/script>/);
  });

  it('serves the bundled script and styles, named by their hash, cached briefly and answered 304 when unchanged', async () => {
    const html = await (await get('/tab')).text();
    const script = /src="(\/tab\/assets\/app\.js)\?v=([\w-]{16})"/.exec(html)!;
    const response = await get(script[1]!);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=600');
    assert.equal(response.headers.get('etag'), `"${script[2]}"`);
    const body = await response.text();
    assert.ok(body.length > 10_000 && body.length < 300_000, `app.js is ${body.length} bytes`);
    assert.equal((await get(script[1]!, { 'if-none-match': `"${script[2]}"` })).status, 304);
    const css = await get('/tab/assets/app.css');
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.match(await css.text(), /\[data-theme=(dark|"dark"|'dark')\]/);
  });

  it('answers 404 for any other asset name', async () => {
    for (const name of ['index.html', 'app.ts', '..%2F..%2Fpackage.json', 'APP.JS', 'toString']) assert.equal((await get(`/tab/assets/${name}`)).status, 404, name);
  });
});
