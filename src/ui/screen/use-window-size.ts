// Terminal size that follows resizes. Ink 6 has no useWindowSize (it came in Ink 7), and
// ink-testing-library (or a pipe) reports no rows, so a missing dimension falls back to 80×24.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface WindowSize {
  columns: number;
  rows: number;
}

export const DEFAULT_WINDOW: WindowSize = { columns: 80, rows: 24 };

export function readWindowSize(stdout: { columns?: number; rows?: number }): WindowSize {
  const columns = stdout.columns;
  const rows = stdout.rows;
  return {
    columns: columns !== undefined && columns > 0 ? columns : DEFAULT_WINDOW.columns,
    rows: rows !== undefined && rows > 0 ? rows : DEFAULT_WINDOW.rows,
  };
}

export function useWindowSize(): WindowSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readWindowSize(stdout));
  useEffect(() => {
    const onResize = () => {
      const next = readWindowSize(stdout);
      // Keep the same object when nothing changed, so consumers do not re-render.
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
