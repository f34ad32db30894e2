// The two export formats, read back with a real JSON parser (QJsonDocument): every
// event carries its required fields in total order, spans and flows pair up, and
// a write that fails says why and leaves neither a partial file nor a temporary one.
#include "demo/demosession.h"
#include "trace/stringpool.h"
#include "trace/threadnames.h"
#include "trace/traceloader.h"
#include "trace/tracer.h"
#include "trace/tracewriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace pollscope;

namespace {

const TraceSession &demoSession()
{
    static const TraceSession session = [] {
        Tracer tracer;
        return runDemoSession(tracer);
    }();
    return session;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Files in `dir` other than `keep`: temporary files must not be left behind.
QStringList strayFiles(const QString &dir, const QString &keep = QString())
{
    QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    files.removeAll(keep);
    return files;
}

} // namespace

class TestTraceExport : public QObject
{
    Q_OBJECT

private slots:
    void jsonLinesReadsBack();
    void chromeReadsBack();
    void hostileTextStaysValidJson_data();
    void hostileTextStaysValidJson();
    void missingFolderFailsCleanly();
    void fullDiskKeepsPreviousFile();
    void formatNames();
    void loadsBackWhatItWrote_data();
    void loadsBackWhatItWrote();
    void loaderNamesTheBadLine();
    void truncatedTraceSaysWhereItEnds_data();
    void truncatedTraceSaysWhereItEnds();
};

void TestTraceExport::jsonLinesReadsBack()
{
    const TraceSession &session = demoSession();
    QVERIFY(session.events.size() > 50);
    QTemporaryDir dir;
    const QString path = dir.filePath("trace.jsonl");
    const Result<void> written = exportTrace(session, path.toStdString(), TraceFormat::JsonLines);
    QVERIFY2(written, written.errorText().c_str());

    const QList<QByteArray> lines = readAll(path).split('\n');
    QCOMPARE(lines.last(), QByteArray()); // ends with a newline
    QJsonParseError parseError;
    const QJsonObject header = QJsonDocument::fromJson(lines.first(), &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(header.value("format").toString(), QStringLiteral("pollscope-trace"));
    QCOMPARE(header.value("version").toInt(), 1);
    QCOMPARE(header.value("source").toString(), QStringLiteral("demo"));

    QCOMPARE(lines.size() - 2, qsizetype(session.events.size()));
    qint64 previousSeq = 0;
    QSet<QString> threads;
    for (qsizetype i = 1; i + 1 < lines.size(); ++i) {
        const QJsonObject event = QJsonDocument::fromJson(lines[i], &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        for (const char *field : {"seq", "timeNs", "kind", "function", "family", "thread"})
            QVERIFY2(event.contains(field), qPrintable(QStringLiteral("line %1 lacks %2").arg(i).arg(field)));
        const qint64 seq = event.value("seq").toInteger();
        QCOMPARE_EQ(seq, previousSeq + 1);
        previousSeq = seq;
        QVERIFY(eventKindFromName(event.value("kind").toString().toStdString()).has_value());
        threads.insert(event.value("thread").toString());
        const QString kind = event.value("kind").toString();
        if (kind == "add_handle") {
            for (const char *field : {"watch", "fd", "events", "probe"})
                QVERIFY(event.contains(field));
            QCOMPARE(event.value("probe").toString(), QStringLiteral("event_poll_add_handle"));
        } else if (kind == "poll_begin") {
            QVERIFY(event.contains("nfds") && event.contains("timeout"));
        }
    }
    // The demo's pause wakes the loop from poll(): pollscope's own lane.
    QCOMPARE(threads, (QSet<QString>{"main", "loop", "writer", "pollscope control"}));
}

void TestTraceExport::chromeReadsBack()
{
    const TraceSession &session = demoSession();
    QTemporaryDir dir;
    const QString path = dir.filePath("trace.json");
    const Result<void> written = exportTrace(session, path.toStdString(), TraceFormat::Chrome);
    QVERIFY2(written, written.errorText().c_str());

    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(readAll(path), &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonArray events = root.value("traceEvents").toArray();
    QVERIFY(!events.isEmpty());

    QHash<qint64, QJsonObject> flowStarts;
    QHash<qint64, QJsonObject> flowEnds;
    QSet<int> tidsUsed;
    QHash<int, QString> threadNames;
    int polls = 0;
    int callbacks = 0;
    int instants = 0;
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        const QString ph = event.value("ph").toString();
        QVERIFY(event.contains("pid") && event.contains("tid") && event.contains("name"));
        if (ph == "M") {
            if (event.value("name").toString() == "thread_name")
                threadNames.insert(event.value("tid").toInt(), event.value("args").toObject().value("name").toString());
            continue;
        }
        QVERIFY(event.contains("ts"));
        tidsUsed.insert(event.value("tid").toInt());
        if (ph == "X") {
            QVERIFY(event.value("dur").toDouble() >= 0);
            if (event.value("name").toString() == "poll")
                ++polls;
            const QString function = event.value("args").toObject().value("function").toString();
            if (function == "virEventPollDispatchHandles")
                ++callbacks;
        } else if (ph == "i") {
            QCOMPARE(event.value("s").toString(), QStringLiteral("t"));
            ++instants;
        } else if (ph == "s") {
            flowStarts.insert(event.value("id").toInteger(), event);
        } else if (ph == "f") {
            QCOMPARE(event.value("bp").toString(), QStringLiteral("e"));
            flowEnds.insert(event.value("id").toInteger(), event);
        } else {
            QFAIL(qPrintable("unexpected phase " + ph));
        }
    }
    QVERIFY(polls >= 5);
    QVERIFY(callbacks >= 5);
    QVERIFY(instants > 0);
    // Every arrow starts and ends, never backwards in time.
    QVERIFY(!flowStarts.isEmpty());
    QCOMPARE(QSet<qint64>(flowStarts.keyBegin(), flowStarts.keyEnd()),
             QSet<qint64>(flowEnds.keyBegin(), flowEnds.keyEnd()));
    for (auto it = flowStarts.cbegin(); it != flowStarts.cend(); ++it)
        QVERIFY(flowEnds.value(it.key()).value("ts").toDouble() >= it.value().value("ts").toDouble());
    // Every thread that has events is named.
    for (int tid : tidsUsed)
        QVERIFY2(threadNames.contains(tid), qPrintable(QStringLiteral("tid %1 unnamed").arg(tid)));
    QVERIFY(threadNames.values().contains("loop"));
}

void TestTraceExport::hostileTextStaysValidJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("quotes and backslashes") << QByteArray("say \"hi\" \\ bye");
    QTest::addRow("control characters") << QByteArray("a\nb\tc\rd\x01\x1f\x7f");
    QTest::addRow("invalid UTF-8") << QByteArray("\xff\xfe\xc3\x28 \xe2\x82 \xf0\x28\x8c\xbc");
    QTest::addRow("overlong and surrogate") << QByteArray("\xc0\xaf \xed\xa0\x80");
    QTest::addRow("valid Chinese") << QByteArray("事件循环");
}

void TestTraceExport::hostileTextStaysValidJson()
{
    QFETCH(QByteArray, text);
    Tracer tracer;
    if (auto event = tracer.record(EventKind::Note))
        event->text = internString(std::string_view(text.constData(), size_t(text.size())));
    const TraceSession session = tracer.takeSession("peer said: " + text.toStdString());

    QTemporaryDir dir;
    for (TraceFormat format : {TraceFormat::JsonLines, TraceFormat::Chrome}) {
        const QString path = dir.filePath(traceFormatName(format));
        const Result<void> written = exportTrace(session, path.toStdString(), format);
        QVERIFY2(written, written.errorText().c_str());
        const QByteArray contents = readAll(path);
        for (const QByteArray &line : format == TraceFormat::JsonLines ? contents.split('\n') : QList{contents}) {
            if (line.isEmpty())
                continue;
            QJsonParseError parseError;
            QJsonDocument::fromJson(line, &parseError);
            QCOMPARE(parseError.error, QJsonParseError::NoError);
        }
    }

    // Valid text comes back as it was; invalid bytes come back as U+FFFD.
    const QList<QByteArray> lines = readAll(dir.filePath("jsonl")).split('\n');
    const QString decoded = QJsonDocument::fromJson(lines.at(1)).object().value("text").toString();
    const bool validUtf8 = QString::fromUtf8(text).toUtf8() == text;
    if (validUtf8)
        QCOMPARE(decoded, QString::fromUtf8(text));
    else
        QVERIFY(decoded.contains(QChar(0xFFFD)));
}

void TestTraceExport::missingFolderFailsCleanly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("no/such/folder/trace.jsonl");
    const Result<void> written = exportTrace(demoSession(), path.toStdString(), TraceFormat::JsonLines);
    QVERIFY(!written);
    const std::string error = written.error().describe();
    QVERIFY2(QString::fromStdString(error).contains(path), error.c_str());
    QVERIFY2(QString::fromStdString(error).contains("No such file or directory"), error.c_str());
    QVERIFY(!QFile::exists(path));
    QVERIFY(strayFiles(dir.path()).isEmpty());
}

void TestTraceExport::fullDiskKeepsPreviousFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("trace.json");
    {
        QFile previous(path);
        QVERIFY(previous.open(QIODevice::WriteOnly));
        previous.write("previous contents\n");
    }
    // A file size limit stands in for a full disk: the write fails with EFBIG.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit saved;
    QCOMPARE_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit small = saved;
    small.rlim_cur = 4096;
    QCOMPARE_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const Result<void> written = exportTrace(demoSession(), path.toStdString(), TraceFormat::Chrome);
    QCOMPARE_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);

    QVERIFY(!written);
    const std::string error = written.errorText();
    QVERIFY2(QString::fromStdString(error).startsWith("cannot write " + path + ": File too large"), error.c_str());
    QCOMPARE(readAll(path), QByteArray("previous contents\n"));
    QCOMPARE(strayFiles(dir.path(), "trace.json"), QStringList());
}

