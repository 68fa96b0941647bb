/** Map#set that first drops the oldest entry when a new key would grow the map past `max` (a FIFO-bounded cache). */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
}
