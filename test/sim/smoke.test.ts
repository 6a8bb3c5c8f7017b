import { describe, expect, it } from 'vitest';
import { checkAll } from '../../src/sim/index.js';
import { runOp, sim, threeNodes } from './make-cluster.js';

describe('smoke', () => {
  it('lost tweet', () => {
    const s = sim(threeNodes());
    const w = runOp(s, { type: 'write', client: 'you', key: 'tweet', value: 'Hello' });
    expect(w.outcome).toBe('ok');
    expect(w.completedAt).toBe(2);
    const r = runOp(s, { type: 'read', client: 'you', key: 'tweet', from: 'replica-2' });
    expect(r.value).toBe(null);
    const rep = checkAll(s);
    console.log(JSON.stringify(rep, null, 1).slice(0, 1500));
    s.runUntil(6000);
    console.log(JSON.stringify(s.snapshot(), null, 1).slice(0, 3000));
  });
});
