import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccessError, type Auditor, type Identity, roleAtLeast } from '@faultline/access';
import { Silence, SilenceList, SilenceMatchers, withErrors } from '@faultline/api-contracts';
import type { ProjectRole } from '@faultline/contracts';
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
    /** Ignored (older clients send it): the creator is the caller's verified identity. */
    createdBy: Type.Optional(Type.String({ maxLength: 256 })),
    comment: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
const SilenceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * Whether `identity` holds `role` where a silence applies: on its project, or, for a silence
 * without a project matcher (it mutes every project), on every project.
 */
function holds(identity: Identity, role: ProjectRole, silence: Pick<Silence, 'matchers'>): boolean {
  const { projectId } = silence.matchers;
  return projectId === undefined ? roleAtLeast(identity.grants.every, role) : identity.can(role, projectId);
}

function assertMay(identity: Identity, silence: Pick<Silence, 'matchers'>): void {
  if (!holds(identity, 'responder', silence))
    throw new AccessError(
      'FL_FORBIDDEN',
      silence.matchers.projectId === undefined
        ? 'a silence without a projectId matcher mutes every project: it needs responder on all of them'
        : `this credential is not responder on project ${silence.matchers.projectId}`,
    );
}

/**
 * /api/v1/silences: create, list (with whether each is active), end early. A caller sees the
 * silences of its projects and changes them as a responder; each change is audited.
 */
const silenceRoutes: FastifyPluginAsyncTypebox<{ silences: SilenceStore; audit: Auditor['audit'] }> = async (
  app,
  { silences, audit },
) => {
  app.get(
    '/api/v1/silences',
    {
      schema: { response: withErrors({ 200: SilenceList }) },
      config: { access: { role: 'viewer', project: 'none' } },
    },
    async (request) => {
      const now = Date.now();
      return {
        silences: (await silences.list(now))
          .filter((s) => holds(request.identity, 'viewer', s))
          .map((s) => ({ ...s, active: isActive(s, now) })),
      };
    },
  );

  app.post(
    '/api/v1/silences',
    {
      schema: { body: CreateSilence, response: withErrors({ 201: Silence }) },
      config: { access: { role: 'responder', project: 'none' } },
    },
    async (request, reply) => {
      const { matchers, endsAt, comment } = request.body;
      assertMay(request.identity, { matchers });
      const startsAt = request.body.startsAt ?? new Date().toISOString();
      if (Date.parse(endsAt) <= Date.parse(startsAt))
        throw new AlerterError('FL_ALERTER_INVALID_SILENCE', 'endsAt must be after startsAt');
      const silence: Silence = {
        id: randomUUID().replaceAll('-', ''),
        matchers,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        createdBy: request.identity.name.slice(0, 256),
        ...(comment ? { comment } : {}),
      };
      await silences.put(silence);
      await audit(request, 'silence.create', {
        ...(matchers.projectId ? { projectId: matchers.projectId } : {}),
        target: silence.id,
        details: { matchers: JSON.stringify(matchers), startsAt: silence.startsAt, endsAt: silence.endsAt },
      });
      return reply.code(201).send(silence);
    },
  );

  app.delete(
    '/api/v1/silences/:id',
    {
      schema: { params: SilenceParams, response: withErrors({ 200: Silence }) },
      config: { access: { role: 'responder', project: 'none' } },
    },
    async (request) => {
      const silence = await silences.get(request.params.id);
      if (!silence) throw new AlerterError('FL_ALERTER_NOT_FOUND', `no silence ${request.params.id}`);
      assertMay(request.identity, silence);
      const endsAt = new Date(Math.min(Date.now(), Date.parse(silence.endsAt))).toISOString();
      const ended: Silence = { ...silence, endsAt };
      await silences.put(ended);
      await audit(request, 'silence.end', {
        ...(silence.matchers.projectId ? { projectId: silence.matchers.projectId } : {}),
        target: silence.id,
      });
      return ended;
    },
  );
};

export default silenceRoutes;
