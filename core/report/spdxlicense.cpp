#include "report/spdxlicense.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>

namespace bulkhead {

namespace {

const char16_t *const kListIds[] = {
#include "report/spdxlicenseids.inc"
};

bool lessCaseInsensitive(const char16_t *a, const QString &b)
{
    return QStringView(a).compare(b, Qt::CaseInsensitive) < 0;
}

QString lookupListId(const QString &id)
{
    const auto end = std::end(kListIds);
    const auto it = std::lower_bound(std::begin(kListIds), end, id, lessCaseInsensitive);
    if (it == end || QStringView(*it).compare(id, Qt::CaseInsensitive) != 0)
        return {};
    return QString::fromUtf16(*it);
}

// The licence list mixes licence ids and exception ids; exceptions end in "-exception" (or a
// version after it) or "-note". A few deprecated licence ids also end in "exception".
bool isExceptionId(const QString &canonical)
{
    if (canonical.startsWith(u"GPL-2.0-with-") || canonical.startsWith(u"GPL-3.0-with-")
        || canonical == u"CAL-1.0-Combined-Work-Exception"
        || canonical == u"MPL-2.0-no-copyleft-exception")
        return false;
    static const QRegularExpression re(QStringLiteral("-(exception|note)(-[0-9.]+|-short|-generic.*|-macro|-20\\d+)?$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(canonical).hasMatch() || canonical.contains(u"-exception-");
}

bool isIdString(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
              || u == u'.' || u == u'-'))
            return false;
    }
    return true;
}

// Recursive-descent parser for Annex D: or-expr := and-expr {OR and-expr};
// and-expr := with-expr {AND with-expr}; with-expr := primary [WITH exception];
// primary := "(" or-expr ")" | license-id ["+"] | LicenseRef-x | DocumentRef-x:LicenseRef-y.
class ExpressionParser
{
public:
    explicit ExpressionParser(const QString &text)
    {
        QString current;
        auto flush = [&] {
            if (!current.isEmpty())
                m_tokens << current;
            current.clear();
        };
        for (QChar c : text) {
            if (c.isSpace()) {
                flush();
            } else if (c == u'(' || c == u')') {
                flush();
                m_tokens << QString(c);
            } else {
                current += c;
            }
        }
        flush();
    }

    bool parse(QString *out)
    {
        if (m_tokens.isEmpty())
            return false;
        QString s;
        if (!parseOr(&s) || m_pos != m_tokens.size())
            return false;
        *out = s;
        return true;
    }

private:
    QString peek() const { return m_pos < m_tokens.size() ? m_tokens[m_pos] : QString(); }

    bool parseOr(QString *out)
    {
        if (!parseAnd(out))
            return false;
        while (peek() == u"OR") {
            ++m_pos;
            QString rhs;
            if (!parseAnd(&rhs))
                return false;
            *out += QStringLiteral(" OR ") + rhs;
        }
        return true;
    }

    bool parseAnd(QString *out)
    {
        if (!parseWith(out))
            return false;
        while (peek() == u"AND") {
            ++m_pos;
            QString rhs;
            if (!parseWith(&rhs))
                return false;
            *out += QStringLiteral(" AND ") + rhs;
        }
        return true;
    }

    bool parseWith(QString *out)
    {
        if (!parsePrimary(out))
            return false;
        if (peek() == u"WITH") {
            ++m_pos;
            const QString exception = canonicalSpdxExceptionId(peek());
            if (exception.isEmpty())
                return false;
            ++m_pos;
            *out += QStringLiteral(" WITH ") + exception;
        }
        return true;
    }

    bool parsePrimary(QString *out)
    {
        const QString t = peek();
        if (t.isEmpty() || t == u")" || t == u"AND" || t == u"OR" || t == u"WITH")
            return false;
        ++m_pos;
        if (t == u"(") {
            QString inner;
            if (!parseOr(&inner) || peek() != u")")
                return false;
            ++m_pos;
            *out = u'(' + inner + u')';
            return true;
        }
        if (t.startsWith(u"LicenseRef-") && isIdString(QStringView(t).mid(11))) {
            *out = t;
            return true;
        }
        if (t.startsWith(u"DocumentRef-")) {
            const qsizetype colon = t.indexOf(u':');
            if (colon < 0 || !isIdString(QStringView(t).mid(12, colon - 12))
                || !QStringView(t).mid(colon + 1).startsWith(u"LicenseRef-")
                || !isIdString(QStringView(t).mid(colon + 12)))
                return false;
            *out = t;
            return true;
        }
        const bool plus = t.endsWith(u'+') && t.size() > 1;
        const QString id = canonicalSpdxLicenseId(plus ? t.chopped(1) : t);
        if (id.isEmpty())
            return false;
        *out = plus ? id + u'+' : id;
        return true;
    }

    QStringList m_tokens;
    qsizetype m_pos = 0;
};

bool hasOperator(const QString &canonical)
{
    return canonical.contains(u" AND ") || canonical.contains(u" OR ");
}

QString licenseRefFor(const QString &text, QMap<QString, QString> *extracted)
{
    const QString base = QStringLiteral("LicenseRef-") + sanitizeSpdxIdString(text);
    QString ref = base;
    // Two different texts can sanitize to the same id ("GPL2+" and "GPL2-"): number the later one.
    for (int n = 2; extracted->contains(ref) && extracted->value(ref) != text; ++n)
        ref = base + u'-' + QString::number(n);
    extracted->insert(ref, text);
    return ref;
}

} // namespace

QString canonicalSpdxLicenseId(const QString &id)
{
    const QString c = lookupListId(id);
    return c.isEmpty() || isExceptionId(c) ? QString() : c;
}

QString canonicalSpdxExceptionId(const QString &id)
{
    const QString c = lookupListId(id);
    return !c.isEmpty() && isExceptionId(c) ? c : QString();
}

bool normalizeSpdxExpression(const QString &expression, QString *canonical)
{
    ExpressionParser parser(expression);
    return parser.parse(canonical);
}

QString sanitizeSpdxIdString(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text.trimmed()) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || u == u'.' || u == u'-';
        out += ok ? c : QChar(u'-');
    }
    return out.isEmpty() ? QStringLiteral("unknown") : out;
}

QStringList licenseTerms(const QStringList &licenses)
{
    QStringList terms;
    for (const QString &raw : licenses) {
        const QString entry = raw.simplified();
        if (entry.isEmpty())
            continue;
        QString canonical;
        if (normalizeSpdxExpression(entry, &canonical)) {
            terms << canonical;
            continue;
        }
        for (const QString &word : entry.split(u' ', Qt::SkipEmptyParts))
            terms << (normalizeSpdxExpression(word, &canonical) && !hasOperator(canonical) ? canonical : word);
    }
    terms.removeDuplicates();
    return terms;
}

QString spdxExpressionFromLicenses(const QStringList &licenses, QMap<QString, QString> *extracted)
{
    QStringList parts;
    for (const QString &term : licenseTerms(licenses)) {
        QString canonical;
        parts << (normalizeSpdxExpression(term, &canonical) ? canonical : licenseRefFor(term, extracted));
    }
    parts.removeDuplicates();
    if (parts.size() == 1)
        return parts.first();
    for (QString &p : parts)
        if (hasOperator(p))
            p = u'(' + p + u')';
    return parts.join(QStringLiteral(" AND "));
}

} // namespace bulkhead
