import type { JsonObject, RecordedEvent } from '@app/contracts';

/**
 * Lifts the data of `type@fromSchemaVersion` to `fromSchemaVersion + 1`. Shipped schemas are
 * never edited: a change adds an upcaster, and old events are lifted on every read.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromSchemaVersion: number;
  upcast(data: JsonObject, event: RecordedEvent): JsonObject;
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): void {
    const key = `${upcaster.type}@${upcaster.fromSchemaVersion}`;
    if (this.byKey.has(key)) throw new Error(`an upcaster for ${key} is already registered`);
    this.byKey.set(key, upcaster);
  }

  /** Applies upcasters in a chain until the event is at its type's latest schema. */
  apply(event: RecordedEvent): RecordedEvent {
    let current = event;
    for (;;) {
      const upcaster = this.byKey.get(`${current.type}@${current.schemaVersion}`);
      if (!upcaster) return current;
      current = {
        ...current,
        schemaVersion: current.schemaVersion + 1,
        data: upcaster.upcast(current.data, current),
      };
    }
  }
}
