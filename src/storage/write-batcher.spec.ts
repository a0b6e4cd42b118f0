import { WriteBatcher } from './write-batcher';

/** A `run` that records what happens in order and completes each statement when the test says so. */
function recorder(fail: (items: readonly string[]) => boolean = () => false) {
  const events: string[] = [];
  const pending: (() => void)[] = [];
  const run = (items: readonly string[]) =>
    new Promise<ReadonlySet<number>>((resolve, reject) => {
      events.push(`run ${items.join(',')}`);
      pending.push(() => (fail(items) ? reject(new Error(`bad ${items.join(',')}`)) : resolve(new Set(items.flatMap((item, i) => (item.startsWith('old') ? [] : [i]))))));
    });
  const finishNext = async () => {
    pending.shift()!();
    // Let the promise chains settle, nextTicks included.
    await new Promise((done) => setImmediate(done));
  };
  return { events, run, finishNext };
}

describe('WriteBatcher', () => {
  it('sends a lone write at once, then groups the writes that waited for the statement in flight', async () => {
    const { events, run, finishNext } = recorder();
    const batcher = new WriteBatcher(run, 1);
    const answers = ['a', 'b', 'c'].map((item) => batcher.write(item).then((written) => events.push(`answer ${item} ${written}`)));
    expect(events).toEqual(['run a']);
    await finishNext();
    await finishNext();
    await Promise.all(answers);
    expect(events).toEqual(['run a', 'run b,c', 'answer a true', 'answer b true', 'answer c true']);
  });

  it('sends the next statement before it answers the writers of the one that finished', async () => {
    const { events, run, finishNext } = recorder();
    const batcher = new WriteBatcher(run, 1);
    const first = batcher.write('a').then(() => events.push('answer a'));
    const second = batcher.write('b').then(() => events.push('answer b'));
    await finishNext();
    expect(events.indexOf('run b')).toBeGreaterThan(-1);
    expect(events.indexOf('run b')).toBeLessThan(events.indexOf('answer a'));
    await finishNext();
    await Promise.all([first, second]);
  });

  it('answers false for an item the statement did not write', async () => {
    const { run, finishNext } = recorder();
    const batcher = new WriteBatcher(run, 1);
    const answer = batcher.write('old-version');
    await finishNext();
    await expect(answer).resolves.toBe(false);
  });

  it('retries the items of a failed statement one by one, so only the bad one fails', async () => {
    const { events, run, finishNext } = recorder((items) => items.includes('bad'));
    const batcher = new WriteBatcher(run, 1);
    const outcome = (item: string) => batcher.write(item).then(String, (error: Error) => error.message);
    const answers = ['x', 'a', 'bad', 'c'].map(outcome);
    await finishNext(); // x
    await finishNext(); // a,bad,c fails
    for (let i = 0; i < 3; i++) await finishNext(); // each alone
    await expect(Promise.all(answers)).resolves.toEqual(['true', 'true', 'bad bad', 'true']);
    expect(events).toEqual(['run x', 'run a,bad,c', 'run a', 'run bad', 'run c']);
  });

  it('runs at most `concurrency` statements at once', async () => {
    const { events, run, finishNext } = recorder();
    const batcher = new WriteBatcher(run, 2);
    const answers = ['a', 'b', 'c', 'd'].map((item) => batcher.write(item));
    expect(events).toEqual(['run a', 'run b']);
    await finishNext();
    expect(events).toEqual(['run a', 'run b', 'run c,d']);
    await finishNext();
    await finishNext();
    await expect(Promise.all(answers)).resolves.toEqual([true, true, true, true]);
  });
});
