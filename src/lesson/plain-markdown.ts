// Lesson and quiz text without its Markdown emphasis markers, for plain line mode (pipes,
// CI, screen readers). Lives with the lesson format so every layer above can use it.

export function plainMarkdown(md: string): string {
  return md
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[\s(])\*(?!\s)(.+?)\*(?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .trimEnd();
}
