// The API speaks JSON only: every other media type gets 415 (Fastify would otherwise parse text/plain
// and fail it later as a schema error). The parser is Fastify's own (prototype-poisoning protection
// included), except that an empty body means "no body" instead of a 400: clients often send
// `Content-Type: application/json` on a body-less POST /auth/logout. Routes that need a body still
// reject it through their schema.
import type { FastifyInstance } from 'fastify';
import { unencapsulated } from './unencapsulated.ts';

export const jsonBody = unencapsulated(async (app: FastifyInstance) => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
});
