// Help text for `replication-tutor progress`. Plain strings with no imports, so the CLI can
// show it for --help without loading the store.

export const PROGRESS_DESCRIPTION =
  'show saved lesson progress and the interview drill, print them as JSON, or reset lessons';

export const PROGRESS_HELP = `
Where progress is saved (file progress.json):
  any platform      $REPLICATION_TUTOR_HOME, if set
  Linux and others  $XDG_DATA_HOME/replication-tutor, else ~/.local/share/replication-tutor
  macOS             ~/Library/Application Support/replication-tutor
  Windows           %APPDATA%\\replication-tutor

A lesson of the curriculum is saved under its id. A lesson played from a file elsewhere is
saved under its id and a hash of the file's path (my-lesson@3fa2c1d09e), so it never touches
a curriculum lesson that has the same id.

The last line of the output names the file. A corrupt file, or one written by a newer
version, is moved aside (progress.json.corrupt-<n>, progress.json.v<version>-<n>) with a
warning, and never deleted.

--reset <lesson>  forgets one lesson, named as the table shows it. A lesson with
                  no saved progress is an error (exit 2); lesson ids are not checked
                  against the curriculum.
--reset           forgets every lesson, after copying the file to progress.json.bak
                  (copy it back over progress.json to undo).
Resetting never touches the interview drill's review schedule (quiz --review).
`;
