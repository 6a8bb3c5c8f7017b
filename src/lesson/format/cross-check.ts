// Checks that need more than one part of the file: every node, client, step and backup id a
// step refers to exists (nodes added by addFollower count from that step on), ids are
// unique, the leader count fits the topology, answers point at real choices, upstreams do
// not loop. Runs on the raw data, so it reports alongside schema errors even when the
// schema failed. Curriculum rules come back separately as warnings.
import { asList, asMap, asString, formatPath, type Path, type RawMap } from './raw.js';
import { listNames, nearest, unknownKeyMessage } from './suggest.js';
import { POLICIES, STEP_KINDS } from './vocab.js';

export interface PathProblem {
  path: Path;
  message: string;
  /** Point at the key itself rather than its value. */
  atKey?: boolean;
}

export interface CrossCheckResult {
  errors: PathProblem[];
  warnings: PathProblem[];
}

const LATEST_BACKUP = 'latest-backup';

function unknownName(
  what: string,
  word: string,
  known: readonly string[],
  listLabel = `${what}s`,
): string {
  const near = nearest(word, known);
  const list =
    known.length === 0 ? `no ${listLabel} are defined` : `${listLabel}: ${listNames(known)}`;
  return near === undefined
    ? `unknown ${what} "${word}" (${list})`
    : `unknown ${what} "${word}" (did you mean "${near}"? ${list})`;
}

class Checker {
  readonly errors: PathProblem[] = [];
  readonly warnings: PathProblem[] = [];
  /** Node ids known at the current step, in declaration order. */
  nodes: string[] = [];
  readonly clients = new Set<string>();
  readonly stepIds = new Map<string, Path>();
  /** Backup ids taken so far (in step order), and whether any backup step came before. */
  readonly backups: string[] = [];
  anyBackup = false;
  /** The cluster's topology (steps that only make sense on one are checked against it). */
  topology = 'leader';
  /** Ids of the nodes with role: leader (a multi-leader client's `home` names one). */
  readonly leaderIds: string[] = [];

  error(path: Path, message: string, atKey = false): void {
    this.errors.push(atKey ? { path, message, atKey } : { path, message });
  }

  node(v: unknown, path: Path): void {
    const id = asString(v);
    if (id !== undefined && !this.nodes.includes(id)) {
      this.error(path, unknownName('node', id, this.nodes));
    }
  }

  nodeKeys(v: unknown, path: Path): void {
    for (const key of Object.keys(asMap(v) ?? {})) {
      if (!this.nodes.includes(key))
        this.error([...path, key], unknownName('node', key, this.nodes), true);
    }
  }

  expect(v: unknown, path: Path): void {
    const e = asMap(v);
    if (!e) return;
    if (e.leader !== undefined && e.leader !== null && this.topology === 'multi-leader') {
      this.error(
        [...path, 'leader'],
        'every leader of a multi-leader cluster leads: expect the node status instead (status: {dc1: leading})',
      );
    } else this.node(e.leader, [...path, 'leader']);
    this.nodeKeys(e.status, [...path, 'status']);
    this.nodeKeys(e.lag, [...path, 'lag']);
    for (const k of [
      'lagBytes',
      'receivedLag',
      'replayAge',
      'secondsBehind',
      'retained',
      'diskUsed',
    ]) {
      this.nodeKeys(e[k], [...path, k]);
    }
  }

  answers(answer: unknown, choices: unknown, path: Path): void {
    const n = asList(choices).length;
    const check = (a: unknown, p: Path) => {
      if (typeof a === 'number' && Number.isInteger(a) && a >= n && n > 0) {
        this.error(p, `choice ${a} does not exist: there are ${n} choices, numbered 0 to ${n - 1}`);
      }
    };
    if (Array.isArray(answer)) {
      for (const [i, a] of answer.entries()) check(a, [...path, i]);
      const dup = answer.find((a, i) => answer.indexOf(a) !== i);
      if (dup !== undefined) this.error(path, `choice ${String(dup)} is listed twice`);
    } else {
      check(answer, path);
    }
  }
}

