// Lookups keyed by text read from user code, package.json or configuration. A plain object
// answers `constructor`, `toString`, `hasOwnProperty` or `__proto__` from its prototype, so a
// script named `constructor` or a receiver named `hasOwnProperty` would find a function where a
// table entry was expected: these helpers see own entries only.

/** `table[key]` when `key` is one of the table's own entries. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** `key in table`, counting only the table's own entries. */
export function hasOwnEntry(table: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** Sets `object[key]` as an own property, even for `__proto__`, which plain assignment would turn into the prototype. */
export function setOwnEntry<T>(object: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
