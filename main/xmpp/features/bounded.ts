/**
 * Sets `key` in a Map that must not outgrow `capacity`: the oldest entries are forgotten first. Anything
 * keyed by what strangers send us (peers, message ids) is stored this way, so a flood cannot grow memory.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key); // re-insert so the entry counts as newest
  map.set(key, value);
  while (map.size > capacity) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
