import { Id } from '@faultline/contracts';
import Type from 'typebox';

/** Request schemas of the investigation API. */

export const InvestigationParams = Type.Object({ projectId: Id });

export const InvestigateQuery = Type.Object({
  eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
