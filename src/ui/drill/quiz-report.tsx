// The end of a drill: the score, per topic, the weakest topics and what to revisit.
import { Box, Text } from 'ink';
import { type DrillReport, type ReportContext, reportLines } from '../../quiz/report.js';
import { useTheme } from '../theme/use-theme.js';

export interface QuizReportProps {
  report: DrillReport;
  context: ReportContext;
  width: number;
  height: number;
}

export function QuizReport({ report, context, width, height }: QuizReportProps) {
  const theme = useTheme();
  const lines = reportLines(report, context);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          key={i}
          bold={line.startsWith('Score:')}
          color={line.startsWith('Score:') ? theme.color('heading') : undefined}
        >
          {line}
        </Text>
      ))}
    </Box>
  );
}
