// The binary trace format: every kind and every field comes back as it was written,
// it is much smaller than JSON Lines, and a file cut off at any byte opens up to its
// last whole event and says where it was cut.
#include "demo/demosession.h"
#include "eventsamples.h"
#include "trace/binarytracereader.h"
#include "trace/traceloader.h"
#include "trace/tracer.h"
#include "trace/tracewriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pollscope;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray exported(const TraceSession &session, TraceFormat format, const QString &path)
{
    const Result<void> written = exportTrace(session, path.toStdString(), format);
    return written ? readAll(path) : QByteArray();
}

const TraceSession &demoSession()
{
    static const TraceSession session = [] {
        Tracer tracer;
        return runDemoSession(tracer);
    }();
    return session;
}

} // namespace

class TestBinaryTrace : public QObject
{
    Q_OBJECT

private slots:
    void everyKindAndFieldRoundTrips_data();
    void everyKindAndFieldRoundTrips();
    void realSessionRoundTrips();
    void longStreamWithLateNamesRoundTrips();
    void cutOffFileOpensToItsLastWholeEvent();
    void damagedFileIsRefused_data();
    void damagedFileIsRefused();
};

void TestBinaryTrace::everyKindAndFieldRoundTrips_data()
{
    QTest::addColumn<int>("kind");
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QTest::addRow("%s", eventKindInfo(EventKind(kind)).name) << kind;
}

void TestBinaryTrace::everyKindAndFieldRoundTrips()
{
    QFETCH(int, kind);
    TraceSession session;
    session.source = "round trip";
    session.origin = kind % 2 ? "" : kLibvirtdLogOrigin;
    session.threadNames = {"main", "loop", "worker-1", "a thread named \"with\" quotes\n"};

    // Every field, at values that cross varint lengths and signs.
    const TraceEvent full = test::eventWithEveryField(kind);
    session.events.push_back(full);

    // Nothing optional, earlier in time than the one before, on another thread.
    TraceEvent bare{};
    bare.seq = 2;
    bare.timeNs = test::sampleFieldValue<int64_t>(kind, 41);
    bare.kind = EventKind(kind);
    bare.reason = EventReason::None;
    bare.thread = uint16_t((kind + 1) % 4);
    session.events.push_back(bare);

    // The kind's own fields only, after a jump in seq, with the texts seen before.
    TraceEvent own = full;
    own.seq = 1000;
    own.timeNs = 1;
    own.flow = 0;
    own.reason = EventReason::None;
    own.site = nullptr;
    own.present &= eventKindInfo(EventKind(kind)).fields;
    session.events.push_back(own);

    QTemporaryDir dir;
    const QByteArray bytes = exported(session, TraceFormat::Binary, dir.filePath("t.pstrace"));
    QVERIFY(isBinaryTrace(std::string_view(bytes.constData(), size_t(bytes.size()))));
    const auto loaded = loadTrace(dir.filePath("t.pstrace").toStdString());
    QVERIFY2(loaded, loaded.errorText().c_str());
    QVERIFY2(loaded->warning.empty(), loaded->warning.c_str());
    QCOMPARE(loaded->source, session.source);
    QCOMPARE(loaded->origin, session.origin);
    QCOMPARE(loaded->events.size(), session.events.size());
    for (size_t i = 0; i < session.events.size(); ++i)
        test::compareEvents(session, session.events[i], *loaded, loaded->events[i]);
}

void TestBinaryTrace::realSessionRoundTrips()
{
    // Read back, it writes the very JSON Lines the session itself writes.
    const TraceSession &session = demoSession();
    QTemporaryDir dir;
    const QByteArray binary = exported(session, TraceFormat::Binary, dir.filePath("demo.pstrace"));
    const QByteArray jsonLines = exported(session, TraceFormat::JsonLines, dir.filePath("demo.jsonl"));
    QVERIFY(!binary.isEmpty() && !jsonLines.isEmpty());
    const auto loaded = loadTrace(dir.filePath("demo.pstrace").toStdString());
    QVERIFY2(loaded, loaded.errorText().c_str());
    QCOMPARE(exported(*loaded, TraceFormat::JsonLines, dir.filePath("again.jsonl")), jsonLines);
    // Compact: a small fraction of the JSON.
    QVERIFY2(binary.size() * 8 < jsonLines.size(),
             qPrintable(QStringLiteral("binary %1 bytes, JSON Lines %2").arg(binary.size()).arg(jsonLines.size())));
}