function checkCluster(c: Checker, cluster: RawMap | undefined): void {
  if (!cluster) return;
  const nodes = asList(cluster.nodes);
  const seen = new Map<string, number>();
  const leaders: number[] = [];
  nodes.forEach((raw, i) => {
    const n = asMap(raw);
    if (n?.role === 'leader') leaders.push(i);
    const id = asString(n?.id);
    if (n?.role === 'leader' && id !== undefined) c.leaderIds.push(id);
    if (!n || id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) {
      c.error(
        ['cluster', 'nodes', i, 'id'],
        `duplicate node id "${id}" (also cluster.nodes[${first}])`,
      );
    } else {
      seen.set(id, i);
      c.nodes.push(id);
    }
  });

  const topology = cluster.topology ?? 'leader';
  c.topology = typeof topology === 'string' ? topology : 'leader';
  const conflict = cluster.conflict;
  if (
    topology === 'leaderless' &&
    conflict !== undefined &&
    conflict !== 'lww' &&
    conflict !== 'siblings'
  ) {
    c.error(
      ['cluster', 'conflict'],
      `conflict "${String(conflict)}" does not apply to a leaderless cluster (lww or siblings)`,
    );
  }
  if (topology === 'leader' && nodes.length > 0) {
    if (leaders.length === 0) {
      c.error(
        ['cluster', 'nodes'],
        'no leader: a leader topology needs exactly one node with role: leader',
      );
    }
    for (const i of leaders.slice(1)) {
      const first = asString(asMap(nodes[leaders[0]!])?.id) ?? `cluster.nodes[${leaders[0]}]`;
      c.error(
        ['cluster', 'nodes', i, 'role'],
        `a second leader ("${first}" is already the leader): a leader topology has exactly one`,
      );
    }
  } else if (topology === 'multi-leader' && nodes.length > 0 && leaders.length < 2) {
    c.error(
      ['cluster', 'nodes'],
      'a multi-leader cluster needs at least two nodes with role: leader',
    );
  } else if (topology === 'multi-leader') {
    nodes.forEach((raw, i) => {
      const n = asMap(raw);
      if (n && !leaders.includes(i) && n.upstream === undefined) {
        c.error(
          ['cluster', 'nodes', i],
          `follower "${String(n.id)}" of a multi-leader cluster needs upstream: the leader it replicates`,
        );
      }
    });
  } else if (topology === 'leaderless') {
    for (const i of leaders) {
      c.error(
        ['cluster', 'nodes', i, 'role'],
        'a leaderless cluster has no leader; remove role: leader',
      );
    }
  }

  if (cluster.replication !== undefined && topology !== 'multi-leader') {
    c.error(['cluster', 'replication'], 'replication applies only to topology: multi-leader');
  }
  if (conflict !== undefined && topology === 'leader') {
    c.error(['cluster', 'conflict'], 'conflict applies to topology: leaderless or multi-leader');
  }
  checkUpstreams(c, nodes, new Set(leaders));
  checkSyncStandbys(c, cluster, nodes, new Set(leaders));
  checkShards(c, asList(cluster.shards));
  checkQuorum(c, asMap(cluster.quorum), topology, c.nodes.length);
}

/**
 * `syncStandbys` chooses among the followers (those marked `sync: true`, or all): k must not
 * exceed them, the mode must wait for standbys at all, and minAcks has no say beside it.
 */
function checkSyncStandbys(
  c: Checker,
  cluster: RawMap,
  nodes: unknown[],
  leaders: Set<number>,
): void {
  const s = asMap(cluster.syncStandbys);
  if (!s) return;
  const at = ['cluster', 'syncStandbys'];
  const mode = cluster.mode ?? 'async';
  if (mode === 'async') {
    c.error(
      at,
      'syncStandbys needs mode: sync or semi-sync (an asynchronous leader waits for no standby)',
    );
  }
  if (cluster.minAcks !== undefined) {
    c.error(
      ['cluster', 'minAcks'],
      'minAcks does not apply with syncStandbys: its k says how many standbys acknowledge',
      true,
    );
  }
  const followers = nodes.flatMap((raw, i) => {
    const n = asMap(raw);
    return n && !leaders.has(i) ? [n] : [];
  });
  const marked = followers.filter((n) => n.sync === true);
  const pool = marked.length > 0 ? marked : followers;
  for (const key of ['first', 'any'] as const) {
    const k = s[key];
    if (typeof k !== 'number' || k <= pool.length) continue;
    const which =
      marked.length > 0
        ? `${pool.length} follower${pool.length === 1 ? ' is' : 's are'} marked sync: true`
        : `the cluster has ${pool.length} follower${pool.length === 1 ? '' : 's'}`;
    c.error([...at, key], `${key}: ${k} standbys, but ${which}`);
  }
}

