# Herald: on its embedded defaults (H2 file database and ActiveMQ broker in /data), or, with
# HERALD_DB_URL and HERALD_BROKER_URL, one of several instances on PostgreSQL and an external
# broker (compose.yaml; README, "Production").
# Build the jar first: mvn package -Dherald.cds.skip=true   (the image packages target/herald.jar)
FROM eclipse-temurin:17-jre

RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system herald && useradd --system --gid herald --home-dir /data herald \
    && mkdir -p /data && chown herald:herald /data

WORKDIR /data
COPY target/herald.jar /opt/herald/herald.jar
# The JVM options (C2 only after start-up, the serial collector: measured on two cores). For a
# container with many cores or a heap of gigabytes, mount your own at /opt/herald/jvm.options, e.g.
# with -XX:+UseG1GC in place of -XX:+UseSerialGC (two collectors named at once refuse to start).
# jvm.options names its start-up compiler directive by a path relative to the repository; here
# the image's own path.
COPY server-config/jvm.options server-config/jit-startup.json /opt/herald/
RUN sed -i 's|CompilerDirectivesFile=server-config/|CompilerDirectivesFile=/opt/herald/|' /opt/herald/jvm.options \
    && grep -q 'CompilerDirectivesFile=/opt/herald/jit-startup.json' /opt/herald/jvm.options
# The class-data archive of a start (README, "Set-up"), written here by this image's own JVM: an
# archive serves only the JVM build that wrote it, so target/herald.jsa of the build machine is
# not copied. Payara Micro's warm-up deploys everything and exits; the archive is written at exit.
RUN HERALD_DATA_DIR=/tmp/warm-up HERALD_API_TOKEN=warm-up-only java @/opt/herald/jvm.options \
        -XX:ArchiveClassesAtExit=/opt/herald/herald.jsa -Xlog:cds=error -Xlog:cds+dynamic=error \
        -jar /opt/herald/herald.jar --port 28080 --autobindhttp --nohazelcast --warmup \
    && rm -rf /tmp/warm-up

ENV HERALD_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
USER herald

# Healthy means the API is mapped and database, broker and configuration are fine (204), not
# just "process is up".
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/api/v1/health || exit 1

# --nohazelcast (also built into the jar): instances share work through the database and the broker
# only; Payara Micro's own (Hazelcast) clustering would have containers on one network find each
# other for nothing. Not --nocluster: with it Payara still starts a one-member Hazelcast, and it
# overrides --nohazelcast.
ENTRYPOINT ["java", "@/opt/herald/jvm.options", "-XX:SharedArchiveFile=/opt/herald/herald.jsa", "-jar", "/opt/herald/herald.jar", "--port", "8080", "--nohazelcast"]
