/** One server-sent event as a client reads it. */
export interface SseMessage {
  readonly event: string;
  readonly id?: string;
  readonly data: string;
}

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

/** Parses an SSE body as the EventSource specification reads it (fields, blank-line dispatch). */
export function sseReader(response: Response): SseReader {
  if (!response.body) throw new Error('no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const comments: string[] = [];
  let done = false;
  const parse = (block: string): SseMessage | undefined => {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return undefined;
    return { event, data: data.join('\n'), ...(id === undefined ? {} : { id }) };
  };
  /** The next block (a message, or undefined for a comment-only block); 'end' when the stream ended. */
  const nextBlock = async (): Promise<SseMessage | undefined | 'end'> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return parse(block);
      }
      if (done) return 'end';
      const chunk = await reader.read();
      if (chunk.done) done = true;
      else buffer += chunk.value.replace(/\r\n?/g, '\n');
    }
  };
  const self: SseReader = {
    async next() {
      for (;;) {
        const block = await nextBlock();
        if (block === 'end') return undefined;
        if (block) return block;
      }
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
      while (comments.length === 0) if ((await nextBlock()) === 'end') break;
      return comments.shift();
    },
    async cancel() {
      await reader.cancel().catch(() => {});
    },
  };
  return self;
}
