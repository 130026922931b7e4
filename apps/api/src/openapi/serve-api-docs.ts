import fastifySwagger, { type StaticDocumentSpec } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { oas31 } from 'zod-openapi';

/**
 * Serves the document at `GET /openapi.json` and renders it at `/docs` with Swagger UI, whose files come
 * from its package (no CDN). Both are public: they describe the api and hold no data. They are Fastify
 * routes, not Nest handlers; the plugin loads with the app's first plugins, before Nest adds its routes.
 */
export function serveApiDocs(app: NestFastifyApplication, document: oas31.OpenAPIObject): void {
  // @fastify/swagger's types know OpenAPI 3.0; in static mode it serves the 3.1 document as given.
  const specification = { document: document as unknown as StaticDocumentSpec['document'] };
  void app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifySwagger, { mode: 'static', specification });
    await scope.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
    scope.get('/openapi.json', (_request, reply) => reply.send(document));
  });
}
