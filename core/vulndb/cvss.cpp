#include "vulndb/cvss.h"

#include <QHash>
#include <QStringList>
#include <cmath>

namespace bulkhead::cvss {

namespace {

using Metrics = QHash<QString, QString>;

// Splits "CVSS:3.1/AV:N/..." into metric → value; duplicate or malformed parts are errors
// (CVSS v3.1 spec §6: each metric appears at most once).
Result<Metrics> splitVector(const QString &vector, bool skipPrefix)
{
    Metrics m;
    const QStringList parts = vector.trimmed().split(u'/', Qt::SkipEmptyParts);
    for (int i = skipPrefix ? 1 : 0; i < parts.size(); ++i) {
        const int colon = parts[i].indexOf(u':');
        if (colon <= 0 || colon == parts[i].size() - 1)
            return fail(QStringLiteral("Malformed CVSS vector '%1'.").arg(vector), InvalidInput);
        const QString key = parts[i].left(colon);
        if (m.contains(key))
            return fail(QStringLiteral("CVSS vector '%1' repeats metric %2.").arg(vector, key), InvalidInput);
        m.insert(key, parts[i].mid(colon + 1));
    }
    return m;
}

// Looks up metric `key` in `table`; missing mandatory metric or unknown value → error.
bool weight(const Metrics &m, const QString &key, const QHash<QString, double> &table, double *out)
{
    const auto it = m.constFind(key);
    if (it == m.constEnd())
        return false;
    const auto w = table.constFind(*it);
    if (w == table.constEnd())
        return false;
    *out = *w;
    return true;
}

Error badVector(const QString &vector)
{
    return Error{QStringLiteral("Invalid or incomplete CVSS vector '%1'.").arg(vector), InvalidInput};
}

// CVSS v3.1 specification, Appendix A: Roundup avoids floating-point artefacts by working on
// integers scaled by 100,000.
double roundUp31(double value)
{
    const long long intInput = std::llround(value * 100000.0);
    if (intInput % 10000 == 0)
        return intInput / 100000.0;
    return (std::floor(intInput / 10000.0) + 1) / 10.0;
}

// CVSS v3.0 §7.4 defines Roundup as the smallest one-decimal number >= the input.
double roundUp30(double value)
{
    return std::ceil(value * 10.0 - 1e-9) / 10.0;
}

Result<double> score3(const QString &vector, bool v31)
{
    auto parsed = splitVector(vector, true);
    if (!parsed)
        return tl::unexpected(parsed.error());
    const Metrics &m = *parsed;
    // CVSS v3.1 specification §7.4, Table 16 (metric weights).
    static const QHash<QString, double> av{{QStringLiteral("N"), 0.85}, {QStringLiteral("A"), 0.62},
                                           {QStringLiteral("L"), 0.55}, {QStringLiteral("P"), 0.2}};
    static const QHash<QString, double> ac{{QStringLiteral("L"), 0.77}, {QStringLiteral("H"), 0.44}};
    static const QHash<QString, double> ui{{QStringLiteral("N"), 0.85}, {QStringLiteral("R"), 0.62}};
    static const QHash<QString, double> cia{{QStringLiteral("H"), 0.56}, {QStringLiteral("L"), 0.22},
                                            {QStringLiteral("N"), 0.0}};
    const QString scope = m.value(QStringLiteral("S"));
    if (scope != u"U" && scope != u"C")
        return tl::unexpected(badVector(vector));
    const bool changed = scope == u"C";
    const QHash<QString, double> pr{{QStringLiteral("N"), 0.85},
                                    {QStringLiteral("L"), changed ? 0.68 : 0.62},
                                    {QStringLiteral("H"), changed ? 0.5 : 0.27}};
    double wAv, wAc, wPr, wUi, wC, wI, wA;
    if (!weight(m, QStringLiteral("AV"), av, &wAv) || !weight(m, QStringLiteral("AC"), ac, &wAc)
        || !weight(m, QStringLiteral("PR"), pr, &wPr) || !weight(m, QStringLiteral("UI"), ui, &wUi)
        || !weight(m, QStringLiteral("C"), cia, &wC) || !weight(m, QStringLiteral("I"), cia, &wI)
        || !weight(m, QStringLiteral("A"), cia, &wA))
        return tl::unexpected(badVector(vector));

    // §7.1 base metrics equations.
    const double iss = 1 - ((1 - wC) * (1 - wI) * (1 - wA));
    const double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
    const double exploitability = 8.22 * wAv * wAc * wPr * wUi;
    if (impact <= 0)
        return 0.0;
    const auto roundUp = v31 ? roundUp31 : roundUp30;
    if (changed)
        return roundUp(std::min(1.08 * (impact + exploitability), 10.0));
    return roundUp(std::min(impact + exploitability, 10.0));
}

Result<double> score2(const QString &vector)
{
    QString body = vector.trimmed();
    if (body.startsWith(QStringLiteral("(")) && body.endsWith(QStringLiteral(")")))
        body = body.mid(1, body.size() - 2);
    auto parsed = splitVector(body, body.startsWith(QStringLiteral("CVSS:2.0/")));
    if (!parsed)
        return tl::unexpected(parsed.error());
    const Metrics &m = *parsed;
    // CVSS v2 guide §3.2.1 (base equation) and §3.2.1 weight tables.
    static const QHash<QString, double> av{{QStringLiteral("L"), 0.395}, {QStringLiteral("A"), 0.646},
                                           {QStringLiteral("N"), 1.0}};
    static const QHash<QString, double> ac{{QStringLiteral("H"), 0.35}, {QStringLiteral("M"), 0.61},
                                           {QStringLiteral("L"), 0.71}};
    static const QHash<QString, double> au{{QStringLiteral("M"), 0.45}, {QStringLiteral("S"), 0.56},
                                           {QStringLiteral("N"), 0.704}};
    static const QHash<QString, double> cia{{QStringLiteral("N"), 0.0}, {QStringLiteral("P"), 0.275},
                                            {QStringLiteral("C"), 0.660}};
    double wAv, wAc, wAu, wC, wI, wA;
    if (!weight(m, QStringLiteral("AV"), av, &wAv) || !weight(m, QStringLiteral("AC"), ac, &wAc)
        || !weight(m, QStringLiteral("Au"), au, &wAu) || !weight(m, QStringLiteral("C"), cia, &wC)
        || !weight(m, QStringLiteral("I"), cia, &wI) || !weight(m, QStringLiteral("A"), cia, &wA))
        return tl::unexpected(badVector(vector));
    const double impact = 10.41 * (1 - (1 - wC) * (1 - wI) * (1 - wA));
    const double exploitability = 20 * wAv * wAc * wAu;
    const double fImpact = impact == 0 ? 0 : 1.176;
    const double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * fImpact;
    // v2 rounds to one decimal (round half up).
    return std::floor(base * 10.0 + 0.5 + 1e-9) / 10.0;
}

// ---- CVSS v4.0 (specification §8.2 "CVSS v4.0 Scoring"): MacroVector lookup + interpolation ----

// Scores of the 270 MacroVectors (EQ1..EQ6 digits), from the FIRST CVSS v4.0 calculator's
// official lookup table (cvss_lookup.js).
const QHash<QString, double> &v4Lookup()
{
    static const QHash<QString, double> table = [] {
        static const struct { const char *mv; double score; } rows[] = {
#include "vulndb/cvss4lookup.inc"
        };
        QHash<QString, double> t;
        for (const auto &r : rows)
            t.insert(QString::fromLatin1(r.mv), r.score);
        return t;
    }();
    return table;
}

struct V4 {
    Metrics m;
    // Effective value per the calculator's rules: modified metrics override base ones; E:X → A,
    // CR/IR/AR:X → H (spec §8.2: "not defined" takes the worst case).
    QString get(const QString &key) const
    {
        const QString sel = m.value(key, QStringLiteral("X"));
        if (key == u"E" && sel == u"X")
            return QStringLiteral("A");
        if ((key == u"CR" || key == u"IR" || key == u"AR") && sel == u"X")
            return QStringLiteral("H");
        const QString mod = m.value(u'M' + key, QStringLiteral("X"));
        if (mod != u"X")
            return mod;
        return sel;
    }
};

QString v4MacroVector(const V4 &v)
{
    auto g = [&v](const char *k) { return v.get(QString::fromLatin1(k)); };
    int eq1, eq2, eq3, eq4, eq5, eq6;
    const bool avN = g("AV") == u"N", prN = g("PR") == u"N", uiN = g("UI") == u"N";
    if (avN && prN && uiN)
        eq1 = 0;
    else if ((avN || prN || uiN) && g("AV") != u"P")
        eq1 = 1;
    else
        eq1 = 2;
    eq2 = (g("AC") == u"L" && g("AT") == u"N") ? 0 : 1;
    const bool vcH = g("VC") == u"H", viH = g("VI") == u"H", vaH = g("VA") == u"H";
    if (vcH && viH)
        eq3 = 0;
    else if (vcH || viH || vaH)
        eq3 = 1;
    else
        eq3 = 2;
    if (g("MSI") == u"S" || g("MSA") == u"S")
        eq4 = 0;
    else if (g("SC") == u"H" || g("SI") == u"H" || g("SA") == u"H")
        eq4 = 1;
    else
        eq4 = 2;
    const QString e = g("E");
    eq5 = e == u"A" ? 0 : (e == u"P" ? 1 : 2);
    eq6 = ((g("CR") == u"H" && vcH) || (g("IR") == u"H" && viH) || (g("AR") == u"H" && vaH)) ? 0 : 1;
    return QStringLiteral("%1%2%3%4%5%6").arg(eq1).arg(eq2).arg(eq3).arg(eq4).arg(eq5).arg(eq6);
}

// Highest-severity vectors of each EQ level (calculator's max_composed table).
QStringList maxComposed(int eq, int level, int eq6)
{
    auto L = [](std::initializer_list<const char *> l) {
        QStringList out;
        for (const char *s : l)
            out << QString::fromLatin1(s);
        return out;
    };
    switch (eq) {
    case 1:
        if (level == 0) return L({"AV:N/PR:N/UI:N/"});
        if (level == 1) return L({"AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"});
        return L({"AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"});
    case 2:
        if (level == 0) return L({"AC:L/AT:N/"});
        return L({"AC:H/AT:N/", "AC:L/AT:P/"});
    case 3:
        if (level == 0 && eq6 == 0) return L({"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"});
        if (level == 0) return L({"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"});
        if (level == 1 && eq6 == 0) return L({"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"});
        if (level == 1)
            return L({"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/",
                      "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/",
                      "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/"});
        if (level == 2 && eq6 == 1) return L({"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"});
        return {};
    case 4:
        if (level == 0) return L({"SC:H/SI:S/SA:S/"});
        if (level == 1) return L({"SC:H/SI:H/SA:H/"});
        return L({"SC:L/SI:L/SA:L/"});
    case 5:
        if (level == 0) return L({"E:A/"});
        if (level == 1) return L({"E:P/"});
        return L({"E:U/"});
    }
    return {};
}

// Depth of each MacroVector in severity-distance steps (calculator's max_severity table).
double maxSeverity(int eq, int level, int eq6)
{
    switch (eq) {
    case 1: return (level == 0 ? 1 : level == 1 ? 4 : 5) * 0.1;
    case 2: return (level == 0 ? 1 : 2) * 0.1;
    case 3:
        if (level == 0) return (eq6 == 0 ? 7 : 6) * 0.1;
        if (level == 1) return 8 * 0.1;
        return 10 * 0.1;
    case 4: return (level == 0 ? 6 : level == 1 ? 5 : 4) * 0.1;
    }
    return 0.1;
}

double level4(const QString &metric, const QString &value)
{
    static const QHash<QString, QHash<QString, double>> levels = {
        {QStringLiteral("AV"), {{QStringLiteral("N"), 0.0}, {QStringLiteral("A"), 0.1}, {QStringLiteral("L"), 0.2}, {QStringLiteral("P"), 0.3}}},
        {QStringLiteral("PR"), {{QStringLiteral("N"), 0.0}, {QStringLiteral("L"), 0.1}, {QStringLiteral("H"), 0.2}}},
        {QStringLiteral("UI"), {{QStringLiteral("N"), 0.0}, {QStringLiteral("P"), 0.1}, {QStringLiteral("A"), 0.2}}},
        {QStringLiteral("AC"), {{QStringLiteral("L"), 0.0}, {QStringLiteral("H"), 0.1}}},
        {QStringLiteral("AT"), {{QStringLiteral("N"), 0.0}, {QStringLiteral("P"), 0.1}}},
        {QStringLiteral("VC"), {{QStringLiteral("H"), 0.0}, {QStringLiteral("L"), 0.1}, {QStringLiteral("N"), 0.2}}},
        {QStringLiteral("VI"), {{QStringLiteral("H"), 0.0}, {QStringLiteral("L"), 0.1}, {QStringLiteral("N"), 0.2}}},
        {QStringLiteral("VA"), {{QStringLiteral("H"), 0.0}, {QStringLiteral("L"), 0.1}, {QStringLiteral("N"), 0.2}}},
        {QStringLiteral("SC"), {{QStringLiteral("H"), 0.1}, {QStringLiteral("L"), 0.2}, {QStringLiteral("N"), 0.3}}},
        {QStringLiteral("SI"), {{QStringLiteral("S"), 0.0}, {QStringLiteral("H"), 0.1}, {QStringLiteral("L"), 0.2}, {QStringLiteral("N"), 0.3}}},
        {QStringLiteral("SA"), {{QStringLiteral("S"), 0.0}, {QStringLiteral("H"), 0.1}, {QStringLiteral("L"), 0.2}, {QStringLiteral("N"), 0.3}}},
        {QStringLiteral("CR"), {{QStringLiteral("H"), 0.0}, {QStringLiteral("M"), 0.1}, {QStringLiteral("L"), 0.2}}},
        {QStringLiteral("IR"), {{QStringLiteral("H"), 0.0}, {QStringLiteral("M"), 0.1}, {QStringLiteral("L"), 0.2}}},
        {QStringLiteral("AR"), {{QStringLiteral("H"), 0.0}, {QStringLiteral("M"), 0.1}, {QStringLiteral("L"), 0.2}}},
    };
    return levels.value(metric).value(value, 0.0);
}

Result<double> score4(const QString &vector)
{
    auto parsed = splitVector(vector, true);
    if (!parsed)
        return tl::unexpected(parsed.error());
    V4 v{*parsed};
    // §7 Base metrics are mandatory; values are checked against the spec's allowed sets.
    static const QHash<QString, QStringList> allowed = {
        {QStringLiteral("AV"), {QStringLiteral("N"), QStringLiteral("A"), QStringLiteral("L"), QStringLiteral("P")}},
        {QStringLiteral("AC"), {QStringLiteral("L"), QStringLiteral("H")}},
        {QStringLiteral("AT"), {QStringLiteral("N"), QStringLiteral("P")}},
        {QStringLiteral("PR"), {QStringLiteral("N"), QStringLiteral("L"), QStringLiteral("H")}},
        {QStringLiteral("UI"), {QStringLiteral("N"), QStringLiteral("P"), QStringLiteral("A")}},
        {QStringLiteral("VC"), {QStringLiteral("H"), QStringLiteral("L"), QStringLiteral("N")}},
        {QStringLiteral("VI"), {QStringLiteral("H"), QStringLiteral("L"), QStringLiteral("N")}},
        {QStringLiteral("VA"), {QStringLiteral("H"), QStringLiteral("L"), QStringLiteral("N")}},
        {QStringLiteral("SC"), {QStringLiteral("H"), QStringLiteral("L"), QStringLiteral("N")}},
        {QStringLiteral("SI"), {QStringLiteral("H"), QStringLiteral("L"), QStringLiteral("N")}},
        {QStringLiteral("SA"), {QStringLiteral("H"), QStringLiteral("L"), QStringLiteral("N")}},
    };
    for (auto it = allowed.cbegin(); it != allowed.cend(); ++it)
        if (!it.value().contains(v.m.value(it.key())))
            return tl::unexpected(badVector(vector));

    static const char *const impactMetrics[] = {"VC", "VI", "VA", "SC", "SI", "SA"};
    bool allNone = true;
    for (const char *k : impactMetrics)
        allNone = allNone && v.get(QString::fromLatin1(k)) == u"N";
    if (allNone)
        return 0.0;

    const QString mv = v4MacroVector(v);
    const auto &lookup = v4Lookup();
    const double value = lookup.value(mv, -1);
    if (value < 0)
        return tl::unexpected(badVector(vector));
    const int eq[6] = {mv[0].digitValue(), mv[1].digitValue(), mv[2].digitValue(),
                       mv[3].digitValue(), mv[4].digitValue(), mv[5].digitValue()};
    auto macro = [](int a, int b, int c, int d, int e, int f) {
        return QStringLiteral("%1%2%3%4%5%6").arg(a).arg(b).arg(c).arg(d).arg(e).arg(f);
    };
    auto scoreOf = [&lookup](const QString &key) { return lookup.value(key, std::nan("")); };

    // Next lower MacroVector per EQ; EQ3 and EQ6 move together (spec §8.2, calculator logic).
    const double lowerEq1 = scoreOf(macro(eq[0] + 1, eq[1], eq[2], eq[3], eq[4], eq[5]));
    const double lowerEq2 = scoreOf(macro(eq[0], eq[1] + 1, eq[2], eq[3], eq[4], eq[5]));
    double lowerEq3Eq6;
    if (eq[2] == 0 && eq[5] == 0) {
        const double left = scoreOf(macro(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5] + 1));
        const double right = scoreOf(macro(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]));
        lowerEq3Eq6 = left > right ? left : right;
    } else if (eq[2] == 1 && eq[5] == 0) {
        lowerEq3Eq6 = scoreOf(macro(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5] + 1));
    } else if (eq[2] == 2 && eq[5] == 1) {
        lowerEq3Eq6 = std::nan(""); // "21 → 32" does not exist
    } else {
        lowerEq3Eq6 = scoreOf(macro(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]));
    }
    const double lowerEq4 = scoreOf(macro(eq[0], eq[1], eq[2], eq[3] + 1, eq[4], eq[5]));
    const double lowerEq5 = scoreOf(macro(eq[0], eq[1], eq[2], eq[3], eq[4] + 1, eq[5]));

    // Severity distance from the first highest-severity vector of the MacroVector that the
    // scored vector does not exceed.
    static const char *const distanceMetrics[] = {"AV", "PR", "UI", "AC", "AT", "VC", "VI",
                                                  "VA", "SC", "SI", "SA", "CR", "IR", "AR"};
    QHash<QString, double> dist;
    const QStringList m1 = maxComposed(1, eq[0], 0), m2 = maxComposed(2, eq[1], 0),
                      m3 = maxComposed(3, eq[2], eq[5]), m4 = maxComposed(4, eq[3], 0),
                      m5 = maxComposed(5, eq[4], 0);
    bool done = false;
    for (const QString &a : m1) {
        for (const QString &b : m2) {
            for (const QString &c : m3) {
                for (const QString &d : m4) {
                    for (const QString &e : m5) {
                        if (done)
                            break;
                        Metrics maxM;
                        for (const QString &part : QString(a + b + c + d + e).split(u'/', Qt::SkipEmptyParts))
                            maxM.insert(part.section(u':', 0, 0), part.section(u':', 1));
                        bool ok = true;
                        dist.clear();
                        for (const char *k : distanceMetrics) {
                            const QString key = QString::fromLatin1(k);
                            const double d0 = level4(key, v.get(key)) - level4(key, maxM.value(key));
                            dist.insert(key, d0);
                            if (d0 < 0)
                                ok = false;
                        }
                        done = ok;
                    }
                }
            }
        }
    }
    auto D = [&dist](const char *k) { return dist.value(QString::fromLatin1(k)); };
    const double cur1 = D("AV") + D("PR") + D("UI");
    const double cur2 = D("AC") + D("AT");
    const double cur36 = D("VC") + D("VI") + D("VA") + D("CR") + D("IR") + D("AR");
    const double cur4 = D("SC") + D("SI") + D("SA");

    int existing = 0;
    double sum = 0;
    auto add = [&](double lower, double current, double depth) {
        if (std::isnan(lower))
            return;
        ++existing;
        sum += (value - lower) * (current / depth);
    };
    add(lowerEq1, cur1, maxSeverity(1, eq[0], 0));
    add(lowerEq2, cur2, maxSeverity(2, eq[1], 0));
    add(lowerEq3Eq6, cur36, maxSeverity(3, eq[2], eq[5]));
    add(lowerEq4, cur4, maxSeverity(4, eq[3], 0));
    add(lowerEq5, 0, 1); // EQ5 has no intra-MacroVector distance
    double result = value - (existing ? sum / existing : 0);
    result = std::clamp(result, 0.0, 10.0);
    // Round half up to one decimal; the epsilon absorbs binary artefacts like 4.35 → 4.3499….
    return std::floor(result * 10.0 + 0.5 + 1e-9) / 10.0;
}

} // namespace

