// The app's event store: a saved trace read straight into its compact form holds
// the very events the loader reads, in every format; a recording past its limit
// keeps the newest events, in order, and counts what it let go.
#include "recordedsessions.h"

#include "session/tracestore.h"
#include "trace/traceloader.h"
#include "trace/tracewriter.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pollscope;
using namespace pollscope::ui;

namespace {

QByteArray jsonLinesOf(const TraceSession &session, const QString &path)
{
    if (!exportTrace(session, path.toStdString(), TraceFormat::JsonLines))
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTraceStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readFileHoldsWhatTheLoaderReads_data();
    void readFileHoldsWhatTheLoaderReads();
    void cutOffFileSaysWhere();
    void recordingKeepsTheNewest();

private:
    TraceSession m_daemon;
};

void TestTraceStore::initTestCase()
{
    QTemporaryDir dir;
    QString error;
    m_daemon = test::recordDaemonSession(dir.path(), &error);
    QVERIFY2(!m_daemon.events.empty(), qPrintable(error));
}

void TestTraceStore::readFileHoldsWhatTheLoaderReads_data()
{
    QTest::addColumn<TraceFormat>("format");
    QTest::newRow("binary") << TraceFormat::Binary;
    QTest::newRow("JSON Lines") << TraceFormat::JsonLines;
    QTest::newRow("Chrome") << TraceFormat::Chrome;
}

void TestTraceStore::readFileHoldsWhatTheLoaderReads()
{
    QFETCH(TraceFormat, format);
    QTemporaryDir dir;
    const std::string path = dir.filePath("trace").toStdString();
    QVERIFY(exportTrace(m_daemon, path, format));
    const auto loaded = loadTrace(path);
    QVERIFY2(loaded, loaded.errorText().c_str());

    auto trace = TraceStore::readFile(path);
    QVERIFY2(trace, trace.errorText().c_str());
    QVERIFY(trace->session.events.empty());
    QCOMPARE(trace->events.size(), loaded->events.size());
    TraceStore store;
    QSignalSpy reset(&store, &TraceStore::reset);
    store.setLoaded(std::move(*trace));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(store.source().toStdString(), loaded->source);
    QCOMPARE(store.threadNames(), loaded->threadNames);
    const QByteArray expected = jsonLinesOf(*loaded, dir.filePath("expected.jsonl"));
    QVERIFY(!expected.isEmpty());
    QCOMPARE(jsonLinesOf(store.toSession(), dir.filePath("stored.jsonl")), expected);
}

void TestTraceStore::cutOffFileSaysWhere()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("trace.pstrace");
    QVERIFY(exportTrace(m_daemon, path.toStdString(), TraceFormat::Binary));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() * 2 / 3));
    file.close();
    const auto loaded = loadTrace(path.toStdString());
    QVERIFY2(loaded, loaded.errorText().c_str());
    const auto trace = TraceStore::readFile(path.toStdString());
    QVERIFY2(trace, trace.errorText().c_str());
    QCOMPARE(trace->session.warning, loaded->warning);
    QVERIFY(!trace->session.warning.empty());
    QCOMPARE(trace->events.size(), loaded->events.size());
    QVERIFY(trace->events.size() > 0 && trace->events.size() < m_daemon.events.size());
}

void TestTraceStore::recordingKeepsTheNewest()
{
    const TraceSession busy = test::recordBusyLoopSession(60000);
    constexpr qsizetype kLimit = 4 * CompactEvents::kChunkEvents;
    TraceStore store;
    store.setKeptEventLimit(kLimit);
    QSignalSpy aboutToLetGo(&store, &TraceStore::aboutToLetGo);
    QSignalSpy reset(&store, &TraceStore::reset);
    constexpr size_t kBatch = 1000;
    for (size_t first = 0; first < busy.events.size(); first += kBatch) {
        const size_t end = std::min(first + kBatch, busy.events.size());
        store.append({busy.events.begin() + qsizetype(first), busy.events.begin() + qsizetype(end)}, busy.threadNames);
        QVERIFY(store.size() <= kLimit);
        // What is kept is what was appended last, whole and in order.
        QCOMPARE(store.eventsLetGo() + store.size(), qsizetype(end));
        QCOMPARE(store.seqAt(0), busy.events[size_t(store.eventsLetGo())].seq);
        QCOMPARE(store.seqAt(store.size() - 1), busy.events[end - 1].seq);
    }
    QVERIFY(store.eventsLetGo() >= qsizetype(busy.events.size()) - kLimit);
    QCOMPARE(reset.count(), aboutToLetGo.count());
    qsizetype announced = 0;
    for (const QList<QVariant> &signal : aboutToLetGo)
        announced += signal.at(0).value<qsizetype>();
    QCOMPARE(announced, store.eventsLetGo());
    // The axis starts where the events kept start, and loop time never steps back.
    QCOMPARE(store.loopStartNs(), store.loopNs(0));
    for (qsizetype i = 1; i < store.size(); ++i)
        QVERIFY(store.loopNs(i) >= store.loopNs(i - 1));
    QCOMPARE(store.at(store.size() - 1).kind, busy.events.back().kind);

    // A loaded trace is kept whole whatever the limit.
    store.setSession(busy);
    QCOMPARE(store.size(), qsizetype(busy.events.size()));
    QCOMPARE(store.eventsLetGo(), 0);
}

QTEST_MAIN(TestTraceStore)
#include "tst_tracestore.moc"
