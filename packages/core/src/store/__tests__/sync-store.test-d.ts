import { expectTypeOf, it } from 'vitest';
import { createMemoryStore } from '../memory.js';
import type { AsyncStore, SyncStore } from '../sync-store.js';
import type { KepuStore, StoreHead, StoreLoad } from '../types.js';

it('a SyncStore returns values, an AsyncStore promises, and both are the port', () => {
  expectTypeOf<SyncStore>().toExtend<KepuStore>();
  expectTypeOf<AsyncStore>().toExtend<KepuStore>();
  expectTypeOf<ReturnType<SyncStore['head']>>().toEqualTypeOf<StoreHead>();
  expectTypeOf<ReturnType<AsyncStore['head']>>().toEqualTypeOf<Promise<StoreHead>>();
});

it('naming a capability makes it required; others stay optional', () => {
  expectTypeOf<SyncStore<'load'>['load']>().toEqualTypeOf<() => StoreLoad>();
  expectTypeOf<SyncStore['load']>().toEqualTypeOf<(() => StoreLoad) | undefined>();
  expectTypeOf(createMemoryStore()).toExtend<SyncStore<'getRecord' | 'load' | 'watch' | 'dispose'>>();
  expectTypeOf(createMemoryStore()).not.toExtend<AsyncStore>();
});
