// Every kind of event has, in one table, a one-line summary template and a
// plain-words explanation of two to four sentences, both going through Qt's
// translation, so that a Chinese translation can replace them.
#include "models/eventkindtexts.h"

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
        if (QByteArrayView(context) != "EventKindTexts")
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

class TestEventKindTexts : public QObject
{
    Q_OBJECT

private slots:
    void everyKindIsExplained_data();
    void everyKindIsExplained();
    void explanationsAreDistinct();
    void serverEventSaysWhyItSearchesByWatch();
    void explanationsAreTranslated();
    void summariesAreTranslated();
};

void TestEventKindTexts::everyKindIsExplained_data()
{
    QTest::addColumn<int>("kind");
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QTest::newRow(eventKindInfo(EventKind(kind)).name) << kind;
}

void TestEventKindTexts::everyKindIsExplained()
{
    QFETCH(int, kind);
    const QString text = EventKindTexts::explanation(EventKind(kind));
    QVERIFY2(!text.isEmpty(), "no explanation");
    const int sentences = sentenceCount(text);
    QVERIFY2(sentences >= 2 && sentences <= 4, qPrintable(QStringLiteral("%1 sentences: %2").arg(sentences).arg(text)));
    QVERIFY(text.endsWith(u'.'));
}

void TestEventKindTexts::explanationsAreDistinct()
{
    std::set<QString> seen;
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QVERIFY2(seen.insert(EventKindTexts::explanation(EventKind(kind))).second, eventKindInfo(EventKind(kind)).name);
}

void TestEventKindTexts::serverEventSaysWhyItSearchesByWatch()
{
    const QString text = EventKindTexts::explanation(EventKind::DispatchServerEvent);
    for (const char *word : {"opaque", "watch", "fd", "socket list", "consistency check"})
        QVERIFY2(text.contains(QLatin1StringView(word)), word);
}

void TestEventKindTexts::explanationsAreTranslated()
{
    MarkingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString translated = EventKindTexts::explanation(EventKind::AddHandle);
    QCoreApplication::removeTranslator(&translator);
    QVERIFY(translated.startsWith(QLatin1StringView("[zh] virEventPollAddHandle")));
    QVERIFY(!EventKindTexts::explanation(EventKind::AddHandle).startsWith(QLatin1StringView("[zh]")));
}

void TestEventKindTexts::summariesAreTranslated()
{
    MarkingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString translated = EventKindTexts::summaryTemplate(EventKind::AddHandle);
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(translated, QStringLiteral("[zh] watch {watch} fd {fd} mode {events}, callback {text}"));
    QCOMPARE(EventKindTexts::summaryTemplate(EventKind::AddHandle),
             QStringLiteral("watch {watch} fd {fd} mode {events}, callback {text}"));
}

QTEST_MAIN(TestEventKindTexts)
#include "tst_eventkindtexts.moc"