function checkUpstreams(c: Checker, nodes: unknown[], leaders: Set<number>): void {
  const upstreamOf = new Map<string, string>();
  nodes.forEach((raw, i) => {
    const n = asMap(raw);
    const id = asString(n?.id);
    const up = asString(n?.upstream);
    if (!n || id === undefined || up === undefined) return;
    const path = ['cluster', 'nodes', i, 'upstream'];
    if (leaders.has(i)) c.error(path, 'the leader has no upstream; upstream is for followers');
    else if (up === id) c.error(path, `"${id}" cannot replicate from itself`);
    else if (!c.nodes.includes(up)) c.node(up, path);
    else upstreamOf.set(id, up);
  });
  // Report each cycle once, at the first of its nodes in file order.
  const reported = new Set<string>();
  nodes.forEach((raw, i) => {
    const start = asString(asMap(raw)?.id);
    if (start === undefined || reported.has(start)) return;
    const chain = [start];
    let next = upstreamOf.get(start);
    while (next !== undefined && !chain.includes(next)) {
      chain.push(next);
      next = upstreamOf.get(next);
    }
    if (next === start) {
      for (const id of chain) reported.add(id);
      c.error(
        ['cluster', 'nodes', i, 'upstream'],
        `upstream cycle: ${[...chain, start].join(' → ')} (one of them must replicate from the leader)`,
      );
    }
  });
}

function checkShards(c: Checker, shards: unknown[]): void {
  // Refused rather than ignored: a lesson that relied on its shards would validate and teach
  // nothing. The key stays in the format so lessons written for it keep their shape.
  if (shards.length > 0) {
    c.error(
      ['cluster', 'shards'],
      'shards are not simulated yet; list the nodes under cluster.nodes for one leader-based group',
      true,
    );
  }
  const ids = new Set<string>();
  const keyOwner = new Map<string, string>();
  shards.forEach((raw, i) => {
    const s = asMap(raw);
    const id = asString(s?.id);
    if (!s || id === undefined) return;
    if (ids.has(id)) c.error(['cluster', 'shards', i, 'id'], `duplicate shard id "${id}"`);
    ids.add(id);
    asList(s.keys).forEach((k, j) => {
      if (typeof k !== 'string') return;
      const owner = keyOwner.get(k);
      if (owner !== undefined && owner !== id) {
        c.error(['cluster', 'shards', i, 'keys', j], `key "${k}" is already in shard "${owner}"`);
      }
      keyOwner.set(k, id);
    });
    for (const [j, n] of asList(s.nodes).entries()) c.node(n, ['cluster', 'shards', i, 'nodes', j]);
  });
}

function checkQuorum(
  c: Checker,
  q: RawMap | undefined,
  topology: unknown,
  nodeCount: number,
): void {
  if (!q) return;
  if (topology !== 'leaderless') {
    c.error(['cluster', 'quorum'], 'quorum applies only to topology: leaderless');
    return;
  }
  const n = q.n;
  if (typeof n !== 'number') return;
  for (const k of ['w', 'r'] as const) {
    const v = q[k];
    if (typeof v === 'number' && v > n)
      c.error(['cluster', 'quorum', k], `${k} (${v}) cannot exceed n (${n})`);
  }
  if (n > nodeCount && nodeCount > 0) {
    c.error(['cluster', 'quorum', 'n'], `n (${n}) exceeds the number of nodes (${nodeCount})`);
  }
}

function checkClients(c: Checker, clients: unknown[]): void {
  const seen = new Map<string, number>();
  clients.forEach((raw, i) => {
    const id = asString(asMap(raw)?.id);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) {
      c.error(['clients', i, 'id'], `duplicate client id "${id}" (also clients[${first}])`);
    } else if (c.nodes.includes(id)) {
      c.error(
        ['clients', i, 'id'],
        `client id "${id}" is also a node id; partition groups could not tell them apart`,
      );
    }
    seen.set(id, i);
    c.clients.add(id);
    const home = asMap(raw)?.home;
    if (home === undefined) return;
    if (c.topology !== 'multi-leader') {
      c.error(['clients', i, 'home'], 'home applies only to topology: multi-leader');
    } else if (typeof home === 'string' && !c.leaderIds.includes(home)) {
      c.error(['clients', i, 'home'], unknownName('leader', home, c.leaderIds));
    }
  });
}

