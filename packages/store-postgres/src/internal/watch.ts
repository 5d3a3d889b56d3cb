import type { StoreHead } from '@kepu/core';
import { notifyWatchers } from '@kepu/core/store';
import type pg from 'pg';
import { asError, letGo, type PostgresConnection, quote } from './connection.js';
import { readHead } from './reads.js';

/** The store's watchers and the one connection that LISTENs for them. */
export interface PostgresWatch {
  /** Adds a watcher and makes sure the connection listens; rejects when it cannot. */
  add(listener: (head: StoreHead) => void): Promise<void>;
  /** Removes a watcher; the last one out stops listening. */
  remove(listener: (head: StoreHead) => void): Promise<void>;
  /** Drops every watcher and stops listening, for good. */
  close(): Promise<void>;
}

/**
 * One connection LISTENs on the schema's channel for as long as anyone watches. When it is
 * dropped (server restart, terminated backend, network), it is released to the pool as broken
 * and a new one is opened after a pause; the head found then is reported, since notifications
 * sent while it was away are lost.
 */
export function createPostgresWatch(conn: PostgresConnection): PostgresWatch {
  const { pool, channel, namespace } = conn;
  const listeners = new Set<(head: StoreHead) => void>();
  let listener: { readonly client: pg.PoolClient; close(error?: Error): void } | undefined;
  let listening: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const report = (head: StoreHead) => notifyWatchers(listeners, head);
  const wanted = () => !closed && listeners.size > 0;
  const scheduleRetry = (delay: number) => {
    if (retry !== undefined || !wanted()) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (!wanted()) return;
      start()
        .then(() => readHead(conn))
        .then(report)
        .catch(() => scheduleRetry(1000));
    }, delay);
    retry.unref?.();
  };

  const listen = async () => {
    const client = await pool.connect();
    let released = false;
    const close = (error?: Error) => {
      if (released) return;
      released = true;
      client.removeListener('notification', onNotification);
      client.removeListener('error', onLost);
      client.removeListener('end', onEnd);
      if (listener?.client === client) listener = undefined;
      // A connection that failed is destroyed, not handed to the next query.
      letGo(client, error);
    };
    const onLost = (error: unknown) => {
      close(asError(error));
      scheduleRetry(250);
    };
    const onEnd = () => onLost(new Error('the LISTEN connection ended'));
    const onNotification = (message: pg.Notification) => {
      if (message.channel !== channel || message.payload === undefined) return;
      try {
        const payload = JSON.parse(message.payload) as { namespace: string } & StoreHead;
        if (payload.namespace === namespace) {
          report({ seq: payload.seq, version: payload.version, hash: payload.hash });
        }
      } catch {
        // Not one of ours.
      }
    };
    client.on('error', onLost);
    client.on('end', onEnd);
    client.on('notification', onNotification);
    try {
      await client.query(`LISTEN ${quote(channel)}`);
    } catch (error) {
      close(asError(error));
      throw error;
    }
    listener = { client, close };
  };

  const start = (): Promise<void> => {
    if (listener) return Promise.resolve();
    listening ??= listen().finally(() => {
      listening = undefined;
    });
    return listening;
  };

  const stop = async () => {
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    await listening?.catch(() => {});
    const current = listener;
    if (!current) return;
    try {
      await current.client.query(`UNLISTEN ${quote(channel)}`);
      current.close();
    } catch (error) {
      current.close(asError(error));
    }
  };

  return {
    async add(watcher) {
      listeners.add(watcher);
      try {
        await start();
      } catch (error) {
        listeners.delete(watcher);
        throw error;
      }
    },
    async remove(watcher) {
      listeners.delete(watcher);
      if (listeners.size === 0) await stop();
    },
    async close() {
      closed = true;
      listeners.clear();
      await stop();
    },
  };
}
