/**
 * All display streams of this process behind one bus subscription: each call becomes its SSE
 * frame once and that same string is written to every display of the mall (and zone). With
 * thousands of displays and ticket pages connected, building the frame per stream was most of
 * the delay before the first display heard a call.
 */
import type { CallEvent } from '../../../api/events.js';
import type { EventBus } from '../../events/bus.js';
import type { BusMessage } from '../../events/types.js';
import { type SseStream, sseFrame } from '../../sse.js';
import { callEventFrom, inZone } from './service.js';

export class DisplayClient {
  /** frames held while the snapshot and the replay are being sent */
  private held: { eventId: string; frame: string }[] | null = [];
  /** ids sent during that time, so a call both replayed and live goes out once */
  private sentEarly: Set<string> | null = new Set();

  constructor(
    readonly mallId: string,
    readonly zone: string | undefined,
    private readonly stream: SseStream,
  ) {}

  /** A call from the snapshot's replay: sent now, remembered until the live feed takes over. */
  sendReplayed(call: CallEvent): void {
    if (!inZone(call, this.zone) || this.sentEarly?.has(call.eventId)) return;
    this.sentEarly?.add(call.eventId);
    this.stream.sendFrame(sseFrame(call.type, call, call.eventId));
  }

  deliver(eventId: string, frame: string): void {
    if (this.held) this.held.push({ eventId, frame });
    else this.stream.sendFrame(frame);
  }

  /** Ends the catch-up: sends what arrived meanwhile (less what the replay already sent) and goes live. */
  goLive(): void {
    for (const { eventId, frame } of this.held ?? []) if (!this.sentEarly?.has(eventId)) this.stream.sendFrame(frame);
    this.held = null;
    this.sentEarly = null;
  }
}

export class DisplayHub {
  private readonly byMall = new Map<string, Set<DisplayClient>>();
  private readonly unsubscribe: () => void;

  constructor(bus: EventBus) {
    this.unsubscribe = bus.subscribe((m) => this.onMessage(m));
  }

  add(mallId: string, zone: string | undefined, stream: SseStream): DisplayClient {
    const client = new DisplayClient(mallId, zone, stream);
    let group = this.byMall.get(mallId);
    if (!group) {
      group = new Set();
      this.byMall.set(mallId, group);
    }
    group.add(client);
    stream.onClose(() => {
      group.delete(client);
      if (group.size === 0) this.byMall.delete(mallId);
    });
    return client;
  }

  close(): void {
    this.unsubscribe();
  }

  private onMessage(m: BusMessage): void {
    const group = this.byMall.get(m.payload.mallId);
    if (!group) return;
    if (m.topic === 'announcements.changed') {
      const frame = sseFrame('announcements', {});
      for (const client of group) client.deliver('', frame);
      return;
    }
    if (m.topic !== 'ticket.changed') return;
    const call = callEventFrom(m.payload);
    if (!call) return;
    const frame = sseFrame(call.type, call, call.eventId);
    for (const client of group) if (inZone(call, client.zone)) client.deliver(call.eventId, frame);
  }
}