/** Client ids used anywhere in the steps: partition groups may name them. */
function collectClients(c: Checker, v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) collectClients(c, x);
    return;
  }
  const m = asMap(v);
  if (!m) return;
  for (const kind of ['write', 'read', 'choose']) {
    const client = asString(asMap(m[kind])?.client);
    if (client !== undefined) c.clients.add(client);
  }
  for (const x of Object.values(m)) collectClients(c, x);
}

function stepKind(step: RawMap): string | undefined {
  const kinds = STEP_KINDS.filter((k) => Object.hasOwn(step, k));
  return kinds.length === 1 ? kinds[0] : undefined;
}

function checkSteps(c: Checker, steps: unknown[], path: Path): void {
  for (const [i, raw] of steps.entries()) checkStep(c, raw, [...path, i]);
}

function checkStep(c: Checker, raw: unknown, path: Path): void {
  const step = asMap(raw);
  if (!step) return;
  const id = asString(step.id);
  if (id !== undefined) {
    const first = c.stepIds.get(id);
    if (first) c.error([...path, 'id'], `duplicate step id "${id}" (also ${formatPath(first)})`);
    else c.stepIds.set(id, path);
  }
  c.expect(step.expect, [...path, 'expect']);
  const kind = stepKind(step);
  if (kind === undefined) return;
  checkRows(c, asMap(step.expect)?.rows, kind, asMap(step[kind]), [...path, 'expect', 'rows']);
  if (
    kind === 'experiment' &&
    asMap(step[kind])?.quorums !== undefined &&
    c.topology !== 'leaderless'
  ) {
    c.error(
      [...path, kind, 'quorums'],
      'quorums apply only to topology: leaderless (compare policies otherwise)',
      true,
    );
  }
  const body = step[kind];
  const at = [...path, kind];
  const m = asMap(body) ?? {};
  switch (kind) {
    case 'write':
      c.node(m.via, [...at, 'via']);
      break;
    case 'read':
      if (m.from !== 'route') c.node(m.from, [...at, 'from']);
      break;
    case 'until':
      c.node(m.node, [...at, 'node']);
      c.node(m.leader, [...at, 'leader']);
      break;
    case 'crash':
    case 'restart':
    case 'wipe':
    case 'dropSlot':
      c.node(body, at);
      break;
    case 'promote':
      if (typeof body === 'string') c.node(body, at);
      else c.node(m.node, [...at, 'node']);
      break;
    case 'pause':
      c.node(m.node, [...at, 'node']);
      break;
    case 'partition':
      checkPartition(c, body, at);
      break;
    case 'set':
      c.node(m.node, [...at, 'node']);
      c.node(m.upstream, [...at, 'upstream']);
      break;
    case 'backup':
      c.node(m.from, [...at, 'from']);
      checkBackupId(c, m.id, [...at, 'id']);
      c.anyBackup = true;
      break;
    case 'restore':
      c.node(m.node, [...at, 'node']);
      checkRestoreFrom(c, m.from, [...at, 'from']);
      break;
    case 'addFollower':
      checkAddFollower(c, m, at);
      break;
    case 'quiz':
      c.answers(m.answer, m.choices, [...at, 'answer']);
      break;
    case 'predict':
      checkPredict(c, m, at);
      break;
    case 'choose':
      checkChoose(c, m, at);
      checkStory(c, step, m, path);
      break;
    case 'task':
      checkTaskGoal(c, asMap(m.goal), [...at, 'goal']);
      break;
  }
}

