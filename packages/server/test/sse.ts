import { type SseMessage, sseMessages } from '../../client/src/sse.js';

export type { SseMessage };

/** A reader of a text/event-stream response body, message by message, heartbeat comments aside. */
export interface SseReader {
  /** The next message, or undefined when the stream ended. */
  next(): Promise<SseMessage | undefined>;
  /** The next message named `event`, the messages before it collected in `skipped`. */
  until(event: string): Promise<{ message: SseMessage; skipped: SseMessage[] }>;
  /** Every message up to the end of the stream. */
  rest(): Promise<SseMessage[]>;
  /** The text of the next comment line (a heartbeat), skipping messages. */
  nextComment(): Promise<string | undefined>;
  /** Stops reading: the client goes away. */
  cancel(): Promise<void>;
}

/** Reads an SSE body with the client's parser (the EventSource specification's fields and dispatch). */
export function sseReader(response: Response): SseReader {
  const body = response.body;
  if (!body) throw new Error('no body');
  const comments: string[] = [];
  let commented: (() => void) | undefined;
  const stop = new AbortController();
  const messages = sseMessages(body, {
    signal: stop.signal,
    onComment: (text) => {
      comments.push(text);
      commented?.();
    },
  });
  // The read in progress: a wait for a comment may leave one running, which the next read takes.
  let pending: Promise<IteratorResult<SseMessage, void>> | undefined;
  const step = () => {
    pending ??= messages.next();
    const current = pending;
    return current.then((result) => {
      if (pending === current) pending = undefined;
      return result;
    });
  };
  const self: SseReader = {
    async next() {
      const result = await step();
      return result.done ? undefined : result.value;
    },
    async until(event) {
      const skipped: SseMessage[] = [];
      for (;;) {
        const message = await self.next();
        if (!message) throw new Error(`the stream ended before "${event}"; read ${skipped.map((m) => m.event)}`);
        if (message.event === event) return { message, skipped };
        skipped.push(message);
      }
    },
    async rest() {
      const out: SseMessage[] = [];
      for (let m = await self.next(); m; m = await self.next()) out.push(m);
      return out;
    },
    async nextComment() {
      // Messages read while waiting are skipped; a comment ends the wait even between messages.
      while (comments.length === 0) {
        const comment = new Promise<false>((resolve) => {
          commented = () => resolve(false);
        });
        const ended = await Promise.race([step().then((r) => r.done === true), comment]);
        commented = undefined;
        if (ended) break;
      }
      return comments.shift();
    },
    async cancel() {
      // Cancels the body even while a read waits; a reader never started cancels the body itself.
      stop.abort();
      await body.cancel().catch(() => {});
    },
  };
  return self;
}
