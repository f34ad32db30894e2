// The main window in Simplified Chinese, offscreen: with the zh_CN translation
// installed before it is made, its menus, docks, event log, details, timeline lanes
// and scenario narration are Chinese; the View > Language menu switches everything
// to English at once, and back, and remembers the choice. A screenshot of the
// Chinese window is saved as a test artifact (mainwindow-zh_CN.png).
#include "docks/eventlogwidget.h"
#include "mainwindow/languages.h"
#include "mainwindow/mainwindow.h"
#include "models/eventlogmodel.h"
#include "scenario/scenariopanel.h"
#include "session/tracestore.h"
#include "timeline/timelinelanes.h"
#include "timeline/timelinewidget.h"

#include "learneranswer.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace pollscope;
using namespace pollscope::ui;
using pollscope::test::answerNext;

namespace {

const char *const kWindowContext = "pollscope::ui::MainWindow";
const char *const kMenus[] = {"&File", "&View", "&Run", "&Tour", "&Help"};

bool hasHan(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.script() == QChar::Script_Han; });
}

QString translated(const char *context, const char *source)
{
    return QCoreApplication::translate(context, source);
}

QStringList menuTitles(const MainWindow &window)
{
    QStringList titles;
    for (const QAction *action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

QStringList expectedMenuTitles()
{
    QStringList titles;
    for (const char *menu : kMenus)
        titles << translated(kWindowContext, menu);
    return titles;
}

QString dockTitle(const MainWindow &window, const char *objectName)
{
    const auto *dock = window.findChild<QDockWidget *>(QLatin1String(objectName));
    return dock ? dock->windowTitle() : QString();
}

// The summary the event log shows for the first event of `kind`.
QString summaryOf(const MainWindow &window, EventKind kind)
{
    const TraceStore *store = window.store();
    const EventLogModel *log = window.findChild<EventLogWidget *>()->model();
    for (qsizetype i = 0; i < store->size(); ++i) {
        if (store->at(i).kind == kind)
            return log->index(int(i), EventLogModel::SummaryColumn).data().toString();
    }
    return {};
}

QString wakeupLaneLabel(const MainWindow &window)
{
    const TimelineLanes *lanes = window.timeline()->lanes();
    const int row = lanes->rowOfWatch(1);
    return row < 0 ? QString() : lanes->lane(row).label;
}

QString detailsText(const MainWindow &window)
{
    return window.findChild<QTextBrowser *>()->toPlainText();
}

QString narration(const MainWindow &window)
{
    return window.findChild<QLabel *>(QStringLiteral("narration"))->text();
}

QAction *languageAction(const MainWindow &window, const QString &locale)
{
    return window.findChild<QAction *>(QStringLiteral("language_") + locale);
}

} // namespace

class TestTranslatedWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void chineseAndBack();
    void cleanupTestCase();
};

void TestTranslatedWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(QStringLiteral("language"));
    const QList<Languages::Language> languages = Languages::instance()->available();
    QCOMPARE(languages.size(), 2);
    QCOMPARE(languages[0].locale, QStringLiteral("en"));
    QCOMPARE(languages[0].name, QStringLiteral("English"));
    QCOMPARE(languages[1].locale, QStringLiteral("zh_CN"));
    QCOMPARE(languages[1].name, QStringLiteral("简体中文"));
}

void TestTranslatedWindow::chineseAndBack()
{
    QVERIFY(Languages::instance()->switchTo(QStringLiteral("zh_CN")));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.locale(), QStringLiteral("zh_CN"));

    // Made in Chinese.
    const QStringList chineseMenus = expectedMenuTitles();
    QCOMPARE(menuTitles(window), chineseMenus);
    QCOMPARE(chineseMenus.first(), QStringLiteral("文件(&F)"));
    for (const QString &title : chineseMenus)
        QVERIFY2(hasHan(title), qPrintable(title));
    QCOMPARE(dockTitle(window, "eventLogDock"), translated(kWindowContext, "Event log"));
    QVERIFY(hasHan(dockTitle(window, "eventLogDock")));
    QVERIFY(languageAction(window, QStringLiteral("zh_CN"))->isChecked());
    QVERIFY(!languageAction(window, QStringLiteral("en"))->isChecked());

    // A bilingual tour stop, played to its end: narration, the log, the details of
    // the focus event and the lanes all speak Chinese.
    const QString stop = qEnvironmentVariable("POLLSCOPE_SOURCE_DIR") + QStringLiteral("/scenarios/tour/01-loop-init.yaml");
    QSignalSpy finished(&window, &MainWindow::scenarioFinished);
    QTimer answering;
    connect(&answering, &QTimer::timeout, &window, [&] {
        if (window.scenarioPanel()->isAsking())
            answerNext(*window.scenarioPanel(), 1);
    });
    answering.start(20);
    QVERIFY2(window.openFile(stop, true), qPrintable(window.lastError()));
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().first().toBool());
    answering.stop();
    QCoreApplication::processEvents();

    QVERIFY2(hasHan(narration(window)), qPrintable(narration(window)));
    QVERIFY2(hasHan(summaryOf(window, EventKind::LoopInit)), qPrintable(summaryOf(window, EventKind::LoopInit)));
    QVERIFY2(detailsText(window).contains(QStringLiteral("为什么：")), qPrintable(detailsText(window)));
    QCOMPARE(wakeupLaneLabel(window), QStringLiteral("唤醒管道"));

    const QString folder = qEnvironmentVariable("POLLSCOPE_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(folder);
    QVERIFY(window.grab().save(folder + QStringLiteral("/mainwindow-zh_CN.png")));

    // View > Language > English: everything follows at once, and the choice is kept.
    languageAction(window, QStringLiteral("en"))->trigger();
    QCOMPARE(Languages::instance()->current(), QStringLiteral("en"));
    QCOMPARE(window.locale(), QStringLiteral("en"));
    QTRY_COMPARE(menuTitles(window), QStringList(std::begin(kMenus), std::end(kMenus)));
    QCOMPARE(dockTitle(window, "eventLogDock"), QStringLiteral("Event log"));
    QVERIFY(languageAction(window, QStringLiteral("en"))->isChecked());
    QVERIFY(!languageAction(window, QStringLiteral("zh_CN"))->isChecked());
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("en"));
    QVERIFY2(!hasHan(narration(window)) && !narration(window).isEmpty(), qPrintable(narration(window)));
    QVERIFY2(summaryOf(window, EventKind::LoopInit).startsWith(QStringLiteral("wakeup pipe created")),
             qPrintable(summaryOf(window, EventKind::LoopInit)));
    QVERIFY2(detailsText(window).contains(QStringLiteral("Why:")), qPrintable(detailsText(window)));
    QCOMPARE(wakeupLaneLabel(window), QStringLiteral("wakeup pipe"));
    QVERIFY(!hasHan(window.scenarioPanel()->verdict()));

    // And back to Chinese through the menu.
    languageAction(window, QStringLiteral("zh_CN"))->trigger();
    QTRY_COMPARE(menuTitles(window), chineseMenus);
    QVERIFY(hasHan(narration(window)));
    QVERIFY(hasHan(window.scenarioPanel()->verdict()));
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(Languages::instance()->startupLocale(), QStringLiteral("zh_CN"));
}

void TestTranslatedWindow::cleanupTestCase()
{
    Languages::instance()->switchTo(QStringLiteral("en"));
    QSettings().remove(QStringLiteral("language"));
}

QTEST_MAIN(TestTranslatedWindow)
#include "tst_translatedwindow.moc"
