// In Simplified Chinese the app words every step in Chinese: for an event of each
// kind and one with each reason, every field filled, the summary (the event log,
// the details' headline), the explanation and the reason's sentence (the details
// and the status bar) differ from their English and contain Chinese characters,
// and any ASCII word of four or more letters left in them is an identifier (a
// libvirt, system or protocol name, a flag, errno or signal name, or the event's
// own name datum), not untranslated English.
#include "models/eventkindtexts.h"
#include "models/eventsummary.h"

#include "eventpoll/eventhandle.h"
#include "rpc/messageheader.h"
#include "rpc/remoteprocedures.h"
#include "trace/callbackrole.h"

#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

#include <cerrno>
#include <csignal>
#include <poll.h>

using namespace pollscope;
using namespace pollscope::ui;

namespace {

// The event's name datum: a callback, as most kinds carry.
constexpr const char *kText = "qemudDispatchClientEvent";

TraceEvent representativeEvent(EventKind kind, EventReason reason)
{
    TraceEvent event{};
    event.seq = 1;
    event.kind = kind;
    event.reason = reason;
    event.text = kText;
    event.setWatch(5).setFd(9).setTimer(3).setClient(2).setEvents(EventHandle::Readable | EventHandle::Writable)
        .setRevents(POLLIN).setResult(1).setErrno(EAGAIN).setFrequency(5000).setTimeout(10).setNfds(4).setHandles(6)
        .setTimeouts(2).setExpiresAt(1234).setIteration(7).setLength(28).setBytes(28).setProg(REMOTE_PROGRAM)
        .setVers(1).setProc(REMOTE_PROC_CONNECT_OPEN).setMsgType(int32_t(MessageType::Call)).setSerial(1).setStatus(0)
        .setNrequests(1).setDx(1).setTx(1).setClients(1).setWorkers(2).setSignal(SIGTERM).setStep(3)
        .setRole(int32_t(CallbackRole::Client));
    return event;
}

// Terms the Chinese texts keep in English on purpose, as the project's glossary
// does (docs/translating.md): names from libvirt's code (its `watch` ids, the
// `running`, `leader`, `handles` and `timeouts` members, `nrequests`, keepalive),
// system calls and struct pollfd's members, the TLS library's name, the
// project's own name and its command-line options.
const QStringList kKeptTerms = {
    QStringLiteral("poll"),    QStringLiteral("pollfd"),   QStringLiteral("revents"),   QStringLiteral("accept"),
    QStringLiteral("listen"),  QStringLiteral("close"),    QStringLiteral("exec"),      QStringLiteral("watch"),
    QStringLiteral("running"), QStringLiteral("leader"),   QStringLiteral("handles"),   QStringLiteral("timeouts"),
    QStringLiteral("timeout"), QStringLiteral("nrequests"), QStringLiteral("keepalive"), QStringLiteral("libvirt"),
    QStringLiteral("libvirtd"), QStringLiteral("pollscope"), QStringLiteral("self-pipe"), QStringLiteral("gnutls"),
    QStringLiteral("tls-handshake-timeout"), QStringLiteral("rpc-worker"), QStringLiteral("prio-rpc-worker"),
};

// An identifier: camelCase or ALL CAPS (an uppercase letter after the first),
// snake_case, or a kept term.
bool isIdentifier(const QString &word)
{
    for (qsizetype i = 1; i < word.size(); ++i) {
        if (word[i].isUpper())
            return true;
    }
    return word.contains(u'_') || kKeptTerms.contains(word);
}

bool hasChinese(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

// The English words left in `text`, once the event's own datum is taken out.
QStringList englishWords(QString text)
{
    text.remove(QLatin1StringView(kText));
    static const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*"));
    QStringList found;
    for (const QRegularExpressionMatch &match : word.globalMatch(text)) {
        const QString candidate = match.captured();
        int letters = 0;
        for (const QChar c : candidate)
            letters += c.isLetter();
        if (letters >= 4 && !isIdentifier(candidate))
            found << candidate;
    }
    return found;
}

} // namespace

class TestChineseEvents : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void kindsAreTranslated_data();
    void kindsAreTranslated();
    void reasonsAreTranslated_data();
    void reasonsAreTranslated();
    void identifiersAreToldFromEnglish();

private:
    // `filled`: a text made from an event, whose placeholders must all be filled.
    void compare(const QString &english, const QString &chinese, bool filled);

