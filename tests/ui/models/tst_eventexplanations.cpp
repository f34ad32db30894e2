// Every kind of event has a plain-words explanation of two to four sentences, and
// it goes through Qt's translation, so that a Chinese translation can replace it.
#include "docks/eventexplanations.h"

#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

#include <set>

using namespace pollscope;
using namespace pollscope::ui;

namespace {

// Stands in for a real translation file: every text of the context, marked.
class MarkingTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (QByteArrayView(context) != "EventExplanations")
            return {};
        return QStringLiteral("[zh] ") + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
};

int sentenceCount(const QString &text)
{
    static const QRegularExpression end(QStringLiteral("[.!?](\\s|$)"));
    return int(text.count(end));
}

} // namespace

class TestEventExplanations : public QObject
{
    Q_OBJECT

private slots:
    void everyKindIsExplained_data();
    void everyKindIsExplained();
    void explanationsAreDistinct();
    void serverEventSaysWhyItSearchesByWatch();
    void explanationsAreTranslated();
};

void TestEventExplanations::everyKindIsExplained_data()
{
    QTest::addColumn<int>("kind");
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QTest::newRow(eventKindInfo(EventKind(kind)).name) << kind;
}

void TestEventExplanations::everyKindIsExplained()
{
    QFETCH(int, kind);
    const QString text = EventExplanations::explanation(EventKind(kind));
    QVERIFY2(!text.isEmpty(), "no explanation");
    const int sentences = sentenceCount(text);
    QVERIFY2(sentences >= 2 && sentences <= 4, qPrintable(QStringLiteral("%1 sentences: %2").arg(sentences).arg(text)));
    QVERIFY(text.endsWith(u'.'));
}

void TestEventExplanations::explanationsAreDistinct()
{
    std::set<QString> seen;
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QVERIFY2(seen.insert(EventExplanations::explanation(EventKind(kind))).second, eventKindInfo(EventKind(kind)).name);
}

void TestEventExplanations::serverEventSaysWhyItSearchesByWatch()
{
    const QString text = EventExplanations::explanation(EventKind::DispatchServerEvent);
    for (const char *word : {"opaque", "watch", "fd", "socket list", "consistency check"})
        QVERIFY2(text.contains(QLatin1StringView(word)), word);
}

void TestEventExplanations::explanationsAreTranslated()
{
    MarkingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString translated = EventExplanations::explanation(EventKind::AddHandle);
    QCoreApplication::removeTranslator(&translator);
    QVERIFY(translated.startsWith(QLatin1StringView("[zh] virEventPollAddHandle")));
    QVERIFY(!EventExplanations::explanation(EventKind::AddHandle).startsWith(QLatin1StringView("[zh]")));
}

QTEST_MAIN(TestEventExplanations)
#include "tst_eventexplanations.moc"
