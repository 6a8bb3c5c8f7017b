// Grading progress on standard error: a bar redrawn in place on a terminal, a plain line at
// every quarter otherwise (logs, CI), so standard output stays the result alone.
interface Out {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface GradeProgress {
  update(done: number, total: number): void;
  note(text: string): void;
  done(): void;
}

export function gradeProgress(label: string, out: Out = process.stderr): GradeProgress {
  if (out.isTTY) {
    let drawn = false;
    const width = Math.max(10, Math.min(40, (out.columns ?? 80) - label.length - 24));
    return {
      update(done, total) {
        const filled = Math.round((width * done) / Math.max(1, total));
        out.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} seeds`,
        );
        drawn = true;
      },
      note(text) {
        out.write(`${drawn ? '\n' : ''}${text}\n`);
        drawn = false;
      },
      done() {
        if (drawn) out.write('\n');
        drawn = false;
      },
    };
  }
  let quarter = 0;
  return {
    update(done, total) {
      const q = Math.floor((4 * done) / Math.max(1, total));
      if (q > quarter) {
        quarter = q;
        out.write(`${label}: ${done}/${total} seeds\n`);
      }
    },
    note(text) {
      out.write(`${text}\n`);
    },
    done() {},
  };
}
