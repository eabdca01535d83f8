#pragma once
// Package URL (purl-spec, ECMA-427): building the canonical string and parsing one back.
// Contract: toString() never fails (it does not validate); build() and parse() validate and return
// an Error naming the first rule broken.

#include "common/result.h"

#include <QMap>
#include <QString>

namespace bulkhead {

struct Purl {
    QString type;
    QString ns; // namespace, segments separated by '/', unencoded
    QString name;
    QString version;
    QMap<QString, QString> qualifiers; // keys lower case; sorted by QMap
    QString subpath;

    // Canonical form: lower-case type, type-specific name normalisation, every component
    // percent-encoded except unreserved characters and ':', qualifiers sorted, empty values dropped.
    QString toString() const;
    // toString() after checking the component rules (type syntax, qualifier keys, required name,
    // type-specific requirements).
    Result<QString> build() const;
    static Result<Purl> parse(const QString &text);

    // Applies the type-specific normalisations of the registered types (deb, apk, npm, pypi,
    // github, bitbucket, ...): lower-cases what the type declares case-insensitive.
    Purl normalised() const;
    Result<void> validate() const;

    bool operator==(const Purl &o) const
    {
        return type == o.type && ns == o.ns && name == o.name && version == o.version
            && qualifiers == o.qualifiers && subpath == o.subpath;
    }
};

} // namespace bulkhead
