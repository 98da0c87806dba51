# Production-like image: build in the Swift image, run in a slim Debian.
FROM swift:6.2-bookworm AS build
WORKDIR /build
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
COPY sql ./sql
COPY seed ./seed
RUN swift build -c release --product seguia --static-swift-stdlib \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/seguia" /staging/ \
    && cp -R "$(swift build -c release --show-bin-path)"/*.resources /staging/

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata libcurl4 libxml2 poppler-utils \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app seguia
WORKDIR /app
COPY --from=build --chown=seguia:seguia /staging /app
USER seguia
ENV SEGUIA_HOST=0.0.0.0 SEGUIA_PORT=8080
EXPOSE 8080
ENTRYPOINT ["/app/seguia"]
CMD ["serve", "--migrate"]
