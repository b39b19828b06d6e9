# syntax=docker/dockerfile:1
# ZeroRun's image: the API, both web clients and the catalog. Build: docker build -t zerorun .
# Run it with compose.yaml (PostgreSQL, Redis, two workers, the dispatcher, the sweep);
# docs/operations.md is the operator's manual. tests/ops/test_image.py replays the Python
# stages' install steps (scripts/install-app) and the layout below, and serves both clients.

# The PostgreSQL client's major version: pg_dump must match the server's (compose.yaml's postgres).
ARG PG_MAJOR=16

# --- the web clients: the configurator (/configurator/) and the mini-program stub (/m/) ---
FROM node:20-bookworm-slim AS web
WORKDIR /src
# What the builds read outside their folders: the GraphQL schemas their types are generated
# from, the form elements and the demo residents (as scripts/setup-web watches).
COPY schema.graphql staff.graphql ./
COPY form_schemas/elements.json form_schemas/
COPY form_schemas/demo/residents.json form_schemas/demo/
COPY configurator/package.json configurator/package-lock.json configurator/
COPY mini_program_stub/package.json mini_program_stub/package-lock.json mini_program_stub/
RUN cd configurator && npm ci --no-audit --no-fund --loglevel=error \
    && cd ../mini_program_stub && npm ci --no-audit --no-fund --loglevel=error
COPY configurator configurator
COPY mini_program_stub mini_program_stub
RUN cd configurator && npm run --silent build \
    && cd ../mini_program_stub && npm run --silent build

# --- the Python packages: the lock's exact versions and hashes, then the project alone ---
FROM python:3.11-slim-bookworm AS python
ENV PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY scripts/install-app scripts/
COPY requirements/app.txt requirements/
RUN scripts/install-app locked /opt/venv
COPY pyproject.toml README.md ./
COPY backend backend
RUN scripts/install-app project /opt/venv /src

# --- what runs: no compilers, no npm, a user of its own ---
FROM python:3.11-slim-bookworm
ARG PG_MAJOR
# pg_dump and pg_restore for `zerorun backup` / `restore`, from PostgreSQL's own Debian
# repository (Debian's client is one major version only); its key ships with postgresql-common.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends "postgresql-client-${PG_MAJOR}" \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 zerorun \
    && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin zerorun \
    && mkdir /data && chown zerorun:zerorun /data
COPY --from=python /opt/venv /opt/venv
COPY form_schemas /app/form_schemas
COPY --from=web /src/configurator/dist /app/web/configurator
COPY --from=web /src/mini_program_stub/dist /app/web/m
# The default SQLite file (/data/zerorun.sqlite3) and the uploaded files (/data/files) live in
# the volume; with PostgreSQL only the files do. Settings.from_env reads each of these.
ENV PATH=/opt/venv/bin:$PATH
ENV ZERORUN_CATALOG=/app/form_schemas
ENV ZERORUN_WEB_DIR=/app/web
ENV ZERORUN_DATA_DIR=/data
ENV PYTHONUNBUFFERED=1
ENV PYTHONDONTWRITEBYTECODE=1
VOLUME /data
WORKDIR /data
USER 10001:10001
EXPOSE 8000
# Liveness only (no I/O): the orchestrator restarts a hung process, not one whose database is
# away; a load balancer asks /readyz. The slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=3)"]
# Set ZERORUN_SECRET_KEY, DATABASE_URL (postgres://…) and REDIS_URL; run `zerorun migrate` first
# (compose.yaml's migrate service does). Behind a proxy, set ZERORUN_FORWARDED_ALLOW_IPS.
CMD ["zerorun", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
