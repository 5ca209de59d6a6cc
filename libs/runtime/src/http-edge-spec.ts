import { gzipSync } from 'node:zlib';
import type { ServiceSpec, SpecPrincipal } from './service-spec';

export interface HttpEdgeRoutes {
  /** A route that needs a token. */
  readonly protectedGet: string;
  /** A route that takes a JSON body, and who may call it. */
  readonly jsonPost: { readonly path: string; readonly as?: SpecPrincipal };
}

const SECRET = 'secret.person@example.test';

/** What every service's HTTP edge promises, whatever its routes: headers, JSON bodies only, one error shape. */
export function httpEdgeSpec(service: string, start: () => Promise<ServiceSpec>, routes: HttpEdgeRoutes): void {
  describe(`${service}: the HTTP edge`, () => {
    let spec: ServiceSpec;
    const raw = (path: string, init: RequestInit = {}) => fetch(`${spec.url}${path}`, { redirect: 'manual', ...init });
    const post = async (contentType: string | null, body: string | Uint8Array) => {
      const token = routes.jsonPost.as ? await spec.tokenOf(routes.jsonPost.as) : null;
      const headers: Record<string, string> = { ...(contentType ? { 'content-type': contentType } : {}) };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await raw(routes.jsonPost.path, { method: 'POST', headers, body });
      return { status: response.status, text: await response.text() };
    };
    const expectErrorShape = (text: string, statusCode: number, error: string) => {
      const body = JSON.parse(text);
      // Every 400 lists its problems; no other error has them.
      const problems = statusCode === 400 ? { problems: expect.arrayContaining([expect.any(String)]) } : {};
      expect(body).toEqual({ statusCode, error, message: expect.any(String), ...problems });
      return body as { message: string; problems?: string[] };
    };

    beforeAll(async () => {
      spec = await start();
    });
    afterAll(() => spec.close());

    it('sends protective headers and no X-Powered-By on every response: answers, errors, unknown routes and the docs', async () => {
      const responses = await Promise.all([
        raw('/health'),
        raw(routes.protectedGet),
        raw('/no-such-route'),
        raw('/docs'),
        raw('/docs/swagger-ui-init.js'),
        raw(routes.jsonPost.path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      ]);
      for (const response of responses) {
        const headers = Object.fromEntries(response.headers);
        expect({ url: response.url, ...headers }).toMatchObject({
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
          'x-frame-options': 'DENY',
          'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
        });
        expect(headers['content-security-policy']).toContain("script-src 'self'");
        expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
        expect(headers['x-powered-by']).toBeUndefined();
      }
      expect(responses.map((response) => response.status)).toEqual([200, 401, 404, 200, 200, 415]);
    });

    it('serves a docs page whose scripts and styles its policy allows, and sends /docs/ to /docs', async () => {
      const page = await (await raw('/docs')).text();
      // The policy allows scripts from this origin only: no inline script, and every one it names is served here.
      expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>\s*\S/);
      const linked = [...page.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)=["']([^"']+)["']/g)].map(([, url]) => url);
      expect(linked.length).toBeGreaterThanOrEqual(4);
      for (const url of linked) {
        const resolved = new URL(url, `${spec.url}/docs`);
        expect(resolved.origin).toBe(new URL(spec.url).origin);
        expect({ url, status: (await raw(resolved.pathname)).status }).toEqual({ url, status: 200 });
      }
      const slashed = await raw('/docs/');
      expect(slashed.status).toBe(301);
      expect(slashed.headers.get('location')).toBe('/docs');
    });

    it('takes bodies only as JSON: a form or text is a 415, a request without a body is unaffected', async () => {
      for (const [contentType, body] of [
        ['application/x-www-form-urlencoded', 'username=someone&password=a+long+enough+passphrase'],
        ['text/plain', '{"username":"someone"}'],
        ['multipart/form-data; boundary=x', '--x--'],
        [null, '{}'],
      ] as const) {
        const answer = await post(contentType, body);
        expect({ contentType, status: answer.status }).toEqual({ contentType, status: 415 });
        expect(expectErrorShape(answer.text, 415, 'Unsupported Media Type').message).toMatch(/application\/json/);
      }
      expect((await raw('/health')).status).toBe(200);
      expect((await raw('/health', { method: 'GET', headers: { 'content-type': 'text/plain' } })).status).toBe(200);
      const compressed = await raw(routes.jsonPost.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync('{}'),
      });
      expect(expectErrorShape(await compressed.text(), 415, 'Unsupported Media Type').message).toBe('the body must not be compressed');
    });

    it('answers broken, deep and oversized JSON with a 400 or 413 that quotes nothing of the body', async () => {
      const broken = await post('application/json', `{"email": "${SECRET}",`);
      expect(broken.status).toBe(400);
      expect(expectErrorShape(broken.text, 400, 'Bad Request').message).toBe('the body is not valid JSON');
      expect(broken.text).not.toContain('secret');
      const lone = Buffer.concat([Buffer.from(`{"name":"${SECRET}`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
      const notUtf8 = await post('application/json', lone);
      expect(expectErrorShape(notUtf8.text, 400, 'Bad Request').message).toBe('the body is not valid UTF-8');
      expect(notUtf8.text).not.toContain('secret');
      const list = await post('application/json', `[{"name": "${SECRET}"}]`);
      expect(expectErrorShape(list.text, 400, 'Bad Request').message).toBe('the body must be a JSON object, not an array');
      for (const [value, named] of [
        ['null', 'null'],
        ['"s"', 'a string'],
        ['1', 'a number'],
        ['true', 'a boolean'],
      ])
        expect(expectErrorShape((await post('application/json', value)).text, 400, 'Bad Request').message).toBe(
          `the body must be a JSON object, not ${named}`,
        );
      const polluting = await post('application/json', `{"__proto__": {"isAdmin": true}, "name": "${SECRET}"}`);
      expect(expectErrorShape(polluting.text, 400, 'Bad Request').message).toBe('property __proto__ should not exist');
      for (const inherited of ['constructor', 'toString', 'hasOwnProperty']) {
        const named = await post('application/json', `{"nested": {"${inherited}": 1}, "name": "${SECRET}"}`);
        expect(expectErrorShape(named.text, 400, 'Bad Request').message).toBe(`property ${inherited} should not exist`);
      }
      for (const deep of ['['.repeat(2000) + ']'.repeat(2000), '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)]) {
        const answer = await post('application/json', deep);
        expect(answer.status).toBe(400);
        expect(expectErrorShape(answer.text, 400, 'Bad Request').message).toMatch(/levels deep/);
      }
      const large = await post('application/json', JSON.stringify({ email: SECRET, padding: 'x'.repeat(200_000) }));
      expect(large.status).toBe(413);
      expect(expectErrorShape(large.text, 413, 'Payload Too Large').message).toBe('the body is too large');
    });

    it('answers every error in one shape, an unknown route without echoing its URL', async () => {
      const unknown = await raw(`/no-such-route?email=${SECRET}`);
      const text = await unknown.text();
      expect(unknown.status).toBe(404);
      expect(expectErrorShape(text, 404, 'Not Found').message).toBe('no route has this method and path');
      expect(text).not.toContain('secret');
      expectErrorShape(await (await raw(routes.protectedGet)).text(), 401, 'Unauthorized');
      const invalid = await post('application/json', JSON.stringify({ unknownField: 1 }));
      expect(invalid.status).toBe(400);
      const { message, problems } = expectErrorShape(invalid.text, 400, 'Bad Request');
      expect(problems).toContain('property unknownField should not exist');
      expect(message).toBe(problems!.join('; '));
    });
  });
}