    QTranslator m_translator;
    bool m_installed = false;
};

void TestChineseEvents::initTestCase()
{
    QVERIFY(m_translator.load(QStringLiteral(":/i18n/pollscope_zh_CN.qm")));
}

void TestChineseEvents::cleanupTestCase()
{
    if (m_installed)
        QCoreApplication::removeTranslator(&m_translator);
}

void TestChineseEvents::compare(const QString &english, const QString &chinese, bool filled)
{
    QVERIFY2(!english.isEmpty(), "no English text");
    QVERIFY2(chinese != english, qPrintable(QStringLiteral("not translated: ") + english));
    QVERIFY2(hasChinese(chinese), qPrintable(QStringLiteral("no Chinese in: ") + chinese));
    const QStringList words = englishWords(chinese);
    QVERIFY2(words.isEmpty(), qPrintable(QStringLiteral("English words %1 in: %2").arg(words.join(u','), chinese)));
    QVERIFY2(!filled || (!chinese.contains(u'{') && !chinese.contains(u'?')),
             qPrintable(QStringLiteral("a placeholder left unfilled in: ") + chinese));
}

void TestChineseEvents::kindsAreTranslated_data()
{
    QTest::addColumn<int>("kind");
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QTest::newRow(eventKindInfo(EventKind(kind)).name) << kind;
}

void TestChineseEvents::kindsAreTranslated()
{
    QFETCH(int, kind);
    const TraceEvent event = representativeEvent(EventKind(kind), EventReason::None);
    const QString englishSummary = EventSummary().text(event);
    const QString englishExplanation = EventKindTexts::explanation(EventKind(kind));

    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    const QString chineseSummary = EventSummary().text(event);
    const QString chineseExplanation = EventKindTexts::explanation(EventKind(kind));
    QCoreApplication::removeTranslator(&m_translator);

    compare(englishSummary, chineseSummary, true);
    compare(englishExplanation, chineseExplanation, false);
}

void TestChineseEvents::reasonsAreTranslated_data()
{
    QTest::addColumn<int>("reason");
    for (int reason = int(EventReason::None) + 1; reason < int(EventReason::Count); ++reason)
        QTest::newRow(eventReasonInfo(EventReason(reason)).code) << reason;
}

void TestChineseEvents::reasonsAreTranslated()
{
    QFETCH(int, reason);
    // A kind whose summary is the reason's sentence, after the client it is about.
    const TraceEvent event = representativeEvent(EventKind::ClientFailure, EventReason(reason));
    const EventSummary english;
    const QString englishReason = english.reasonText(event);
    const QString englishSummary = english.text(event);

    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    const EventSummary chinese;
    const QString chineseReason = chinese.reasonText(event);
    const QString chineseSummary = chinese.text(event);
    QCoreApplication::removeTranslator(&m_translator);

    compare(englishReason, chineseReason, true);
    compare(englishSummary, chineseSummary, true);
    QVERIFY2(chineseSummary.endsWith(chineseReason), qPrintable(chineseSummary));
}

void TestChineseEvents::identifiersAreToldFromEnglish()
{
    QCOMPARE(englishWords(QStringLiteral("virEventPollAddHandle 把 TCP_NODELAY 和 SIGTERM 交给 poll()")), QStringList());
    QCOMPARE(englishWords(QStringLiteral("%1 个 qemudDispatchClientEvent")), QStringList());
    QCOMPARE(englishWords(QStringLiteral("客户端 2：end of file")), QStringList({QStringLiteral("file")}));
    QCOMPARE(englishWords(QStringLiteral("read-only 套接字")), QStringList({QStringLiteral("read-only")}));
}

QTEST_MAIN(TestChineseEvents)
#include "tst_chineseevents.moc"
