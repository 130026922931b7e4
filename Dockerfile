# syntax=docker/dockerfile:1
# One image for every app; the command picks the app (docker-compose.yml sets it per service):
#   node dist/apps/api/src/main.js        HTTP api on PORT (default command)
#   node dist/apps/ingestor/src/main.js   Kafka consumer
#   node dist/apps/trainer/src/main.js    training job runner
#   node dist/apps/embedded/src/main.js   all-in-one, no Kafka/Redis/PostgreSQL server needed; keeps its
#                                         database in /app/.data (mount a volume there to keep it)
# Configuration comes from the environment only; .env.example lists every variable.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install everything, compile, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The sources come in before `npm ci` because its `prepare` script is the build.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
# The build compiles the WebAssembly kernels (libs/*/assembly/*.wat) with scripts/build-kernels.ts.
COPY scripts ./scripts
# @tensorflow/tfjs-node is optional: it installs where its native download succeeds (linux x64 with
# internet); elsewhere npm skips it and the apps use the pure-JS TensorFlow.js.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
# --omit=dev keeps optional dependencies (tfjs-node) that did install.
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code and production dependencies, run as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# Code stays owned by root (read-only for the app); only the embedded app's data directory is writable.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Suits the api and the embedded app (GET /health/live on PORT) with node's fetch, so no curl is needed.
# The ingestor and the trainer serve no HTTP: docker-compose.yml gives them a check of their own.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
