# Deskbridge on Node.js 20: a thin layer over the release folder. Build the folder first, on Linux
# with the image's architecture and a glibc no newer than Debian 12's (better-sqlite3's native
# module is in it):
#
#   npm install && npm run release && docker build -t deskbridge .
#
# The image runs as the unprivileged `node` user, keeps its data (the SQLite database, the master
# key unless DESKBRIDGE_MASTER_KEY is set, the call journal) in the /data volume, and stops on
# SIGTERM after the requests in flight are answered (up to 10 seconds).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DESKBRIDGE_DATA_DIR=/data

WORKDIR /app
COPY release/deskbridge/ /app/
RUN mkdir -p /data && chown node:node /data

USER node
VOLUME ["/data"]
EXPOSE 3000
STOPSIGNAL SIGTERM
# GET /api/live answers while the process serves HTTP; it touches neither the database nor a file.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.mjs"]