void TestBinaryTrace::longStreamWithLateNamesRoundTrips()
{
    // Far more events than the writer puts together before it hands them on, with
    // kinds, threads, reasons and texts first met all along the way: each name's
    // record must still come before the first event that uses it.
    TraceSession session;
    session.source = "long stream";
    for (int thread = 0; thread < 8; ++thread)
        session.threadNames.push_back("thread-" + std::to_string(thread));
    constexpr int kEvents = 60000;
    constexpr int kKinds = int(EventKind::Count);
    for (int i = 0; i < kEvents; ++i) {
        // Kind k is first met at event k * kEvents / (2 * kKinds); then they alternate.
        const int kind = (i % kKinds) * kEvents / (2 * kKinds) <= i ? i % kKinds : 0;
        TraceEvent event = test::eventWithEveryField(kind);
        event.seq = uint64_t(i) + 1;
        event.timeNs = int64_t(i) * 1000;
        event.thread = uint16_t(i / (kEvents / 8));
        event.text = i % 3 ? internString("text " + std::to_string(i / 700)) : nullptr;
        event.reason = i % 5 ? EventReason::None : event.reason;
        event.present &= eventKindInfo(event.kind).fields;
        session.events.push_back(event);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath("long.pstrace");
    const QByteArray bytes = exported(session, TraceFormat::Binary, path);
    QVERIFY2(bytes.size() > 20 * 16384, qPrintable(QStringLiteral("only %1 bytes").arg(bytes.size())));
    const auto loaded = loadTrace(path.toStdString());
    QVERIFY2(loaded, loaded.errorText().c_str());
    QVERIFY2(loaded->warning.empty(), loaded->warning.c_str());
    QCOMPARE(loaded->events.size(), session.events.size());
    for (size_t i = 0; i < session.events.size(); ++i)
        test::compareEvents(session, session.events[i], *loaded, loaded->events[i]);
}

void TestBinaryTrace::cutOffFileOpensToItsLastWholeEvent()
{
    const TraceSession &session = demoSession();
    QTemporaryDir dir;
    const QByteArray bytes = exported(session, TraceFormat::Binary, dir.filePath("whole.pstrace"));
    QVERIFY(!bytes.isEmpty());
    // The header: magic, version, then the source and the (empty) origin with their lengths.
    const qsizetype header = 8 + 1 + 1 + qsizetype(session.source.size()) + 1;
    size_t previous = 0;
    size_t most = 0;
    for (qsizetype cut = 0; cut < bytes.size(); ++cut) {
        const std::string prefix(bytes.constData(), size_t(cut));
        const auto loaded = loadTraceText(prefix, "cut.pstrace");
        if (cut < header) {
            QVERIFY2(!loaded, qPrintable(QStringLiteral("a file cut at byte %1 of its header opens").arg(cut)));
            QVERIFY(loaded.errorText().starts_with("cut.pstrace: "));
            continue;
        }
        QVERIFY2(loaded, loaded.errorText().c_str());
        // Says where it was cut, and holds the events before the cut exactly.
        QVERIFY2(loaded->warning.find("byte " + std::to_string(cut)) != std::string::npos, loaded->warning.c_str());
        const size_t events = loaded->events.size();
        QVERIFY(events >= previous);
        previous = events;
        most = std::max(most, events);
        for (size_t i = 0; i < events; ++i) {
            QCOMPARE(loaded->events[i].seq, session.events[i].seq);
            QCOMPARE(loaded->events[i].kind, session.events[i].kind);
        }
    }
    // Cut just before its end record, every event is there.
    QCOMPARE(most, session.events.size());

    // The same through a file, as the app and `pollscope check` open it.
    const QString cutPath = dir.filePath("cut.pstrace");
    QFile cut(cutPath);
    QVERIFY(cut.open(QIODevice::WriteOnly));
    cut.write(bytes.left(bytes.size() / 2));
    cut.close();
    const auto loaded = loadTrace(cutPath.toStdString());
    QVERIFY2(loaded, loaded.errorText().c_str());
    QVERIFY(!loaded->events.empty() && loaded->events.size() < session.events.size());
    // Half the file may end inside a record or right after one; either way the warning names the byte.
    QVERIFY2(loaded->warning.find("byte " + std::to_string(bytes.size() / 2)) != std::string::npos,
             loaded->warning.c_str());
}

void TestBinaryTrace::damagedFileIsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    const QByteArray magic("\x89PSTRACE", 8);
    const QByteArray header = magic + QByteArray("\x01\x00\x00", 3);
    QTest::addRow("another version") << magic + QByteArray("\x02\x00\x00", 3) << "unsupported binary trace version 2";
    QTest::addRow("unknown record") << header + QByteArray("\x55", 1) << "at byte 11: unknown record type 85";
    QTest::addRow("event before its kind")
        << header + QByteArray("\x10\x01\x00\x00\x00\x00\x00", 7) << "at byte 11: event of kind 0";
    QTest::addRow("unknown kind name")
        << header + QByteArray("\x01\x03xyz\x03\x01", 7) << "at byte 16: unknown event kind \"xyz\"";
    QTest::addRow("string index out of range") << header + QByteArray("\x03\x05", 2) << "which no string record defines";
    QTest::addRow("eleven-byte number")
        << header + QByteArray("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 12) << "longer than 64 bits";
    QTest::addRow("wrong end count") << header + QByteArray("\x7f\x03", 2) << "the end record counts 3 events";
    QTest::addRow("data after the end") << header + QByteArray("\x7f\x00\x00", 3) << "data after the end record";
}

void TestBinaryTrace::damagedFileIsRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    const auto loaded = readBinaryTrace(std::string_view(bytes.constData(), size_t(bytes.size())), "bad.pstrace");
    QVERIFY(!loaded);
    QVERIFY2(loaded.errorText().starts_with("bad.pstrace: "), loaded.errorText().c_str());
    QVERIFY2(loaded.errorText().find(error.toStdString()) != std::string::npos, loaded.errorText().c_str());
}

QTEST_GUILESS_MAIN(TestBinaryTrace)
#include "tst_binarytrace.moc"
