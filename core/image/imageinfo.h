#pragma once
// What Bulkhead knows about one image once its manifest and config are read (OCI image spec:
// manifest.md, config.md). Plain value types: safe to copy across threads and to cache.

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace bulkhead {

struct Platform {
    QString os;            // "linux"
    QString architecture;  // GOARCH values: "amd64", "arm64", ...
    QString variant;       // "v8", may be empty

    static Platform host();
    // Parses "os/arch[/variant]" or "arch"; empty optional on bad syntax.
    static bool parse(const QString &text, Platform *out);
    QString toString() const;
    bool isEmpty() const { return os.isEmpty() && architecture.isEmpty(); }
    // OCI image-index platform matching: os and architecture equal, variant equal when both set.
    bool matches(const Platform &candidate) const;
    bool operator==(const Platform &o) const
    {
        return os == o.os && architecture == o.architecture && variant == o.variant;
    }
};

// One entry of config.history (OCI image spec config.md "history").
struct HistoryEntry {
    QString created;
    QString createdBy;   // the Dockerfile instruction, e.g. "RUN /bin/sh -c apt-get install ..."
    QString author;
    QString comment;
    bool emptyLayer = false;
};

// The parts of the image config that users and policy checks look at.
struct ImageConfig {
    QString created;
    QString author;
    Platform platform;
    QString user;
    QStringList env;
    QStringList entrypoint;
    QStringList cmd;
    QString workingDir;
    QStringList exposedPorts;
    QStringList volumes;
    QMap<QString, QString> labels;
    QString stopSignal;
    QStringList healthcheck;     // Healthcheck.Test; empty when none
    QStringList diffIds;         // rootfs.diff_ids, in order
    QVector<HistoryEntry> history;
};

// One filesystem layer, in order (index 0 is the base).
struct LayerInfo {
    int index = -1;
    QString digest;              // digest of the blob as stored (compressed), "sha256:..."
    QString diffId;              // digest of the uncompressed tar (config rootfs.diff_ids)
    QString mediaType;           // as declared by the manifest (may be empty for docker-archive)
    qint64 size = -1;            // stored size in bytes (-1 unknown)
    QString createdBy;           // history entry that produced this layer (non-empty ones, in order)
    QString created;
    QString comment;
};

struct ImageInfo {
    QString reference;           // what the user asked for, e.g. "oci:/path:app" or a registry ref
    QString sourceKind;          // "docker-archive", "oci", "oci-archive", "docker", "podman", "registry", "sbom"
    QStringList repoTags;        // names known to the source
    // How the image was chosen when the source holds several (tag, platform, position), e.g.
    // "image 2 of 2 in manifest.json (alpine:3.11)"; empty when there was no choice.
    QString selection;
    QString manifestDigest;      // digest of the manifest blob when known
    QString indexDigest;         // digest of the index / manifest list it was selected from, if any
    QString configDigest;        // "sha256:..." (the image ID)
    QString manifestMediaType;
    ImageConfig config;
    QVector<LayerInfo> layers;
    qint64 totalSize() const
    {
        qint64 s = 0;
        for (const auto &l : layers)
            s += l.size > 0 ? l.size : 0;
        return s;
    }
};

} // namespace bulkhead
