import type { Express, NextFunction, Request, Response } from 'express';

/**
 * The work an app has started and not finished: requests until their response is done, and route
 * handlers until they return, which may be later (a visitor who closes the tab does not stop the
 * handler). Shutting down waits for it, so the database never closes under a running query.
 */
export class InFlight {
  private count = 0;
  private waiting: Array<() => void> = [];
  /** set when the server shuts down: requests still arriving on open connections are turned away */
  closing = false;

  /** Counts one piece of work; the returned function ends it (a second call does nothing). */
  start(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.count === 0) for (const resolve of this.waiting.splice(0)) resolve();
    };
  }

  /** Turns new requests away, then resolves once nothing is running. */
  drain(): Promise<void> {
    this.closing = true;
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

export function inFlightOf(app: Express): InFlight {
  return ((app.locals as { inFlight?: InFlight }).inFlight ??= new InFlight());
}

const RESTARTING = 'Сервер перезапускается: повторите запрос через несколько секунд.\nThe server is restarting: try again in a few seconds.\n';

/**
 * Counts every request from its arrival until its response is finished or its connection is gone.
 * While the server shuts down, a request on a connection kept open answers 503 and closes it, so a
 * client (or a load balancer) goes to another process instead of keeping this one busy.
 */
export function countRequests(inFlight: InFlight) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (inFlight.closing) {
      res.status(503).set({ Connection: 'close', 'Retry-After': '5', 'Content-Type': 'text/plain; charset=utf-8' }).end(RESTARTING);
      return;
    }
    res.once('close', inFlight.start());
    next();
  };
}
