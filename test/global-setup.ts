// Builds dist/ once before the tests, so the tests that run the built CLI (test/cli,
// test/e2e, test/packaging…) never run a build older than the sources. The build is written
// into dist/ without ever leaving it half-written (scripts/replace-dist.mjs), so two vitest
// runs in one worktree can build and read at the same time. In watch mode it builds again
// before every rerun.
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { buildDist } from '../scripts/build.mjs';

export default async function setup(project: TestProject): Promise<void> {
  await buildDist();
  project.onTestsRerun(async () => {
    await buildDist();
  });
}
