#pragma once
// A Docker image reference ("nginx", "ghcr.io/org/app:1.2@sha256:..."), parsed with the grammar of
// distribution/reference (reference.go) and normalised the way the Docker CLI does.

#include "common/result.h"

#include <QString>

namespace bulkhead {

class ImageReference {
public:
    // Parses and normalises: "nginx" -> docker.io/library/nginx:latest, "user/repo" ->
    // docker.io/user/repo:latest, "localhost:5000/x" keeps its registry. A reference with a digest
    // and no tag gets no default tag. Errors name the offending part in one sentence.
    static Result<ImageReference> parse(const QString &text);

    QString registry() const { return m_registry; }      // "docker.io", "localhost:5000"
    QString repository() const { return m_repository; }  // "library/nginx"
    QString tag() const { return m_tag; }                // may be empty when a digest is given
    QString digest() const { return m_digest; }          // "sha256:..." or empty
    QString name() const { return m_registry + u'/' + m_repository; }

    // Fully qualified: registry/repository[:tag][@digest].
    QString toString() const;
    // Short form for people: "nginx", "user/repo", "localhost:5000/x" (no tag or digest).
    QString familiarName() const;
    // familiarName() plus ":tag" and "@digest" when present: "nginx:latest".
    QString familiarString() const;

    bool operator==(const ImageReference &o) const { return toString() == o.toString(); }

private:
    QString withTagAndDigest(const QString &repositoryName) const;

    QString m_registry;
    QString m_repository;
    QString m_tag;
    QString m_digest;
};

} // namespace bulkhead
