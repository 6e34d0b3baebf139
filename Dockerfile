# One image for all five services; docker-compose.yml picks the service with `tym serve <name>`.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
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
COPY tsconfig.json ./
USER node
# The service's own health: it answers once its database does (PORT, else TYM_PORT, else 4000).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || process.env.TYM_PORT || 4000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1, not npx or a shell: the runtime's SIGTERM reaches the process that drains
# requests, flushes the disclosure log and closes the database (cli/tym.ts shutdownOn).
CMD ["node", "bin/tym.js", "serve", "gateway"]
