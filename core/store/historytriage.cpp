// HistoryStore's triage decisions: the current decision per (vulnerability, package, scope) and
// the append-only audit trail of every change.

#include "store/historycodec.h"
#include "store/historysql.h"
#include "store/historystore.h"

#include <QSqlError>

namespace bulkhead {

using namespace history;

namespace {

TriageRecord triageFrom(const QSqlQuery &q)
{
    // vuln_id, package_name, scope, state, comment, author, changed_at, expires_at
    TriageRecord r;
    r.vulnId = q.value(0).toString();
    r.packageName = q.value(1).toString();
    r.scope = q.value(2).toString();
    parseTriageState(q.value(3).toString(), &r.state);
    r.comment = q.value(4).toString();
    r.author = q.value(5).toString();
    r.changedAt = fromText(q.value(6));
    r.expiresAt = fromText(q.value(7));
    return r;
}

} // namespace

QString triageStateName(TriageState s)
{
    switch (s) {
    case TriageState::NotAffected: return QStringLiteral("not_affected");
    case TriageState::AcceptedRisk: return QStringLiteral("accepted_risk");
    case TriageState::FalsePositive: return QStringLiteral("false_positive");
    case TriageState::Fixed: return QStringLiteral("fixed");
    case TriageState::None: break;
    }
    return QStringLiteral("none");
}

bool parseTriageState(const QString &text, TriageState *out)
{
    for (TriageState s : {TriageState::None, TriageState::NotAffected, TriageState::AcceptedRisk,
                          TriageState::FalsePositive, TriageState::Fixed}) {
        if (text == triageStateName(s)) {
            *out = s;
            return true;
        }
    }
    return false;
}

Result<TriageRecord> HistoryStore::triageFor(const QString &vulnId, const QString &packageName,
                                             const QString &repository, const QDateTime &now)
{
    // The decision for this repository wins over the one for all images.
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT vuln_id, package_name, scope, state, comment, author, changed_at,"
                                     " expires_at FROM triage WHERE vuln_id = ? AND package_name = ? AND"
                                     " scope IN (?, ?) ORDER BY scope = ? DESC LIMIT 1"),
                      {vulnId, packageName, repository, AllImagesScope, repository}, QStringLiteral("reading triage"));
    if (!q)
        return tl::unexpected(q.error());
    if (!q->next()) {
        TriageRecord none;
        none.vulnId = vulnId;
        none.packageName = packageName;
        none.scope = repository;
        return none;
    }
    TriageRecord r = triageFrom(*q);
    if (r.state == TriageState::AcceptedRisk && r.expiresAt.isValid() && r.expiresAt <= now) {
        r.state = TriageState::None;
        r.expired = true;
    }
    return r;
}

Result<TriageRecord> HistoryStore::setTriage(const TriageRecord &record)
{
    if (record.vulnId.isEmpty() || record.packageName.isEmpty())
        return fail(QStringLiteral("A triage decision needs a vulnerability id and a package name."),
                    InvalidInput);
    auto dbr = connection();
    if (!dbr)
        return tl::unexpected(dbr.error());
    QSqlDatabase db = *dbr;
    TriageRecord r = record;
    if (r.scope.isEmpty())
        r.scope = AllImagesScope;
    if (r.author.isEmpty())
        r.author = currentUserName();
    if (!r.changedAt.isValid())
        r.changedAt = QDateTime::currentDateTimeUtc();
    if (r.state != TriageState::AcceptedRisk)
        r.expiresAt = QDateTime();
    r.expired = false;

    Transaction tx(db);
    Error err;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO triage VALUES (?,?,?,?,?,?,?,?)"));
    const QVariantList values{r.vulnId, r.packageName, r.scope, triageStateName(r.state), r.comment,
                              r.author, toText(r.changedAt), toText(r.expiresAt)};
    for (const auto &v : values)
        q.addBindValue(v);
    if (!exec(q, &err, QStringLiteral("saving triage")))
        return tl::unexpected(err);
    q.prepare(QStringLiteral("INSERT INTO triage_history (vuln_id, package_name, scope, state, comment,"
                             " author, changed_at, expires_at) VALUES (?,?,?,?,?,?,?,?)"));
    for (const auto &v : values)
        q.addBindValue(v);
    if (!exec(q, &err, QStringLiteral("recording triage history")))
        return tl::unexpected(err);
    if (!tx.commit())
        return tl::unexpected(sqlError(QStringLiteral("committing triage"), db.lastError()));
    return r;
}

Result<QVector<TriageRecord>> HistoryStore::triageHistory(const QString &vulnId, const QString &packageName)
{
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT vuln_id, package_name, scope, state, comment, author, changed_at,"
                                     " expires_at FROM triage_history WHERE vuln_id = ? AND package_name = ?"
                                     " ORDER BY id"),
                      {vulnId, packageName}, QStringLiteral("reading triage history"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<TriageRecord> out;
    while (q->next())
        out.append(triageFrom(*q));
    return out;
}

} // namespace bulkhead
