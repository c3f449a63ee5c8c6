# Slim two-stage image: build a wheel-free virtualenv, then copy it into a runtime image run by a non-root user.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
RUN pip install .

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 DATABASE_URL=sqlite:////data/interviews.db
RUN useradd --create-home --uid 10001 interviews && mkdir /data && chown interviews /data
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY --chown=interviews migrations ./migrations
COPY --chown=interviews data/samples ./data/samples
USER interviews
EXPOSE 8000
# Migrations run before the server starts; with several replicas, run `interviews migrate` once as its own step.
CMD ["sh", "-c", "interviews migrate && interviews serve --host 0.0.0.0 --port 8000"]