void TestTraceExport::formatNames()
{
    QCOMPARE(traceFormatFromName("jsonl"), TraceFormat::JsonLines);
    QCOMPARE(traceFormatFromName("chrome"), TraceFormat::Chrome);
    QVERIFY(!traceFormatFromName("xml").has_value());
}

void TestTraceExport::loadsBackWhatItWrote_data()
{
    QTest::addColumn<TraceFormat>("format");
    QTest::addRow("jsonl") << TraceFormat::JsonLines;
    QTest::addRow("chrome") << TraceFormat::Chrome;
}

void TestTraceExport::loadsBackWhatItWrote()
{
    QFETCH(TraceFormat, format);
    const TraceSession &session = demoSession();
    QTemporaryDir dir;
    const std::string path = dir.filePath("trace").toStdString();
    const Result<void> written = exportTrace(session, path, format);
    QVERIFY2(written, written.errorText().c_str());
    const auto loaded = loadTrace(path);
    QVERIFY2(loaded, loaded.errorText().c_str());
    QCOMPARE(loaded->source, session.source);
    QCOMPARE_EQ(loaded->events.size(), session.events.size());
    for (size_t i = 0; i < session.events.size(); ++i) {
        const TraceEvent &a = session.events[i];
        const TraceEvent &b = loaded->events[i];
        QCOMPARE_EQ(b.seq, a.seq);
        QCOMPARE_EQ(b.timeNs, a.timeNs);
        QCOMPARE(b.kind, a.kind);
        QCOMPARE(loaded->threadName(b), session.threadName(a));
        QCOMPARE_EQ(b.flow, a.flow);
        QCOMPARE(std::string(b.text ? b.text : ""), std::string(a.text ? a.text : ""));
        QCOMPARE_EQ(b.present, a.present);
        QCOMPARE_EQ(b.watch * int(b.has(TraceField::Watch)), a.watch * int(a.has(TraceField::Watch)));
        QCOMPARE_EQ(b.fd * int(b.has(TraceField::Fd)), a.fd * int(a.has(TraceField::Fd)));
    }
}

