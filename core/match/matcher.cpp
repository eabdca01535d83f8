#include "match/matcher.h"

#include "catalog/purl.h"
#include "match/osvrange.h"
#include "version/versioncomparator.h"
#include "vulndb/cvss.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <optional>

namespace bulkhead {

namespace {

const QString kMatchStage = QStringLiteral("match");

QString languageBase(const QString &ecosystem)
{
    // OSV ecosystem names: https://ossf.github.io/osv-schema/#affectedpackage-field
    static const QHash<QString, QString> map = {
        {Ecosystem::Npm, QStringLiteral("npm")},       {Ecosystem::PyPI, QStringLiteral("PyPI")},
        {Ecosystem::Maven, QStringLiteral("Maven")},   {Ecosystem::Go, QStringLiteral("Go")},
        {Ecosystem::Cargo, QStringLiteral("crates.io")}, {Ecosystem::Gem, QStringLiteral("RubyGems")},
        {Ecosystem::Composer, QStringLiteral("Packagist")}, {Ecosystem::NuGet, QStringLiteral("NuGet")},
    };
    return map.value(ecosystem);
}

bool isOsEcosystem(const QString &ecosystem)
{
    return ecosystem == Ecosystem::Deb || ecosystem == Ecosystem::Apk || ecosystem == Ecosystem::Rpm;
}

// The OS package ecosystem each distro family's records are written for.
bool osFits(const QString &packageEcosystem, const QString &osvBase)
{
    if (packageEcosystem == Ecosystem::Deb)
        return osvBase == u"Debian" || osvBase == u"Ubuntu";
    if (packageEcosystem == Ecosystem::Apk)
        return osvBase == u"Alpine";
    return !osvBase.isEmpty() && osvBase != u"Debian" && osvBase != u"Ubuntu" && osvBase != u"Alpine";
}

// Ubuntu releases are written "Ubuntu:22.04:LTS" by osv.dev and "Ubuntu:22.04" by older data.
QString releaseKey(const QString &ecosystem)
{
    return ecosystem.endsWith(u":LTS") ? ecosystem.chopped(4) : ecosystem;
}

} // namespace

bool osvReleaseApplies(const QString &entryEcosystem, const QString &release)
{
    const QString base = ecosystemBaseOf(release);
    // An unscoped record ("Debian", "PyPI") applies to every release of its ecosystem.
    if (entryEcosystem == base || releaseKey(entryEcosystem) == releaseKey(release))
        return true;
    // Red Hat records are per product stream, a CPE without its prefix: the release's stream
    // "Red Hat:enterprise_linux:9" plus a repository ("::appstream", "::baseos", "::crb"). The
    // rpmdb does not record the repository, so every repository of the release applies; the
    // extended-support streams (rhel_eus, rhel_aus, ...) are other products and do not.
    return base == u"Red Hat" && release.count(u':') >= 2
        && entryEcosystem.startsWith(release + QStringLiteral("::"));
}

namespace {

// One way of looking a package up: its own identity, or one of its extra purls.
struct Identity {
    int package = -1;
    QString base;       // OSV ecosystem base: "Debian", "PyPI"
    QString release;    // full OSV ecosystem for distro packages ("Debian:12"), empty otherwise
    QString name;
    QString version;
    const VersionComparator *comparator = nullptr;
};

struct Hit {
    int identity = -1;
    QString vulnId;
    RangeVerdict verdict;
    QString osvEcosystem;
    QString ecosystemSpecificJson;
    QString severityJson;
};

// dpkg binNMU: "1.2-3+b1" is binary-only rebuild of source version "1.2-3" (Debian Policy 5.6.12).
QString withoutBinNmu(const QString &version)
{
    static const QRegularExpression re(QStringLiteral("\\+b\\d+$"));
    QString v = version;
    v.remove(re);
    return v;
}

std::optional<Identity> identityFor(const Package &p, const OsInfo &os, ScanWarnings *warnings,
                                    QSet<QString> *warned)
{
    auto warnOnce = [&](const QString &key, const QString &message) {
        if (warnings && !warned->contains(key)) {
            warned->insert(key);
            warnings->append({kMatchStage, QString(), message});
        }
    };
    Identity id;
    if (isOsEcosystem(p.ecosystem)) {
        const QString release = os.osvEcosystem();
        const QString base = ecosystemBaseOf(release);
        if (!osFits(p.ecosystem, base)) {
            warnOnce(QStringLiteral("os:") + p.ecosystem,
                     QStringLiteral("No advisories are available for %1 packages on %2; they were not matched.")
                         .arg(p.ecosystem, os.prettyName.isEmpty() ? (os.id.isEmpty() ? QStringLiteral("an unknown OS") : os.id)
                                                                   : os.prettyName));
            return std::nullopt;
        }
        id.base = base;
        id.release = release;
        id.name = p.effectiveSourceName();
        id.version = p.effectiveSourceVersion();
        if (p.ecosystem == Ecosystem::Deb && p.sourceVersion.isEmpty())
            id.version = withoutBinNmu(id.version);
    } else {
        id.base = languageBase(p.ecosystem);
        if (id.base.isEmpty())
            return std::nullopt;
        id.name = p.name;
        id.version = p.version;
        if (p.ecosystem == Ecosystem::Go) {
            if (p.version == u"(devel)")
                return std::nullopt; // a main module built from a checkout: no release to match
            // The Go toolchain's module is "stdlib" at "go1.21.0"; OSV writes "1.21.0".
            if (p.name == u"stdlib" && id.version.startsWith(u"go"))
                id.version = id.version.mid(2);
        }
    }
    if (id.name.isEmpty() || id.version.isEmpty())
        return std::nullopt;
    id.comparator = comparatorFor(p.ecosystem);
    if (!id.comparator)
        return std::nullopt;
    return id;
}

// A package's extra purls as packages of their own ecosystem (same layer, same version rules).
QVector<Package> extraIdentities(const Package &p)
{
    static const QHash<QString, QString> purlTypes = {
        {QStringLiteral("npm"), Ecosystem::Npm},       {QStringLiteral("pypi"), Ecosystem::PyPI},
        {QStringLiteral("maven"), Ecosystem::Maven},   {QStringLiteral("golang"), Ecosystem::Go},
        {QStringLiteral("cargo"), Ecosystem::Cargo},   {QStringLiteral("gem"), Ecosystem::Gem},
        {QStringLiteral("composer"), Ecosystem::Composer}, {QStringLiteral("nuget"), Ecosystem::NuGet},
    };
    QVector<Package> out;
    for (const QString &text : p.extraPurls) {
        auto purl = Purl::parse(text);
        if (!purl || !purlTypes.contains(purl->type))
            continue;
        Package extra;
        extra.ecosystem = purlTypes.value(purl->type);
        const QString sep = extra.ecosystem == Ecosystem::Maven ? QStringLiteral(":") : QStringLiteral("/");
        extra.name = purl->ns.isEmpty() ? purl->name : purl->ns + sep + purl->name;
        extra.version = purl->version.isEmpty() ? p.version : purl->version;
        out.append(extra);
    }
    return out;
}

// Union-find over vulnerability ids (one instance per package).
class IdGroups {
public:
    QString find(const QString &id)
    {
        QString root = id;
        while (m_parent.contains(root) && m_parent.value(root) != root)
            root = m_parent.value(root);
        m_parent.insert(id, root);
        return root;
    }
    void unite(const QString &a, const QString &b)
    {
        const QString ra = find(a), rb = find(b);
        if (ra != rb)
            m_parent.insert(qMax(ra, rb), qMin(ra, rb));
    }

private:
    QHash<QString, QString> m_parent;
};

int cvssPreference(const QString &version)
{
    // NVD-like: v3.1 first, then v3.0, v4.0 (still rare in feeds), v2.0 last.
    if (version == u"3.1")
        return 0;
    if (version == u"3.0")
        return 1;
    if (version == u"4.0")
        return 2;
    if (version == u"2.0")
        return 3;
    return 4;
}

Severity severityOfScore(const CvssScore &c)
{
    // CVSS v2 has no "Critical" band: 7.0–10.0 is High (NVD's v2 ratings).
    if (c.version == u"2.0")
        return c.baseScore >= 7.0 ? Severity::High : severityFromScore(c.baseScore);
    return severityFromScore(c.baseScore);
}

// Ids naming the same vulnerability as `rec`: its aliases (both directions), and its upstream id
// when it has exactly one ("ALPINE-CVE-2021-36159" → "CVE-2021-36159"). A record with several
// upstream ids (a DSA fixing many CVEs) bundles vulnerabilities and is not merged with them.
QStringList sameVulnerability(const VulnRecord &rec)
{
    QStringList out = rec.aliases;
    if (rec.upstream.size() == 1 && !out.contains(rec.upstream.first()))
        out << rec.upstream.first();
    return out;
}

// Picks the id shown to users: a CVE (the matched one when a matched record is a CVE record),
// else the lowest matched id.
QString primaryIdOf(const QStringList &matched, const QStringList &all)
{
    QStringList cves;
    for (const QString &id : matched)
        if (id.startsWith(u"CVE-"))
            cves << id;
    if (cves.isEmpty())
        for (const QString &id : all)
            if (id.startsWith(u"CVE-"))
                cves << id;
    std::sort(cves.begin(), cves.end());
    if (!cves.isEmpty())
        return cves.first();
    QStringList m = matched;
    std::sort(m.begin(), m.end());
    return m.first();
}

// The later of two fixed versions by the package's comparator; unparsable: keep `a`.
QString laterFix(const QString &a, const QString &b, const VersionComparator *cmp)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    const auto c = cmp->compare(a, b);
    return c && *c < 0 ? b : a;
}

QVector<CvssScore> affectedCvss(const QString &severityJson, const QString &source)
{
    QVector<CvssScore> out;
    if (severityJson.isEmpty())
        return out;
    for (const auto &v : QJsonDocument::fromJson(severityJson.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        if (o.value(u"type").toString().startsWith(u"CVSS"))
            out.append(cvss::scoreFor(o.value(u"score").toString(), source));
    }
    return out;
}

} // namespace

QString osvEcosystemBaseFor(const QString &packageEcosystem, const OsInfo &os)
{
    if (isOsEcosystem(packageEcosystem)) {
        const QString base = ecosystemBaseOf(os.osvEcosystem());
        return osFits(packageEcosystem, base) ? base : QString();
    }
    return languageBase(packageEcosystem);
}

void sortFindings(QVector<Finding> &findings)
{
    std::sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.id != b.id)
            return a.id < b.id;
        if (a.package.name != b.package.name)
            return a.package.name < b.package.name;
        if (a.package.version != b.package.version)
            return a.package.version < b.package.version;
        return a.package.foundIn < b.package.foundIn;
    });
}

