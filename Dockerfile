# One image for all five services; docker-compose.yml picks the service with `tym serve <name>`.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
# Only the sources: a host node_modules or .data must never reach the image.
COPY bin ./bin
COPY cli ./cli
COPY gateway ./gateway
COPY schema ./schema
COPY shared ./shared
COPY subgraphs ./subgraphs
COPY tsconfig.json ./
USER node
CMD ["npx", "tym", "serve", "gateway"]
