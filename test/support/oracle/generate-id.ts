// _id criteria (search.html#id): one or several ids, and an id that is not there.
import { made, type Maker } from './maker';

const anyId = () => true;

export const ids: Maker = (rnd, cat, pin) => {
  const first = cat.draw(rnd, 'token', anyId, { ...pin, code: '_id' });
  if (!first) return undefined;
  const others = Array.from({ length: rnd.int(0, 2) }, () => cat.draw(rnd, 'token', anyId, { resourceType: first.resourceType, code: '_id' })?.resource.id as string);
  const values = [first.resource.id as string, ...others, ...(rnd.chance(0.3) ? ['no-such-id'] : [])];
  return made(first, `_id (${values.length} values)`, undefined, values.map((code) => ({ kind: 'token', code })));
};
