import type { MetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

const CACHED = Symbol.for('cord-blood-bank.cachedTargetMetadata');

/**
 * Makes class-validator's rule lookup a cache hit. class-validator 0.15 finds a class's inherited
 * rules by testing every registered class with `instanceof`, at every validation of every object
 * and nested object (typestack/class-validator#2686, open): with this service's DTOs that scan was
 * 1.7 % of the service's CPU under `bench:ingest` (CPU profile, README "Benchmarks"), and it grows
 * with every DTO added.
 *
 * The answer for a class depends only on the registered rules, and they change only through
 * `addValidationMetadata` (a decorator, when a class is defined; a mapped type copying its
 * parent's): the cache is per class and per option set, and emptied whenever a rule is added, so
 * it answers exactly what the library would. The arrays it returns are the library's own and are
 * only read (class-validator's executor groups them; input-guard builds its shapes from them).
 */
export function cacheTargetMetadata(storage: MetadataStorage): void {
  const marked = storage as MetadataStorage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let byClass = new WeakMap<Function, Map<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let answers = byClass.get(target);
    if (!answers) byClass.set(target, (answers = new Map()));
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups ? JSON.stringify(groups) : '-'}`;
    let found = answers.get(key);
    if (!found) answers.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    byClass = new WeakMap();
    add(metadata);
  };
  marked[CACHED] = true;
}
