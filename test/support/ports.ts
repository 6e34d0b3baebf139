// Ports for a system started as real processes, which takes TYM_PORT and the few ports after it.
import { readFileSync } from 'node:fs';

/**
 * A base port for that layout, chosen at random below Linux's range of ephemeral ports (32768 and up):
 * every outgoing connection of the test run (to PostgreSQL, between services, the browser's) and every
 * server listening on port 0 takes its port from that range, so one of them could hold a port here at
 * the moment the system binds it (seen as EADDRINUSE). Below it, a service of the machine may listen on a
 * fixed port (RabbitMQ's 25672, say): a layout touching a port in use now is drawn again. What remains is
 * another such layout drawn at the same moment.
 */
export function layoutBasePort(ports = 8): number {
  const low = 20000;
  const high = 32768 - ports;
  const used = portsInUse();
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = low + Math.floor(Math.random() * (high - low));
    if (!Array.from({ length: ports }, (_, i) => base + i).some((p) => used.has(p))) return base;
  }
  throw new Error(`no ${ports} free ports in a row between ${low} and ${high}`);
}

/** The local ports of this machine's TCP sockets now, in any state (Linux's /proc/net/tcp and tcp6). */
function portsInUse(): Set<number> {
  const used = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue; // no such table here (IPv6 off, or not Linux)
    }
    // Each row after the heading: "sl local_address rem_address st ...", local_address as hex address:port.
    for (const row of table.split('\n').slice(1)) {
      const local = row.trim().split(/\s+/)[1];
      if (local?.includes(':')) used.add(Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16));
    }
  }
  return used;
}
