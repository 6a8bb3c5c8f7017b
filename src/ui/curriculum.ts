// The parts of the curriculum (CURRICULUM.md), for the menu's headings. Shipped lessons use
// 10 × their curriculum number as `order`; a lesson of the learner's own (default order
// 1000) falls under "More lessons".
const PARTS: readonly { last: number; title: string }[] = [
  { last: 8, title: 'Part 1 — Leaders and followers' },
  { last: 13, title: 'Part 2 — When the leader fails' },
  { last: 16, title: 'Part 3 — Many leaders, no leader' },
];

/** The curriculum number of a lesson (`order` 30 is lesson 3), if it has one. */
export function curriculumNumber(order: number): number | undefined {
  return order > 0 && order % 10 === 0 && order / 10 <= 99 ? order / 10 : undefined;
}

export function partOf(order: number): string {
  const n = curriculumNumber(order);
  if (n === undefined) return 'More lessons';
  return PARTS.find((p) => n <= p.last)?.title ?? 'More lessons';
}
