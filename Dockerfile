# syntax=docker/dockerfile:1
# VectorFlow server image: built with the Maven wrapper, run on a JRE as a non-root user.
#   docker build -t vectorflow-server .
#   docker run -p 127.0.0.1:8080:8080 -v vectorflow-data:/var/lib/vectorflow vectorflow-server
# Without VF_DATABASE_URL it runs the embedded PostgreSQL in the data volume; docker-compose.yml runs it with an
# external PostgreSQL. Settings are VF_* environment variables (docs/operations.md).
ARG JDK_IMAGE=eclipse-temurin:25-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25-jre-noble
ARG NODE_IMAGE=node:20-bookworm-slim

# Node 20 and npm build the web UI inside the Maven build
FROM ${NODE_IMAGE} AS node

FROM ${JDK_IMAGE} AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -q -DskipTests package \
    && mkdir -p /out/lib \
    && cp app-server/target/vectorflow-server.jar /out/ \
    && cp app-server/target/lib/*.jar /out/lib/

FROM ${JRE_IMAGE}
# curl for the health check only
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 vectorflow \
    && useradd --system --uid 10001 --gid vectorflow --home-dir /var/lib/vectorflow --shell /usr/sbin/nologin vectorflow \
    && install -d -m 0700 -o vectorflow -g vectorflow /var/lib/vectorflow
COPY --from=build /out/ /opt/vectorflow/
COPY packaging/server/vectorflow-server /opt/vectorflow/vectorflow-server
ENV VF_DATA_DIR=/var/lib/vectorflow \
    VF_HTTP_HOST=0.0.0.0 \
    VF_HTTP_PORT=8080
USER 10001:10001
VOLUME ["/var/lib/vectorflow"]
EXPOSE 8080
# ready = the database answers (the embedded PostgreSQL takes a while at the first start)
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${VF_HTTP_PORT}/api/ready" >/dev/null || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/vectorflow/vectorflow-server"]
CMD ["server"]
