# syntax=docker/dockerfile:1.7
# Faultline resolution. Build from the repository root:
#   docker build -f deploy/docker/resolution.Dockerfile -t faultline/resolution .
# The build stage installs only what resolution needs and bundles it into one ESM file
# (deploy/docker/bundle.ts); the runtime stage is Node and that file, run as a non-root user.
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# The workspace's pnpm (package.json packageManager), from npm: no corepack download at build time.
RUN npm install --global pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile --filter faultline --filter "@faultline/resolution..."
# The workspace pins a glibc Node for development machines; the image runs its own (musl) Node.
RUN rm -f node_modules/.bin/node
RUN pnpm exec tsx deploy/docker/bundle.ts resolution /out

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    FAULTLINE_HTTP_HOST=0.0.0.0 \
    FAULTLINE_HTTP_PORT=8095
WORKDIR /app
# Owned by root and read-only to the service: it only reads its code (and migrations).
COPY --from=build /out/ /app/
# The node user of the official image, by number so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 8095
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8095/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "--enable-source-maps", "dist/resolution/main.mjs"]
