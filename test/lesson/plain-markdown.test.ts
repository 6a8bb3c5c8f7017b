import { describe, expect, it } from 'vitest';
import { plainMarkdown } from '../../src/lesson/format/plain-markdown.js';

describe('plainMarkdown', () => {
  it('drops emphasis and code markers but keeps the words', () => {
    expect(plainMarkdown('**Async** replication, `ack` after *one* write.')).toBe(
      'Async replication, ack after one write.',
    );
    expect(plainMarkdown('__bold__ (and *this*)')).toBe('bold (and this)');
  });

  it('strips emphasis that spans the lines of one paragraph, but not across paragraphs', () => {
    expect(plainMarkdown('> *"I asked. Bob\n> answered."*\n\nDone.')).toBe(
      '> "I asked. Bob\n> answered."\n\nDone.',
    );
    expect(plainMarkdown('a *b\n\nc* d')).toBe('a *b\n\nc* d');
  });

  it('leaves stars that are not emphasis alone, and trims trailing space', () => {
    expect(plainMarkdown('2 * 3 * 4 = 24  \n')).toBe('2 * 3 * 4 = 24');
    expect(plainMarkdown('- a list item')).toBe('- a list item');
  });
});
