// The baseline of the menu start-up benchmark: a bare, unbundled Ink app (imported from
// node_modules) that draws a 4-line box and exits.
import { Box, render, Text } from 'ink';
import { createElement as h } from 'react';

const app = render(
  h(
    Box,
    { borderStyle: 'round', flexDirection: 'column' },
    h(Text, null, 'hello'),
    h(Text, null, 'box'),
  ),
);
app.unmount();