Matcher::Matcher(VulnDb db)
    : m_db(std::move(db))
{
}

Result<QVector<Finding>> Matcher::match(const QVector<Package> &packages, const OsInfo &os,
                                        ScanWarnings *warnings) const
{
    // 1. Identities to look up, grouped by OSV ecosystem base.
    QSet<QString> warned;
    QVector<Identity> identities;
    // An OS package's language identity (a dpkg-owned dist-info, an rpm-owned jar) is matched
    // only where the distribution's advisories do not cover the package: distributions patch
    // their builds without changing the upstream version, so the language advisories would
    // report fixed packages. Covered = the DB holds advisories for the OS's release.
    std::optional<bool> osCovered;
    auto osAdvisoriesCover = [&]() {
        if (!osCovered) {
            osCovered = false;
            const QString release = os.osvEcosystem();
            if (!release.isEmpty()) {
                auto ecosystems = m_db.ecosystemsStartingWith(ecosystemBaseOf(release));
                if (ecosystems) {
                    for (const QString &e : *ecosystems)
                        osCovered = *osCovered || osvReleaseApplies(e, release);
                }
            }
        }
        return *osCovered;
    };
    for (int i = 0; i < packages.size(); ++i) {
        const Package &p = packages.at(i);
        if (p.metadata.value(QStringLiteral("private")) == u"true" || p.metadata.contains(kMetaNotMatchable))
            continue;
        QVector<Package> forms{p};
        if (p.ecosystem == Ecosystem::Rpm && !p.sourceName.isEmpty()) {
            // RPM advisories name binary packages (Red Hat, SUSE, Alma, Rocky) or source
            // packages (Azure Linux): look both up; hits for one record merge into one finding.
            Package binary = p;
            binary.sourceName.clear();
            binary.sourceVersion.clear();
            forms.append(binary);
        }
        if (!isOsEcosystem(p.ecosystem) || (!p.extraPurls.isEmpty() && !osAdvisoriesCover()))
            forms += extraIdentities(p);
        for (const Package &form : forms) {
            if (auto id = identityFor(form, os, warnings, &warned)) {
                id->package = i;
                identities.append(*id);
            }
        }
    }
    QHash<QString, QVector<int>> byBase;
    for (int i = 0; i < identities.size(); ++i)
        byBase[identities.at(i).base].append(i);

    // 2. One bulk query per ecosystem, then in-memory range evaluation.
    QVector<Hit> hits;
    QSet<QString> hitIds;
    QStringList bases = byBase.keys();
    std::sort(bases.begin(), bases.end());
    for (const QString &base : bases) {
        const QVector<int> &members = byBase.value(base);
        QStringList names;
        for (int i : members)
            names << identities.at(i).name;
        names.removeDuplicates();
        auto entries = m_db.affectedForMany(base, names, AffectedDetail::Matching);
        if (!entries)
            return tl::unexpected(entries.error());
        for (int i : members) {
            const Identity &id = identities.at(i);
            const auto found = entries->constFind(normalizePackageName(base, id.name));
            if (found == entries->constEnd())
                continue;
            const VersionComparator *cmp = id.comparator;
            const VersionCompare compare = [cmp](const QString &a, const QString &b) { return cmp->compare(a, b); };
            QString firstError;
            for (const AffectedEntry &entry : *found) {
                // A release-scoped record applies to that release only; an unscoped one to all.
                if (!id.release.isEmpty() && !osvReleaseApplies(entry.ecosystem, id.release))
                    continue;
                RangeVerdict verdict = evaluateOsvAffected(entry.ranges, entry.versions, id.version, compare);
                if (!verdict.error.isEmpty() && firstError.isEmpty())
                    firstError = verdict.error;
                if (!verdict.affected)
                    continue;
                hits.append({i, entry.vulnId, verdict, entry.ecosystem, entry.ecosystemSpecificJson, entry.severityJson});
                hitIds.insert(entry.vulnId);
            }
            if (!firstError.isEmpty() && warnings) {
                const Package &p = packages.at(id.package);
                warnings->append({kMatchStage, p.foundIn,
                                  QStringLiteral("Some advisories for %1 %2 could not be evaluated: %3")
                                      .arg(id.name, id.version, firstError)});
            }
        }
    }

    // 3. The matched records (without affected[]) in one query; withdrawn ones do not count.
    auto records = m_db.vulnerabilities(QStringList(hitIds.begin(), hitIds.end()));
    if (!records)
        return tl::unexpected(records.error());

    // 4. One finding per (package, alias group).
    const VulnRecord none;
    auto recordOf = [&records, &none](const QString &id) -> const VulnRecord & {
        const auto it = records->constFind(id);
        return it == records->constEnd() ? none : *it;
    };
    QHash<int, QVector<int>> hitsByPackage;
    for (int h = 0; h < hits.size(); ++h) {
        const VulnRecord &rec = recordOf(hits.at(h).vulnId);
        if (rec.id.isEmpty() || rec.isWithdrawn())
            continue;
        hitsByPackage[identities.at(hits.at(h).identity).package].append(h);
    }
    QVector<Finding> findings;
    findings.reserve(hits.size());   // at most one per hit; growing moved every Finding again
    QList<int> packageIndices = hitsByPackage.keys();
    std::sort(packageIndices.begin(), packageIndices.end());
    for (int pi : packageIndices) {
        const QVector<int> &pkgHits = hitsByPackage.value(pi);
        IdGroups groups;
        for (int h : pkgHits) {
            const QString &vid = hits.at(h).vulnId;
            groups.find(vid);
            for (const QString &alias : sameVulnerability(recordOf(vid)))
                groups.unite(vid, alias);
        }
        QMap<QString, QVector<int>> hitsByGroup; // QMap: deterministic order
        for (int h : pkgHits)
            hitsByGroup[groups.find(hits.at(h).vulnId)].append(h);

        for (auto g = hitsByGroup.cbegin(); g != hitsByGroup.cend(); ++g) {
            const QVector<int> &groupHits = g.value();
            const VersionComparator *cmp = identities.at(hits.at(groupHits.first()).identity).comparator;
            QStringList matchedIds, allIds;
            QString fixed;
            QString rangeText, ecosystem;
            QVector<CvssScore> scores;
            QStringList recordSeverities, distroSeverities;
            for (int h : groupHits) {
                const Hit &hit = hits.at(h);
                if (!matchedIds.contains(hit.vulnId))
                    matchedIds << hit.vulnId;
                allIds << hit.vulnId << sameVulnerability(recordOf(hit.vulnId));
                // Each matching entry is fixed by its range's next "fixed"; all of them must be.
                fixed = laterFix(fixed, hit.verdict.fixedVersion, cmp);
                if (rangeText.isEmpty()) {
                    rangeText = hit.verdict.rangeText;
                    ecosystem = hit.osvEcosystem;
                }
                scores += affectedCvss(hit.severityJson, hit.vulnId);
                const QJsonObject ecosystemSpecific = hit.ecosystemSpecificJson.isEmpty()
                    ? QJsonObject() : QJsonDocument::fromJson(hit.ecosystemSpecificJson.toUtf8()).object();
                for (const char *key : {"severity", "urgency"}) {
                    const QString text = ecosystemSpecific.value(QLatin1String(key)).toString();
                    if (!text.isEmpty())
                        distroSeverities << text;
                }
            }
            allIds.removeDuplicates();
            std::sort(matchedIds.begin(), matchedIds.end());

            Finding f;
            f.id = primaryIdOf(matchedIds, allIds);
            for (const QString &id : allIds)
                if (id != f.id)
                    f.aliases << id;
            std::sort(f.aliases.begin(), f.aliases.end());
            f.package = packages.at(pi);
            f.affectedRange = rangeText;
            f.dataSource = ecosystem;

            // The record named like the finding first, then the other matched ones.
            QStringList order = matchedIds;
            if (order.removeOne(f.id))
                order.prepend(f.id);
            QSet<QString> vectors;
            for (const QString &id : order) {
                const VulnRecord &rec = recordOf(id);
                if (f.summary.isEmpty())
                    f.summary = rec.summary;
                if (f.details.isEmpty())
                    f.details = rec.details;
                if (f.published.isEmpty())
                    f.published = rec.published;
                if (f.modified.isEmpty() || rec.modified > f.modified)
                    f.modified = rec.modified;
                if (!rec.source.isEmpty() && !f.dataSource.contains(rec.source))
                    f.dataSource += (f.dataSource.isEmpty() ? QString() : QStringLiteral(" / ")) + rec.source;
                scores += rec.cvss;
                if (!rec.severity.isEmpty())
                    recordSeverities << rec.severity;
                for (const auto &ref : rec.references)
                    if (!f.references.contains(ref.url))
                        f.references << ref.url;
                for (const auto &cwe : rec.databaseSpecific.value(u"cwe_ids").toArray())
                    if (!f.cwes.contains(cwe.toString()))
                        f.cwes << cwe.toString();
            }
            for (const CvssScore &c : scores) {
                if (vectors.contains(c.vector))
                    continue;
                vectors.insert(c.vector);
                f.cvss.append(c);
            }

            // Severity: preferred CVSS version, highest score in it; then record; then distro.
            const CvssScore *best = nullptr;
            for (const CvssScore &c : f.cvss) {
                if (c.baseScore < 0)
                    continue;
                if (!best || cvssPreference(c.version) < cvssPreference(best->version)
                    || (cvssPreference(c.version) == cvssPreference(best->version) && c.baseScore > best->baseScore))
                    best = &c;
            }
            Severity s = Severity::Unknown;
            if (best && severityOfScore(*best) != Severity::Unknown) {
                f.severity = severityOfScore(*best);
                f.severitySource = QStringLiteral("cvss");
            } else if (std::any_of(recordSeverities.cbegin(), recordSeverities.cend(),
                                   [&s](const QString &t) { return parseSeverity(t, &s) && s != Severity::Unknown; })) {
                f.severity = s;
                f.severitySource = QStringLiteral("record");
            } else if (std::any_of(distroSeverities.cbegin(), distroSeverities.cend(), [&s](QString t) {
                           t.remove(u'*'); // Debian writes "low**" for an unconfirmed rating
                           return parseSeverity(t, &s) && s != Severity::Unknown;
                       })) {
                f.severity = s;
                f.severitySource = QStringLiteral("distro");
            }

            f.fixedVersion = fixed;
            f.fixState = f.fixedVersion.isEmpty() ? FixState::NotFixed : FixState::Fixed;
            findings.append(std::move(f));
        }
    }

    // 5. KEV and EPSS through the CVE id or any alias, in two bulk queries.
    QStringList cves;
    for (const Finding &f : findings) {
        if (f.id.startsWith(u"CVE-"))
            cves << f.id;
        for (const QString &a : f.aliases)
            if (a.startsWith(u"CVE-"))
                cves << a;
    }
    cves.removeDuplicates();
    auto kev = m_db.kevMany(cves);
    if (!kev)
        return tl::unexpected(kev.error());
    auto epss = m_db.epssMany(cves);
    if (!epss)
        return tl::unexpected(epss.error());
    for (Finding &f : findings) {
        const QStringList ids = QStringList{f.id} + f.aliases;
        for (const QString &id : ids) {
            if (!f.kev && kev->contains(id)) {
                const KevEntry &k = kev->value(id);
                f.kev = true;
                f.kevDateAdded = k.dateAdded;
                f.kevDueDate = k.dueDate;
                f.kevRansomware = k.ransomware;
            }
            if (f.epss < 0 && epss->contains(id)) {
                f.epss = epss->value(id).score;
                f.epssPercentile = epss->value(id).percentile;
            }
        }
    }
    sortFindings(findings);
    return findings;
}

} // namespace bulkhead
