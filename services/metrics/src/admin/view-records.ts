import type { AccessView } from '@faultline/access';
import { type AccessRecord, accessKey } from '@faultline/contracts';
import type { AccessRecords } from './access-writer.js';

const ACCESS_RECORD_KINDS = [
  'user',
  'team',
  'team-member',
  'member',
  'token',
] as const satisfies readonly AccessRecord['kind'][];

/** The AccessView's lists as the key -> record lookup the admin API reads (a few thousand records at most). */
export function viewRecords(view: Pick<AccessView, 'list'>): AccessRecords {
  const all = (): AccessRecord[] => ACCESS_RECORD_KINDS.flatMap((kind) => view.list(kind));
  return {
    get(key) {
      const kind = ACCESS_RECORD_KINDS.find((k) => key.startsWith(`${k}:`));
      return kind === undefined ? undefined : view.list(kind).find((record) => accessKey(record) === key);
    },
    values: all,
  };
}