/** `expect.rows`: only on an experiment, and only for policies it runs. */
function checkRows(
  c: Checker,
  rows: unknown,
  kind: string,
  body: RawMap | undefined,
  path: Path,
): void {
  const m = asMap(rows);
  if (!m) return;
  if (kind !== 'experiment') {
    c.error(path, 'rows applies only to experiment steps (the comparison table)', true);
    return;
  }
  const policies = asList(body?.policies).flatMap((p) => (typeof p === 'string' ? [p] : []));
  const quorums = asList(body?.quorums).flatMap((q) => {
    const w = asMap(q)?.w;
    const r = asMap(q)?.r;
    return typeof w === 'number' && typeof r === 'number' ? [`w${w}r${r}`] : [];
  });
  for (const policy of Object.keys(m)) {
    if (/^w\d+r\d+$/.test(policy)) {
      if (!quorums.includes(policy)) {
        c.error(
          [...path, policy],
          unknownName('quorum', policy, quorums, 'quorums of this experiment'),
          true,
        );
      }
      continue;
    }
    if (!(POLICIES as readonly string[]).includes(policy)) {
      c.error(
        [...path, policy],
        unknownKeyMessage(policy, POLICIES).replace('key', 'policy'),
        true,
      );
      continue;
    }
    if (policies.includes(policy)) continue;
    c.error(
      [...path, policy],
      unknownName('policy', policy, policies, 'policies of this experiment'),
      true,
    );
  }
}

/** `story` names an option of the choose; `branch: true` leaves nothing for story or resume. */
function checkStory(c: Checker, step: RawMap, m: RawMap, path: Path): void {
  const at = (key: string): Path | undefined =>
    m[key] !== undefined
      ? [...path, 'choose', key]
      : step[key] !== undefined
        ? [...path, key]
        : undefined;
  const storyAt = at('story');
  const story = m.story ?? step.story;
  const branch = (m.branch ?? step.branch) === true;
  if (branch) {
    for (const key of ['story', 'resume']) {
      const p = at(key);
      if (p)
        c.error(p, `${key} has no effect with branch: true (the learner's option stands)`, true);
    }
    return;
  }
  if (storyAt === undefined) return;
  const options = asList(m.options);
  const isAction = options.some((o) => asMap(o) !== undefined);
  const names =
    options.length === 0
      ? [...c.nodes]
      : options.flatMap((o) => {
          const label = isAction ? asString(asMap(o)?.label) : asString(o);
          return label === undefined ? [] : [label];
        });
  if (typeof story === 'number') {
    if (Number.isInteger(story) && story >= names.length && names.length > 0)
      c.error(
        storyAt,
        `option ${story} does not exist: there are ${names.length} options, numbered 0 to ${names.length - 1}`,
      );
    return;
  }
  const word = asString(story);
  if (word === undefined) return;
  const lower = word.toLowerCase();
  if (names.some((n) => n.toLowerCase() === lower)) return;
  c.error(storyAt, unknownName('option', word, names, 'options'));
}

function checkPartition(c: Checker, body: unknown, at: Path): void {
  const placed = new Map<string, number>();
  asList(body).forEach((group, g) => {
    asList(group).forEach((member, j) => {
      if (typeof member !== 'string') return;
      const p = [...at, g, j];
      if (!c.nodes.includes(member) && !c.clients.has(member)) {
        const known = [...c.nodes, ...c.clients];
        c.error(p, unknownName('node or client', member, known, 'nodes and clients'));
      }
      const other = placed.get(member);
      if (other !== undefined && other !== g)
        c.error(p, `"${member}" is already in group ${other}`);
      placed.set(member, g);
    });
  });
}

function checkBackupId(c: Checker, v: unknown, path: Path): void {
  const id = asString(v);
  if (id === undefined) return;
  if (id === LATEST_BACKUP)
    c.error(path, `"${LATEST_BACKUP}" is reserved; name the backup differently`);
  else if (c.backups.includes(id)) c.error(path, `duplicate backup id "${id}"`);
  else c.backups.push(id);
}

function checkRestoreFrom(c: Checker, v: unknown, path: Path): void {
  const from = asString(v);
  if (from === undefined) return;
  if (from === LATEST_BACKUP) {
    if (!c.anyBackup) c.error(path, 'no backup step comes before this restore');
  } else if (!c.backups.includes(from)) {
    const near = nearest(from, [...c.backups, LATEST_BACKUP]);
    const mean = near === undefined ? '' : `did you mean "${near}"? `;
    const list =
      c.backups.length === 0
        ? 'no backup ids before this step'
        : `backups before this step: ${listNames(c.backups)}`;
    c.error(path, `unknown backup "${from}" (${mean}${list}; or use ${LATEST_BACKUP})`);
  }
}

