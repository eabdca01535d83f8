#include "catalog/pkgmgr/gemspeccataloger.h"

#include "catalog/catalogerutil.h"

#include <QRegularExpression>

namespace bulkhead {

namespace {

const QString kId = QStringLiteral("gemspec");

// The string literals of a Ruby expression, in order: "double" (with \" \\ \n \t \uXXXX
// escapes), 'single', and %q/%Q with (), [], {}, <> or any other delimiter.
QStringList rubyStrings(const QString &expr)
{
    QStringList out;
    int i = 0;
    const int n = expr.size();
    while (i < n) {
        const QChar c = expr.at(i);
        if (c == u'#')
            break; // a comment
        QChar close;
        bool escapes = false;
        if (c == u'"') {
            close = u'"';
            escapes = true;
            ++i;
        } else if (c == u'\'') {
            close = u'\'';
            ++i;
        } else if (c == u'%' && i + 2 < n && (expr.at(i + 1) == u'q' || expr.at(i + 1) == u'Q')) {
            const QChar open = expr.at(i + 2);
            close = open == u'(' ? u')' : open == u'[' ? u']' : open == u'{' ? u'}' : open == u'<' ? u'>' : open;
            escapes = expr.at(i + 1) == u'Q';
            i += 3;
        } else {
            ++i;
            continue;
        }
        QString s;
        while (i < n && expr.at(i) != close) {
            QChar ch = expr.at(i++);
            if (ch == u'\\' && i < n) {
                ch = expr.at(i++);
                if (escapes && ch == u'n') {
                    ch = u'\n';
                } else if (escapes && ch == u't') {
                    ch = u'\t';
                } else if (escapes && ch == u'u' && i + 4 <= n) {
                    bool ok = false;
                    const ushort code = expr.mid(i, 4).toUShort(&ok, 16);
                    if (ok) {
                        ch = QChar(code);
                        i += 4;
                    }
                }
            }
            s += ch;
        }
        ++i; // the closing delimiter
        out << s;
    }
    return out;
}

} // namespace

bool GemspecCataloger::wants(const FileMeta &file) const
{
    if (!file.path.endsWith(u".gemspec"))
        return false;
    const int slash = file.path.lastIndexOf(u'/');
    const QString dir = u'/' + file.path.left(qMax(slash, 0));
    return dir.endsWith(u"/specifications") || dir.endsWith(u"/specifications/default");
}

Result<FileFacts> GemspecCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    // No binary-file check: RubyGems joins the extension list of the second "# stub:" line with NULs.
    const QString text = QString::fromUtf8(content);

    // The block variable of `Gem::Specification.new do |s|` (or `{ |spec|`).
    static const QRegularExpression blockRe(
        QStringLiteral("Gem::Specification\\.new\\s*(?:do|\\{)\\s*\\|\\s*(\\w+)\\s*\\|"));
    const auto block = blockRe.match(text);
    const QString var = block.hasMatch() ? block.captured(1) : QStringLiteral("s");
    const QRegularExpression assignRe(QStringLiteral("^\\s*%1\\.(name|version|licenses?|homepage|summary)\\s*=\\s*(.*)$")
                                          .arg(QRegularExpression::escape(var)));

    QString name;
    QString version;
    QStringList licenses;
    QMap<QString, QString> metadata;
    for (const QString &line : text.split(u'\n')) {
        const auto m = assignRe.match(line);
        if (!m.hasMatch())
            continue;
        const QString field = m.captured(1);
        const QStringList values = rubyStrings(m.captured(2));
        if (values.isEmpty())
            continue;
        if (field == u"name" && name.isEmpty())
            name = values.first().trimmed();
        else if (field == u"version" && version.isEmpty())
            version = values.first().trimmed();
        else if (field.startsWith(u"license") && licenses.isEmpty())
            licenses = values;
        else if (field == u"homepage" || field == u"summary")
            metadata.insert(field, values.first());
    }
    // RubyGems writes "# stub: <name> <version> <platform> <require paths>" at the top: the
    // source for values that are not literals (`s.version = Foo::VERSION`).
    if (name.isEmpty() || version.isEmpty()) {
        static const QRegularExpression stubRe(QStringLiteral("^# stub: (\\S+) (\\S+)"), QRegularExpression::MultilineOption);
        const auto stub = stubRe.match(text);
        if (stub.hasMatch() && (name.isEmpty() || name == stub.captured(1))) {
            name = stub.captured(1);
            if (version.isEmpty())
                version = stub.captured(2);
        }
    }
    if (name.isEmpty() || version.isEmpty())
        return fail(QStringLiteral("%1 has no literal gem name and version.").arg(file.path), InvalidInput);

    Package p = foundPackage(Ecosystem::Gem, kId, file.path, name, version, QStringLiteral("gem"));
    p.licenses = licenses;
    p.metadata = metadata;
    if (file.path.contains(u"/specifications/default/"))
        p.metadata.insert(QStringLiteral("defaultGem"), QStringLiteral("true"));
    FileFacts facts;
    facts.packages.append(p);
    return facts;
}

} // namespace bulkhead
