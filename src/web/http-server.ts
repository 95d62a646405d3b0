import { IncomingMessage, type Server, ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * The HTTP server for an Express app, with every request and response created with the app's own prototypes
 * (`app.request`, `app.response`) from the start.
 *
 * Express 5 gives each request and response those prototypes with `Object.setPrototypeOf` in `app.handle`.
 * Changing the prototype of a live object costs V8 dearly: the objects' shapes become unstable (slower property
 * access in every middleware) and the request's object graph is kept alive through young-generation collections
 * and promoted, so the old generation fills with dead requests and needs a full collection every half second
 * under load (measured: 7-13 KB promoted per request; 0.5 KB with this server). When the object already has the
 * prototype, V8's `setPrototypeOf` returns at once, so Express itself is unchanged.
 */
export function createHttpServer(app: Express): Server {
  // Node 20 defines both as plain functions; should a later Node make them classes (which cannot be called
  // without `new`), the server falls back to Express's own prototype swap: slower, the same answers.
  if (isClass(IncomingMessage) || isClass(ServerResponse)) return createServer(app);
  // Function constructors, so that `prototype` can be the app's objects exactly (a class's cannot be assigned).
  // Node's server calls them with `new`. (Reflect.construct would do the same for classes, but measured 6x slower.)
  const initRequest = IncomingMessage as unknown as (this: IncomingMessage, socket: Socket) => void;
  const initResponse = ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: object) => void;
  function KoersRequest(this: IncomingMessage, socket: Socket): void {
    initRequest.call(this, socket);
  }
  KoersRequest.prototype = app.request;
  function KoersResponse(this: ServerResponse, req: IncomingMessage, options?: object): void {
    initResponse.call(this, req, options);
  }
  KoersResponse.prototype = app.response;
  return createServer(
    {
      IncomingMessage: KoersRequest as unknown as typeof IncomingMessage,
      ServerResponse: KoersResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}

function isClass(fn: unknown): boolean {
  return typeof fn === 'function' && /^class\b/.test(Function.prototype.toString.call(fn));
}
