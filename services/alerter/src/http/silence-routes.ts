import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Silence, SilenceList, SilenceMatchers, withErrors } from '@faultline/api-contracts';
import Type from 'typebox';
import { AlerterError } from '../errors.js';
import { isActive } from '../silences/silence.js';
import type { SilenceStore } from '../silences/silence-store.js';

const CreateSilence = Type.Object(
  {
    matchers: SilenceMatchers,
    /** @default now */
    startsAt: Type.Optional(Type.String({ format: 'date-time' })),
    endsAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String({ minLength: 1, maxLength: 256 }),
    comment: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
const SilenceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** /api/v1/silences: create, list (with whether each is active), end early. */
const silenceRoutes: FastifyPluginAsyncTypebox<{ silences: SilenceStore }> = async (app, { silences }) => {
  app.get('/api/v1/silences', { schema: { response: withErrors({ 200: SilenceList }) } }, async () => {
    const now = Date.now();
    return { silences: (await silences.list(now)).map((s) => ({ ...s, active: isActive(s, now) })) };
  });

  app.post(
    '/api/v1/silences',
    { schema: { body: CreateSilence, response: withErrors({ 201: Silence }) } },
    async (request, reply) => {
      const { matchers, endsAt, createdBy, comment } = request.body;
      const startsAt = request.body.startsAt ?? new Date().toISOString();
      if (Date.parse(endsAt) <= Date.parse(startsAt))
        throw new AlerterError('FL_ALERTER_INVALID_SILENCE', 'endsAt must be after startsAt');
      const silence: Silence = {
        id: randomUUID().replaceAll('-', ''),
        matchers,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        createdBy,
        ...(comment ? { comment } : {}),
      };
      await silences.put(silence);
      return reply.code(201).send(silence);
    },
  );

  app.delete(
    '/api/v1/silences/:id',
    { schema: { params: SilenceParams, response: withErrors({ 200: Silence }) } },
    async (request) => {
      const silence = await silences.get(request.params.id);
      if (!silence) throw new AlerterError('FL_ALERTER_NOT_FOUND', `no silence ${request.params.id}`);
      const endsAt = new Date(Math.min(Date.now(), Date.parse(silence.endsAt))).toISOString();
      const ended: Silence = { ...silence, endsAt };
      await silences.put(ended);
      return ended;
    },
  );
};

export default silenceRoutes;