function checkAddFollower(c: Checker, m: RawMap, at: Path): void {
  c.node(m.from, [...at, 'from']);
  c.node(m.upstream, [...at, 'upstream']);
  const id = asString(m.id);
  if (id === undefined) return;
  if (c.nodes.includes(id)) c.error([...at, 'id'], `node "${id}" already exists`);
  else c.nodes.push(id);
}

function checkPredict(c: Checker, m: RawMap, at: Path): void {
  const choices = asList(m.choices);
  if (m.answer !== undefined) {
    c.answers(m.answer, m.choices, [...at, 'answer']);
  } else {
    const missing = choices.findIndex((ch) => asMap(ch)?.expect === undefined);
    if (missing >= 0) {
      c.error(
        [...at, 'choices', missing],
        `choice ${missing} has no expect: give every choice an expect (graded by what happens) or give an answer index`,
      );
    }
  }
  for (const [i, ch] of choices.entries())
    c.expect(asMap(ch)?.expect, [...at, 'choices', i, 'expect']);
  if (m.then !== undefined) checkStep(c, m.then, [...at, 'then']);
}

/** A task's goal names nodes and clients that exist when the task starts. */
function checkTaskGoal(c: Checker, goal: RawMap | undefined, at: Path): void {
  if (!goal) return;
  c.expect(goal, at);
  asList(goal.untouched).forEach((n, i) => {
    c.node(n, [...at, 'untouched', i]);
  });
  const read = asMap(goal.read);
  const client = asString(read?.client);
  if (client !== undefined && !c.clients.has(client)) {
    c.error([...at, 'read', 'client'], unknownName('client', client, [...c.clients]));
  }
}

function checkChoose(c: Checker, m: RawMap, at: Path): void {
  const options = asList(m.options);
  const isAction = options.some((o) => asMap(o) !== undefined);
  if (isAction) {
    // Options are alternatives: nodes one adds are not known to another.
    const before = [...c.nodes];
    options.forEach((o, j) => {
      c.nodes = [...before];
      checkSteps(c, asList(asMap(o)?.do), [...at, 'options', j, 'do']);
    });
    c.nodes = before;
    c.expect(m.goal, [...at, 'goal']);
  } else {
    for (const [j, o] of options.entries()) c.node(o, [...at, 'options', j]);
  }
}

function checkCurriculum(c: Checker, lesson: RawMap): void {
  const steps = asList(lesson.steps).map((s) => asMap(s) ?? {});
  const kinds = steps.map(stepKind);
  if (!kinds.some((k) => k === 'predict' || k === 'choose' || k === 'task')) {
    c.warnings.push({
      path: ['steps'],
      message: 'no predict, choose or task step: let the learner act on the cluster, not only read',
    });
  }
  const quizzes = kinds.filter((k) => k === 'quiz').length;
  if (quizzes < 2) {
    c.warnings.push({
      path: ['steps'],
      message: `${quizzes} quiz step${quizzes === 1 ? '' : 's'}; a lesson should have at least two`,
    });
  }
  const minutes = lesson.minutes;
  if (typeof minutes === 'number' && (minutes < 5 || minutes > 10)) {
    c.warnings.push({
      path: ['minutes'],
      message: `${minutes} minutes; lessons should take 5 to 10`,
    });
  }
  if (asList(lesson.objectives).length === 0) {
    c.warnings.push({
      path: ['objectives'],
      message: 'no objectives: say what the learner can do afterwards',
    });
  }
}

/** Cross-reference errors and curriculum warnings for raw lesson data. */
export function crossCheck(data: unknown): CrossCheckResult {
  const c = new Checker();
  const lesson = asMap(data);
  if (!lesson) return { errors: [], warnings: [] };
  checkCluster(c, asMap(lesson.cluster));
  checkClients(c, asList(lesson.clients));
  collectClients(c, lesson.steps);
  checkSteps(c, asList(lesson.steps), ['steps']);
  checkCurriculum(c, lesson);
  return { errors: c.errors, warnings: c.warnings };
}
