/** The floor pages' content: twenty rows of a name and a preview, answered a microtask later like an API call. */
export interface FloorRow {
  readonly name: string;
  readonly preview: string;
}

export const floorRows = (): Promise<FloorRow[]> =>
  Promise.resolve(Array.from({ length: 20 }, (_, i) => ({ name: `Contact ${i + 1}`, preview: `The last message of chat ${i + 1}` })));
