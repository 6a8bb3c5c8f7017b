// Scenario (choice): one statement under one replication log (statement, statement with
// MySQL's pinned values, row, WAL). Once every replica has applied it, do all nodes hold the
// same data? Answer: read off the simulator's divergence checker, not a table: the statement
// runs on a live cluster whose followers re-execute it or take the leader's result.
import { z } from 'zod';
import { strictMap } from '../../lesson/format/schema-parts.js';
import { type Command, checkAll, type LogFormat, Prng, Simulation } from '../../sim/index.js';
import { leaderCluster, runOp } from './cluster.js';
import { pickOne } from './params.js';
import { defineTemplate } from './template.js';

const LOGS = ['statement', 'statement-pinned', 'row', 'wal'] as const;
const STATEMENTS = [
  'now',
  'rand',
  'uuid',
  'sysdate',
  'auto-increment',
  'limit',
  'deterministic',
] as const;
type Kind = (typeof STATEMENTS)[number];

const LOG_TEXT: Record<LogFormat, string> = {
  statement: 'statements: each replica runs the SQL text again',
  'statement-pinned':
    "statements with MySQL's pinned values: the SQL text plus the leader's timestamp, its RAND() seed and each INSERT's auto-increment id",
  row: 'rows (a logical log): the changed rows and their new values',
  wal: "WAL: the storage engine's own page changes",
};

const SQL: Record<Kind, string> = {
  now: 'UPDATE customers SET signup = NOW() WHERE id = 7',
  rand: 'UPDATE customers SET coupon = RAND() WHERE id = 7',
  uuid: 'INSERT INTO invoices (id) VALUES (UUID())',
  sysdate: 'UPDATE customers SET seen = SYSDATE() WHERE id = 7',
  'auto-increment':
    'two INSERTs into orders (an auto-increment id) at once: the first takes id 1 and commits 200 ms later; the second takes id 2 and commits at once',
  limit:
    "UPDATE jobs SET state = 'taken' WHERE state = 'open' LIMIT 1, with no ORDER BY (jobs 1–3 are open)",
  deterministic: 'UPDATE accounts SET balance = 90 WHERE id = 7',
};

/** Why a statement log (naive or pinned) re-running `kind` ends as it did. */
function statementWhy(kind: Kind, pinned: boolean, diverged: boolean): string {
  const rerun = 'Each replica runs the statement again when the entry reaches it';
  switch (kind) {
    case 'now':
      return pinned
        ? "The log carries the leader's timestamp, so NOW() replays with the leader's time on every replica."
        : `${rerun}, so NOW() reads its own clock, 1 s and 2 s after the leader's: three different times.`;
    case 'rand':
      return pinned
        ? 'The log carries the seed of RAND(), so each replica draws the same number (MySQL still lists RAND() as unsafe for statement logging, so do not rely on it).'
        : `${rerun}, and RAND() draws a new random number on each node.`;
    case 'uuid':
      return `${rerun}, and UUID() generates a new id on each node${pinned ? ': no pinned value covers it' : ''}.`;
    case 'sysdate':
      return `${rerun}, and SYSDATE() returns the time the function runs${pinned ? ' (not the pinned statement time)' : ''}: each replica's is later than the leader's.`;
    case 'auto-increment':
      return pinned
        ? 'The log carries the id each INSERT got on the leader, so the replicas use the same ids although they run the INSERTs in commit order.'
        : `${rerun}, in commit order: the second INSERT committed first, so on the replicas it takes id 1 and the first takes id 2, the other way round from the leader.`;
    case 'limit':
      return diverged
        ? `${rerun}, and LIMIT 1 without ORDER BY takes the first open row in that node's own storage order, which is not the leader's: another job is marked taken.`
        : `${rerun}; LIMIT 1 without ORDER BY takes the first open row in each node's storage order, which here happened to be the same row. Nothing guarantees that.`;
    case 'deterministic':
      return 'The statement computes nothing from the node that runs it, so running it again anywhere gives the same row.';
  }
}

export const logDivergence = defineTemplate({
  id: 'log-divergence',
  kind: 'scenario',
  summary: 'whether replicas end up identical after one statement under one log format',
  params: strictMap({
    logs: z
      .array(z.enum(LOGS))
      .min(1)
      .default([...LOGS]),
    statements: z
      .array(z.enum(STATEMENTS))
      .min(1)
      .default([...STATEMENTS]),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const log = pickOne(rng, p.logs);
    const kind = pickOne(rng, p.statements);
    const sim = new Simulation(
      leaderCluster(
        [
          { id: 'replica-1', lag: 1000 },
          { id: 'replica-2', lag: 2000 },
        ],
        { log },
      ),
      { seed },
    );
    const write = (cmd: Omit<Extract<Command, { type: 'write' }>, 'type' | 'client'>) =>
      runOp(sim, { type: 'write', client: 'app', ...cmd });
    if (kind === 'limit') {
      for (let i = 0; i < 3; i++) write({ key: 'jobs', value: 'open', autoId: true });
      sim.runUntil(sim.now + 2500);
      write({ key: 'jobs', value: 'taken', limit: 1, where: 'open' });
    } else if (kind === 'auto-increment') {
      sim.apply({
        type: 'write',
        client: 'ana',
        key: 'orders',
        value: 'first',
        autoId: true,
        txnTime: 200,
      });
      runOp(sim, { type: 'write', client: 'bob', key: 'orders', value: 'second', autoId: true });
    } else {
      const value = {
        now: 'NOW()',
        rand: 'RAND()',
        uuid: 'inv-UUID()',
        sysdate: 'SYSDATE()',
        deterministic: 90,
      }[kind];
      write({ key: 'row-7', value });
    }
    sim.runUntil(sim.now + 3000);
    const diverged = checkAll(sim).divergence.length > 0;
    const why =
      log === 'row' || log === 'wal'
        ? `${log === 'row' ? 'A row log' : 'WAL'} ships what the leader computed (the values, the ids, the row it changed); the replicas store exactly that.`
        : statementWhy(kind, log === 'statement-pinned', diverged);
    return {
      form: 'choice',
      prompt: 'Once both replicas have applied the entries, do all three nodes hold the same data?',
      facts: [
        `replication log: ${LOG_TEXT[log]}`,
        'replica-1 applies entries 1 s after the leader, replica-2 2 s after',
        `the application runs: ${SQL[kind]}`,
      ],
      choices: [
        'Yes: every node holds the same rows',
        'No: a replica ends up with different data, and replication reports no error',
      ],
      correct: [diverged ? 1 : 0],
      why,
      sim,
    };
  },
});
