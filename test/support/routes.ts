import type { Express } from 'express';
import { declaredRoutes, type RouteSpec } from '../../src/web/routing';

export interface RegisteredRoute {
  method: string;
  path: string;
}

/** Every route the Express router actually holds (not what we think we registered). */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const stack = (app as unknown as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => ({ method, path: layer.route!.path })));
}

export function specOf(route: RegisteredRoute): RouteSpec | undefined {
  return declaredRoutes.find((r) => r.method === route.method && r.path === route.path);
}

/** A concrete URL for a route pattern: ids become 1, other parameters a harmless word. */
export function sampleUrl(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => (/id$/i.test(name) ? '1' : 'sample'));
}
