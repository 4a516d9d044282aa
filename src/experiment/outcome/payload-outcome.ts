import type { ClientStats } from "../../model/client/client-stats.js";
import type { World } from "../../model/world.js";
import { roundOrZero } from "./rounding.js";

/** What payloads cost on the wire and what the APIs that shape them did. */
export interface PayloadOutcome {
  /** Every message the network carried (client ↔ coordinator ↔ replicas), as packets. */
  readonly network: {
    readonly messages: number;
    readonly bytes: number;
    readonly packets: number;
    readonly packetsLost: number;
    /** Packets sent again (a packet lost twice is sent again twice). */
    readonly retransmits: number;
    /** Messages late by at least one retransmit timeout. */
    readonly messagesDelayed: number;
    /** Total delay retransmissions added to messages, s. */
    readonly retransmitDelayS: number;
  };
  /** Client-side compression: value bytes before and after, their ratio, and the client CPU spent, s. */
  readonly compression: { readonly valueBytes: number; readonly compressedBytes: number; readonly ratio: number; readonly cpuS: number };
  /**
   * PutItems: writes sent as chunks, chunks sent (first attempts, not hedges or retries), writes
   * committed (visible), and writes that ended with chunks stored but no commit (invisible).
   */
  readonly chunks: { readonly writes: number; readonly chunks: number; readonly committed: number; readonly uncommittedWrites: number };
  /** GetItems: items read to the end or given up, pages answered, their sizes, and pages the deadline cut short. */
  readonly pages: {
    readonly items: number;
    readonly itemsFailed: number;
    readonly count: number;
    readonly perItem: number;
    readonly meanBytes: number;
    readonly maxBytes: number;
    readonly meanRows: number;
    readonly cutShort: number;
  };
  /** Scans begun, read to the end, given up, and the cursors the servers granted per scan (mean). */
  readonly scans: { readonly started: number; readonly completed: number; readonly failed: number; readonly meanCursors: number };
}


/** The outcome's `payloads` section: the network's counters of a finished world and the clients' summed counters `s`. */
export function payloadOutcome(world: World, s: ClientStats): PayloadOutcome {
  const net = world.cluster.network.stats;
  return {
    network: {
      messages: net.messages,
      bytes: net.bytes,
      packets: net.packets,
      packetsLost: net.packetsLost,
      retransmits: net.retransmits,
      messagesDelayed: net.messagesDelayed,
      retransmitDelayS: roundOrZero(net.retransmitDelay / 1e6),
    },
    compression: {
      valueBytes: s.valueBytes,
      compressedBytes: s.compressedBytes,
      ratio: roundOrZero(s.compressedBytes > 0 ? s.valueBytes / s.compressedBytes : 1),
      cpuS: roundOrZero(s.compressionTime / 1e6),
    },
    pages: {
      items: s.itemsRead,
      itemsFailed: s.itemsFailed,
      count: s.pages,
      perItem: roundOrZero(s.itemsRead > 0 ? s.pages / s.itemsRead : 0),
      meanBytes: roundOrZero(s.pages > 0 ? s.pageBytes / s.pages : 0),
      maxBytes: world.clients.reduce((m, c) => Math.max(m, c.stats.maxPageBytes), 0),
      meanRows: roundOrZero(s.pages > 0 ? s.pageRows / s.pages : 0),
      cutShort: s.pagesCutShort,
    },
    scans: {
      started: s.scans,
      completed: s.scansCompleted,
      failed: s.scansFailed,
      meanCursors: roundOrZero(s.scansGranted > 0 ? s.scanCursors / s.scansGranted : 0),
    },
    chunks: { writes: s.chunkedWrites, chunks: s.chunks, committed: s.committedWrites, uncommittedWrites: s.uncommittedWrites },
  };
}
