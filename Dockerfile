# syntax=docker/dockerfile:1
FROM python:3.11-slim AS build
WORKDIR /src
COPY requirements/app.txt ./requirements/
# The exact versions and hashes of the lock (scripts/lock), then the project itself.
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --require-hashes -r requirements/app.txt
COPY pyproject.toml README.md ./
COPY backend ./backend
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 zerorun
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY form_schemas ./form_schemas
ENV PATH=/opt/venv/bin:$PATH \
    ZERORUN_CATALOG=/app/form_schemas \
    PYTHONUNBUFFERED=1
USER zerorun
EXPOSE 8000
# Set DATABASE_URL (postgres://…), REDIS_URL and ZERORUN_SECRET_KEY; run `zerorun migrate` once.
CMD ["zerorun", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