void TestTraceExport::loaderNamesTheBadLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.jsonl");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\":\"pollscope-trace\",\"version\":1,\"source\":\"x\"}\n"
               "{\"seq\":1,\"timeNs\":5,\"kind\":\"add_handle\",\"thread\":\"main\"}\n"
               "{\"seq\":2,\"timeNs\":6,\"kind\":\"no_such_kind\",\"thread\":\"main\"}\n");
    file.close();
    const Result<TraceSession> badKind = loadTrace(path.toStdString());
    QVERIFY(!badKind);
    QCOMPARE(badKind.error().where.line, 3);
    QCOMPARE(QString::fromStdString(badKind.error().describe()), path + ":3: unknown event kind \"no_such_kind\"");
    const Result<TraceSession> missing = loadTrace(dir.filePath("missing").toStdString());
    QVERIFY(!missing);
    QCOMPARE(QString::fromStdString(missing.error().describe()), dir.filePath("missing") + ": cannot open the file");
}

void TestTraceExport::truncatedTraceSaysWhereItEnds_data()
{
    QTest::addColumn<TraceFormat>("format");
    QTest::addRow("jsonl") << TraceFormat::JsonLines;
    QTest::addRow("chrome") << TraceFormat::Chrome;
}

void TestTraceExport::truncatedTraceSaysWhereItEnds()
{
    QFETCH(TraceFormat, format);
    const TraceSession &session = demoSession();
    QTemporaryDir dir;
    const QString path = dir.filePath("trace");
    const Result<void> written = exportTrace(session, path.toStdString(), format);
    QVERIFY2(written, written.errorText().c_str());
    // Cut the file in the middle of an event, as a recording stopped by a crash is: three bytes
    // into the line that holds its middle, so that no whole line ends the file.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QByteArray whole = file.readAll();
    const qsizetype lineStart = whole.lastIndexOf('\n', whole.size() / 2) + 1;
    QVERIFY(whole.indexOf('\n', lineStart) > lineStart + 3);
    QVERIFY(file.resize(lineStart + 3));
    file.close();

    const Result<TraceSession> loaded = loadTrace(path.toStdString());
    QVERIFY(!loaded);
    const QString message = QString::fromStdString(loaded.error().describe());
    QVERIFY2(message.contains("cut off"), qPrintable(message));
    QVERIFY2(!message.contains("not a pollscope trace"), qPrintable(message));
    // It names the line where the file ends.
    QFile cutFile(path);
    QVERIFY(cutFile.open(QIODevice::ReadOnly));
    const qsizetype lines = cutFile.readAll().count('\n') + 1;
    QVERIFY2(message.startsWith(path + ":" + QString::number(lines) + ":"), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestTraceExport)
#include "tst_traceexport.moc"
