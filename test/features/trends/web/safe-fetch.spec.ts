import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { FetchError, isPublicAddress, safeFetch } from '../../../../src/features/trends/web/safe-fetch';
import { FeedServer } from '../../../support/feed-server';

describe('server-side requests: safeFetch', () => {
  describe('which addresses are public', () => {
    const refused = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.178.1', '169.254.169.254', '168.63.129.16', '100.64.0.1', '0.0.0.0', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '64:ff9b::a00:1'];
    for (const address of refused) it(`refuses ${address}`, () => assert.equal(isPublicAddress(address), false));
    for (const address of ['8.8.8.8', '193.99.144.80', '2001:4860:4860::8888', '::ffff:8.8.8.8']) it(`allows ${address}`, () => assert.equal(isPublicAddress(address), true));
  });

  describe('against a server on loopback', () => {
    let server: FeedServer;
    beforeEach(async () => {
      server = await FeedServer.start();
    });
    afterEach(async () => {
      await server.close();
    });

    /** Loopback IPv4 is what the test server is; every other address stays refused. */
    const onlyTheTestServer = (address: string) => address === '127.0.0.1';

    async function refusal(promise: Promise<unknown>): Promise<[string, string]> {
      const error = await promise.then(
        () => assert.fail('the request was made'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof FetchError);
      return [error.code, error.message];
    }

    it('refuses loopback by default without asking it, by address and by name', async () => {
      const url = server.serve('/a', { body: 'x' });
      assert.deepEqual(await refusal(safeFetch(url, { allowPrivate: false })), ['privateAddress', '127.0.0.1 is not a public address']);
      assert.equal((await refusal(safeFetch(url.replace('127.0.0.1', 'localhost'), { allowPrivate: false })))[0], 'privateAddress');
      assert.deepEqual(server.requests, []);
    });

    it('checks the address a redirect leads to before following it', async () => {
      const url = server.redirect('/go', 'http://169.254.169.254/latest/meta-data/');
      assert.deepEqual(await refusal(safeFetch(url, { allowPrivate: false, allowAddress: onlyTheTestServer })), ['privateAddress', '169.254.169.254 is not a public address']);
      const viaName = server.redirect('/go-ipv6', `http://[::1]:${new URL(server.base).port}/a`);
      assert.equal((await refusal(safeFetch(viaName, { allowPrivate: false, allowAddress: onlyTheTestServer })))[0], 'privateAddress');
      assert.deepEqual(
        server.requests.map((r) => r.path),
        ['/go', '/go-ipv6'],
      );
    });

    it('follows redirects to allowed addresses, at most five', async () => {
      server.serve('/end', { body: 'angekommen', contentType: 'text/plain' });
      server.redirect('/hop', `${server.base}/end`);
      const ok = await safeFetch(`${server.base}/hop`, { allowPrivate: true });
      assert.deepEqual([ok.status, ok.body.toString(), ok.url], [200, 'angekommen', `${server.base}/end`]);
      server.redirect('/loop', `${server.base}/loop`);
      assert.deepEqual(await refusal(safeFetch(`${server.base}/loop`, { allowPrivate: true })), ['tooManyRedirects', 'more than 5 redirects']);
    });

    it('cuts off a compressed answer that grows beyond the size limit', async () => {
      const url = server.serve('/zip', { body: zlib.gzipSync(Buffer.alloc(2_000_000)), contentType: 'application/xml', encoding: 'gzip' });
      assert.deepEqual(await refusal(safeFetch(url, { allowPrivate: true, maxBytes: 1_000_000 })), ['tooLarge', 'the answer is larger than 1000000 bytes']);
    });

    it('gives up at the deadline on a server that does not answer', async () => {
      const url = server.serve('/slow', { body: '', hold: true });
      assert.deepEqual(await refusal(safeFetch(url, { allowPrivate: true, timeoutMs: 200 })), ['timeout', 'no complete answer within 0.2 s']);
    });
  });
});