QString versionOf(const QString &vector)
{
    const QString v = vector.trimmed();
    if (v.startsWith(QStringLiteral("CVSS:3.1/")))
        return QStringLiteral("3.1");
    if (v.startsWith(QStringLiteral("CVSS:3.0/")))
        return QStringLiteral("3.0");
    if (v.startsWith(QStringLiteral("CVSS:4.0/")))
        return QStringLiteral("4.0");
    if (v.startsWith(QStringLiteral("CVSS:2.0/")) || v.startsWith(QStringLiteral("AV:"))
        || v.startsWith(QStringLiteral("(AV:")))
        return QStringLiteral("2.0");
    return {};
}

Result<double> computeBaseScore(const QString &vector)
{
    const QString version = versionOf(vector);
    if (version == u"3.1")
        return score3(vector, true);
    if (version == u"3.0")
        return score3(vector, false);
    if (version == u"4.0")
        return score4(vector);
    if (version == u"2.0")
        return score2(vector);
    return fail(QStringLiteral("Unrecognised CVSS vector '%1'.").arg(vector), InvalidInput);
}

CvssScore scoreFor(const QString &vector, const QString &source)
{
    CvssScore s;
    s.vector = vector.trimmed();
    s.version = versionOf(s.vector);
    s.source = source;
    const auto score = computeBaseScore(s.vector);
    s.baseScore = score ? *score : -1;
    return s;
}

} // namespace bulkhead::cvss
