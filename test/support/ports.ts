// Ports for a system started as real processes, which takes TYM_PORT and the few ports after it.

/**
 * A base port for that layout, chosen at random below Linux's range of ephemeral ports (32768 and up):
 * every outgoing connection of the test run (to PostgreSQL, between services, the browser's) and every
 * server listening on port 0 takes its port from that range, so one of them could hold a port here at
 * the moment the system binds it (seen as EADDRINUSE). Below it only another such layout can collide.
 */
export function layoutBasePort(ports = 8): number {
  const low = 20000;
  const high = 32768 - ports;
  return low + Math.floor(Math.random() * (high - low));
}
