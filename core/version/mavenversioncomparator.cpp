#include "version/mavenversioncomparator.h"

#include <vector>

namespace bulkhead {

namespace {

using version::compareDigits;

// Maven's ComparableVersion (maven-artifact 3.8.7 / 3.9): a version is a list of int, string and
// nested list items; '-' (and a digit/letter switch) opens a sub-list.
enum : int { ReleaseIndex = 5, UnknownQualifier = 7 };
// Well-known qualifiers in order; "" (= ga, final, release) is the release itself.
const char *const kQualifiers[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};

struct Item {
    enum Kind { Int, String, List } kind = Int;
    QStringView text;         // Int: digits without leading zeros; String: lower-case qualifier
    int qualifier = 0;        // String: index in kQualifiers or UnknownQualifier
    std::vector<Item> items;  // List

    bool isNull() const
    {
        switch (kind) {
        case Int: return text.isEmpty();
        case String: return qualifier == ReleaseIndex;
        case List: return items.empty();
        }
        return false;
    }
};

Item makeInt(QStringView digits)
{
    qsizetype k = 0;
    while (k < digits.size() && digits[k] == QLatin1Char('0'))
        ++k;
    Item item;
    item.kind = Item::Int;
    item.text = digits.mid(k);
    return item;
}

Item makeString(QStringView text, bool followedByDigit)
{
    Item item;
    item.kind = Item::String;
    item.text = text;
    if (followedByDigit && text.size() == 1) {
        // "a1", "b2", "m3" are alpha, beta and milestone.
        const char16_t c = text[0].unicode();
        if (c == 'a')
            item.text = u"alpha";
        else if (c == 'b')
            item.text = u"beta";
        else if (c == 'm')
            item.text = u"milestone";
    }
    if (item.text == u"ga" || item.text == u"final" || item.text == u"release")
        item.text = QStringView();
    else if (item.text == u"cr")
        item.text = u"rc";
    item.qualifier = UnknownQualifier;
    for (int k = 0; k < int(std::size(kQualifiers)); ++k) {
        if (item.text == QLatin1String(kQualifiers[k])) {
            item.qualifier = k;
            break;
        }
    }
    return item;
}

Item makeItem(bool isDigit, QStringView text)
{
    return isDigit ? makeInt(text) : makeString(text, false);
}

// ListItem.normalize(): drop trailing null items (0, "", ga, final, empty lists) up to the
// last non-list item.
void normalize(Item &list)
{
    for (auto it = list.items.end(); it != list.items.begin();) {
        --it;
        if (it->isNull()) {
            it = list.items.erase(it);
        } else if (it->kind != Item::List) {
            break;
        }
    }
}

int compareItems(const Item *a, const Item *b);

// Comparison against "nothing" (the shorter list ran out).
int compareToNull(const Item &a)
{
    switch (a.kind) {
    case Item::Int:
        return a.text.isEmpty() ? 0 : 1;
    case Item::String:
        return a.qualifier == ReleaseIndex ? 0 : (a.qualifier < ReleaseIndex ? -1 : 1);
    case Item::List:
        for (const Item &i : a.items) {
            const int c = compareToNull(i);
            if (c != 0)
                return c;
        }
        return 0;
    }
    return 0;
}

int compareQualifiers(const Item &a, const Item &b)
{
    if (a.qualifier != b.qualifier)
        return a.qualifier < b.qualifier ? -1 : 1;
    return a.qualifier == UnknownQualifier ? version::sign(a.text.compare(b.text)) : 0;
}

int compareItems(const Item *a, const Item *b)
{
    if (!a)
        return b ? -compareToNull(*b) : 0;
    if (!b)
        return compareToNull(*a);
    switch (a->kind) {
    case Item::Int:
        if (b->kind != Item::Int)
            return 1;  // numbers beat qualifiers and sub-lists
        return compareDigits(a->text, b->text);
    case Item::String:
        if (b->kind != Item::String)
            return -1;
        return compareQualifiers(*a, *b);
    case Item::List:
        if (b->kind == Item::Int)
            return -1;
        if (b->kind == Item::String)
            return 1;
        {
            const size_t n = std::max(a->items.size(), b->items.size());
            for (size_t k = 0; k < n; ++k) {
                const Item *l = k < a->items.size() ? &a->items[k] : nullptr;
                const Item *r = k < b->items.size() ? &b->items[k] : nullptr;
                const int c = compareItems(l, r);
                if (c != 0)
                    return c;
            }
        }
        return 0;
    }
    return 0;
}

struct MavenVersion {
    QString lower;  // owns the text the items point into
    Item root;
};

void parseMaven(QStringView input, MavenVersion *v)
{
    v->lower = input.trimmed().toString().toLower();
    const QStringView s(v->lower);
    v->root = Item();
    v->root.kind = Item::List;
    // Path of open lists from the root; items are appended to the innermost one.
    std::vector<Item *> stack{&v->root};
    auto current = [&stack]() { return stack.back(); };
    auto openList = [&stack]() {
        Item list;
        list.kind = Item::List;
        stack.back()->items.push_back(std::move(list));
        stack.push_back(&stack.back()->items.back());
    };
    bool isDigit = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == QLatin1Char('.') || c == QLatin1Char('-')) {
            if (i == start)
                current()->items.push_back(makeInt(QStringView()));
            else
                current()->items.push_back(makeItem(isDigit, s.mid(start, i - start)));
            start = i + 1;
            if (c == QLatin1Char('-'))
                openList();
        } else if (version::isDigit(c)) {
            if (!isDigit && i > start) {
                // A qualifier glued to a number ("rc1") goes into a sub-list of its own, so
                // ".rc1" orders like "-rc1" (Maven 3.8.7, MNG-7559).
                if (!current()->items.empty())
                    openList();
                current()->items.push_back(makeString(s.mid(start, i - start), true));
                start = i;
                openList();
            }
            isDigit = true;
        } else {
            if (isDigit && i > start) {
                current()->items.push_back(makeInt(s.mid(start, i - start)));
                start = i;
                openList();
            }
            isDigit = false;
        }
    }
    if (s.size() > start) {
        // A trailing ".X" qualifier counts as "-X" (1.0.0.X1 < 1.0.0-X2).
        if (!isDigit && !current()->items.empty())
            openList();
        current()->items.push_back(makeItem(isDigit, s.mid(start)));
    }
    while (!stack.empty()) {
        normalize(*stack.back());
        stack.pop_back();
    }
}

// Every letter/digit switch nests a list; a bound keeps hostile strings from exhausting the stack.
constexpr qsizetype kMaxLength = 1024;

QString whyInvalid(QStringView v)
{
    if (v.trimmed().isEmpty())
        return QStringLiteral("it is empty");
    if (v.size() > kMaxLength)
        return QStringLiteral("it is longer than %1 characters").arg(kMaxLength);
    return {};
}

} // namespace

Result<int> MavenVersionComparator::compare(const QString &a, const QString &b) const
{
    return version::checkAndCompare(ecosystem(), a, b, whyInvalid, [](QStringView x, QStringView y) {
        MavenVersion va;
        MavenVersion vb;
        parseMaven(x, &va);
        parseMaven(y, &vb);
        return compareItems(&va.root, &vb.root);
    });
}

bool MavenVersionComparator::isValid(const QString &version) const
{
    // ComparableVersion orders any string; only an empty (or absurdly long) one is refused.
    return whyInvalid(version).isEmpty();
}

} // namespace bulkhead
