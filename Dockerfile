# One image for all five services; docker-compose.yml and the Kubernetes manifests (deploy/kubernetes)
# pick the service with `tym serve <name>`. Node.js 24, a maintained LTS line; the package supports the
# versions in package.json `engines` (20.19 or later, and 24), and CI checks every dependency against them.

# Stage 1: the web app, built with the dev dependencies (Vite), which the served image does not carry. The
# build writes web/dist: the app, its silent-renewal page, and trusted-documents.json, the manifest of the
# app's operations that a production gateway accepts (gateway/plugins/trusted-documents.ts).
FROM node:24-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts here: the PGlite clusters and the patches are for the served image, not the build.
RUN npm ci --ignore-scripts && npm cache clean --force
COPY scripts/build-web.mjs ./scripts/build-web.mjs
COPY web ./web
RUN node scripts/build-web.mjs --force

# Stage 2: the services.
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
# The install applies patches/ (patch-package) and runs scripts/prepare-pglite.mjs, so both come first.
COPY patches ./patches
COPY scripts ./scripts
RUN npm ci --omit=dev && npm cache clean --force
# Only the sources (see .dockerignore too): a host node_modules or .data must never reach the image.
COPY bin ./bin
COPY cli ./cli
COPY gateway ./gateway
COPY config ./config
COPY schema ./schema
COPY shared ./shared
COPY seed ./seed
COPY subgraphs ./subgraphs
# The built web app, served at / by the gateway; its sources stay in the first stage.
COPY --from=web /app/web/dist ./web/dist
COPY tsconfig.json ./
# The migrated PGlite clusters for the embedded default (the install ran before the sources were here).
RUN node scripts/prepare-pglite.mjs
# `tym serve` keeps its operator credential in TYM_DATA_DIR (./.data by default), which the `node` user must
# be able to write; with a read-only root file system give it a writable volume instead (deploy/kubernetes).
RUN mkdir .data && chown node:node .data
USER node
# The service's own health: it answers once its database does (PORT, else TYM_PORT, else 4000).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || process.env.TYM_PORT || 4000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A young generation of up to 64 MB per semi-space, as `npm start` runs (package.json): a page of the unified
# view allocates ~20 MB, and with the default 16 MB nearly every request paid a scavenge (GC was a fifth
# of the CPU). The memory limits in deploy/kubernetes leave room for it.
ENV NODE_OPTIONS="--max-semi-space-size=64"
# node itself is PID 1, not npx or a shell: the runtime's SIGTERM reaches the process that drains
# requests, flushes the disclosure log and closes the database (cli/tym.ts shutdownOn).
CMD ["node", "bin/tym.js", "serve", "gateway"]
