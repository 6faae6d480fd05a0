import type http from 'node:http';

/**
 * Answers with a JSON body. Not `res.writeHead(…).end(…)`: restify, loaded by the bot in the same test process,
 * replaces `writeHead` on every response with one that does not return the response.
 */
export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
