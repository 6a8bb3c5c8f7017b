// Versions of progress.json and the steps between them. To add a section: write the next
// version's schema, add it to PROGRESS_VERSIONS and PROGRESS_SCHEMAS, and add a migration
// that turns the previous version's object into the new one.
// Files are checked against their own version's schema, migrated one version at a time, then
// validated against the newest schema.
//
// 1 → 2: the quiz section (spaced-repetition cards per question, and past drills).

export const PROGRESS_VERSIONS = [1, 2] as const;
export type ProgressVersion = (typeof PROGRESS_VERSIONS)[number];
export const CURRENT_VERSION: ProgressVersion = 2;

export type JsonObject = Record<string, unknown>;
/** Turns a version-k object into a version-(k+1) object. */
export type Migration = (data: JsonObject) => JsonObject;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Nothing drilled yet: an empty quiz section.
  1: (data) => ({ ...data, version: 2, quiz: { cards: {}, drills: [] } }),
};

/** True if this build can read files of that version (now or after migrating). */
export function isKnownVersion(version: number, current: number = CURRENT_VERSION): boolean {
  return Number.isInteger(version) && version >= 1 && version <= current;
}

/**
 * Brings `data` (a file's parsed content at version `from`) up to `to`, one step at a time.
 * Throws if a step is missing: that is a bug in this build, not a bad file.
 */
export function migrate(
  from: number,
  data: JsonObject,
  to: number = CURRENT_VERSION,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): JsonObject {
  if (!Number.isInteger(from) || from < 1 || from > to) {
    throw new RangeError(`cannot migrate progress from version ${from} to ${to}`);
  }
  let out = data;
  for (let v = from; v < to; v++) {
    const step = migrations[v];
    if (step === undefined) throw new RangeError(`no migration from progress version ${v}`);
    out = step(out);
    if (out.version !== v + 1) {
      throw new RangeError(`migration from progress version ${v} did not produce ${v + 1}`);
    }
  }
  return out;
}
