// The main window: the timeline in the middle; docks for the loop's state, the event
// log, the details of the selected event, the scenario and the call flow; the loop's
// controls in a toolbar; files, recent files and exports in the File menu.
//
// Every view shares one TraceStore and one TraceCursor. The engine runs on its own
// threads in an EngineSession (a scenario, or the live daemon) and hands its events
// over in batches.
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QToolBar;

namespace pollscope {
struct Scenario;
}

namespace pollscope::ui {

class CallFlowWidget;
class DetailsWidget;
class CompareWindow;
class EngineSession;
class EventBatcher;
class EventLogWidget;
class HistoryScrubber;
class LegendWidget;
class LoopControls;
class LoopStateModel;
class LoopStateWidget;
class ScenarioPanel;
class ScenarioSession;
class ScenarioStepsModel;
class TimelineWidget;
class Tour;
class TraceCursor;
class TraceStore;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a scenario (.yaml) or a saved trace. With `play`, a scenario starts at
    // once. False, with the reason in lastError() (also shown), if it cannot.
    bool openFile(const QString &path, bool play = false);
    // Starts the daemon replica on a Unix socket, for the learner's own clients.
    bool startLiveDaemon(const QString &socketPath);
    // Starts Debian's real libvirtd in a temporary folder and follows its log live.
    bool startRealLibvirtd();
    // Opens two traces (or libvirtd logs) one above the other in a window of their
    // own, aligned by client message; nullptr, with lastError(), if one cannot be read.
    CompareWindow *openComparison(const QString &top, const QString &bottom);
    // The comparison a scenario with real_libvirtd opened when it ended (the replica's
    // run above, the real libvirtd's below), while it is open.
    CompareWindow *scenarioComparison() const;
    // Stops whatever engine session runs.
    void stopSession();
    // Writes the trace shown; false, with lastError(), if it cannot.
    bool exportTrace(const QString &path);
    // While a session records, the store keeps at most this many events and lets
    // the oldest go; remembered for the next start.
    void setKeptEventLimit(qsizetype limit);
    // About 110 bytes an event at the peak, with the lanes and models: under 1 GB.
    static constexpr qsizetype kDefaultKeptEvents = 8'000'000;

    QString lastError() const { return m_lastError; }
    TraceStore *store() const { return m_store; }
    TraceCursor *cursor() const { return m_cursor; }
    TimelineWidget *timeline() const { return m_timeline; }
    LoopControls *controls() const { return m_controls; }
    LoopStateModel *loopState() const { return m_loopState; }
    ScenarioPanel *scenarioPanel() const { return m_scenarioPanel; }
    ScenarioStepsModel *scenarioSteps() const { return m_scenarioSteps; }
    CallFlowWidget *callFlow() const { return m_callFlow; }
    Tour *tour() const { return m_tour; }
    HistoryScrubber *history() const { return m_history; }
    EngineSession *session() const { return m_session.get(); }
    QString locale() const { return m_locale; }

signals:
    // A scenario run ended; `passed` says whether all its expectations held.
    void scenarioFinished(bool passed);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QDockWidget *addDock(QWidget *widget, const QString &objectName, Qt::DockWidgetArea area);
    void createActions();
    void createLanguageMenu();
    void keptEventsDialog();
    void retranslate();
    // Whether the scenario says or asks anything.
    static bool isNarrated(const Scenario &scenario);
    // After a trace is opened: the scenario it was recorded from, shown.
    void showTraceSource(const QString &tracePath);
    void fitToScreen();
    void arrangeDocks();
    void restoreLayout();

    bool openScenario(const QString &path, bool play);
    void updateTourLabel();
    bool openTrace(const QString &path);
    void startScenarioSession(bool paused);
    void setSession(std::unique_ptr<EngineSession> session);
    void restart();
    void onScenarioFinished();
    // A scenario's real_libvirtd half ended: both runs side by side, or why not.
    void showRealLibvirtdRun(const QString &scenarioName);
    void onQuestionAsked(int stepIndex);
    void onSelectionChanged(qsizetype index);
    void chooseLanguage(const QString &locale);
    void onLanguageChanged(const QString &locale);
    void updateLanguageActions();
    void fail(const QString &message);

    void openDialog();
    void exportDialog();
    void liveDaemonDialog();
    void compareDialog();
    void showShortcuts();
    void showAbout();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void updateStatus();

    QPointer<CompareWindow> m_scenarioComparison;
    TraceStore *m_store;
    TraceCursor *m_cursor;
    EventBatcher *m_batcher;
    LoopStateModel *m_loopState;
    ScenarioStepsModel *m_scenarioSteps;
    TimelineWidget *m_timeline;
    LoopStateWidget *m_loopStateWidget;
    EventLogWidget *m_eventLog;
    DetailsWidget *m_details;
    ScenarioPanel *m_scenarioPanel;
    CallFlowWidget *m_callFlow;
    LegendWidget *m_legend;
    LoopControls *m_controls;
    Tour *m_tour;
    QLabel *m_tourLabel;
    QLabel *m_tourDockLabel;
    HistoryScrubber *m_history;
    QAction *m_tourStartAction = nullptr;

    QList<QDockWidget *> m_docks;
    QToolBar *m_controlsBar = nullptr;
    QToolBar *m_historyBar = nullptr;
    QToolBar *m_tourBar = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_tourMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QActionGroup *m_languageActions = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_liveAction = nullptr;
    QAction *m_realLibvirtdAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_stopLiveAction = nullptr;
    QAction *m_keptEventsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_wallTimeAction = nullptr;
    QAction *m_zoomSelectionAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QLabel *m_statusLoop;
    QLabel *m_statusEvents;

    std::unique_ptr<Scenario> m_scenario; // the scenario open, if any
    QString m_scenarioPath;
    std::unique_ptr<EngineSession> m_session;
    QString m_currentFile;
    QString m_lastError;
    QString m_locale; // the interface's language, for the scenario texts too
    bool m_questionPausedLoop = false;
    bool m_arrangeDocksOnShow = false; // no saved layout: size the docks to the shown window
};

} // namespace pollscope::ui
