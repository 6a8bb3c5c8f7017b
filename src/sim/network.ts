// Who can talk to whom. A partition cuts the network into groups; nodes not named in any
// group share one extra group. Clients reach every node unless a group names them.

export class Network {
  private groupOf = new Map<string, number>();
  private groups: string[][] = [];

  partition(groups: readonly (readonly string[])[]): void {
    this.groups = groups.map((g) => [...g]);
    this.groupOf = new Map();
    groups.forEach((g, i) => {
      for (const id of g) this.groupOf.set(id, i);
    });
  }

  heal(): void {
    this.groups = [];
    this.groupOf = new Map();
  }

  get isPartitioned(): boolean {
    return this.groups.length > 0;
  }

  current(): string[][] {
    return this.groups.map((g) => [...g]);
  }

  nodesReach(a: string, b: string): boolean {
    if (this.groups.length === 0 || a === b) return true;
    return (this.groupOf.get(a) ?? -1) === (this.groupOf.get(b) ?? -1);
  }

  clientReaches(client: string, node: string): boolean {
    if (this.groups.length === 0) return true;
    const g = this.groupOf.get(client);
    return g === undefined || g === (this.groupOf.get(node) ?? -1);
  }
}
