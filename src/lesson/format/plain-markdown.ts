// Lesson and quiz text without its Markdown emphasis markers, for plain line mode (pipes,
// CI, screen readers). Lives with the lesson format so every layer above can use it.
// Emphasis may span the lines of one paragraph (a wrapped quote), never two paragraphs.

function plainParagraph(md: string): string {
  return md
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/__(.+?)__/gs, '$1')
    .replace(/(^|[\s(])\*(?!\s)(.+?)\*(?=[\s).,;:!?]|$)/gs, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}

export function plainMarkdown(md: string): string {
  return md
    .split(/(\n[ \t]*\n)/)
    .map(plainParagraph)
    .join('')
    .trimEnd();
}
