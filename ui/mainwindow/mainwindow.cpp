#include "mainwindow.h"

#include "datapaths.h"
#include "historyscrubber.h"
#include "languages.h"
#include "livedaemondialog.h"
#include "loopcontrols.h"
#include "tour.h"

#include "compare/comparewindow.h"
#include "docks/callflowwidget.h"
#include "docks/detailswidget.h"
#include "docks/eventlogwidget.h"
#include "docks/loopstatewidget.h"
#include "models/loopstatemodel.h"
#include "scenario/scenariopanel.h"
#include "scenario/scenariostepsmodel.h"
#include "session/daemonsession.h"
#include "session/reallibvirtdsession.h"
#include "session/eventbatcher.h"
#include "session/scenariosession.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timeline/legendwidget.h"
#include "timeline/timelinelanes.h"
#include "timeline/timelinewidget.h"

#include "daemon/daemonconfig.h"
#include "eventpoll/stepcontrol.h"
#include "scenario/scenarioparser.h"
#include "import/libvirtdlog.h"
#include "trace/threadnames.h"
#include "trace/traceloader.h"
#include "trace/tracewriter.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QTextBrowser>
#include <QToolBar>

namespace pollscope::ui {

namespace {

constexpr int kRecentFiles = 8;
// Saved dock layouts of another version are not restored: version 1 put the legend
// and the call flow in one tab.
constexpr int kLayoutVersion = 2;

// The speed a narrated scenario starts at: a wait of this much at each phase boundary.
constexpr std::chrono::milliseconds kNarratedDelay{100};

int narratedSpeed()
{
    for (int position = 0; position < LoopControls::speedPositions(); ++position) {
        if (LoopControls::delayForSpeed(position) == kNarratedDelay)
            return position;
    }
    return 0;
}

bool isScenarioFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_store(new TraceStore(this))
    , m_cursor(new TraceCursor(m_store, this))
    , m_batcher(new EventBatcher(m_store, this))
    , m_loopState(new LoopStateModel(m_store, this))
    , m_scenarioSteps(new ScenarioStepsModel(this))
    , m_timeline(new TimelineWidget(m_cursor, this))
    , m_loopStateWidget(new LoopStateWidget(m_loopState, this))
    , m_eventLog(new EventLogWidget(m_cursor, this))
    , m_details(new DetailsWidget(m_cursor, this))
    , m_scenarioPanel(new ScenarioPanel(m_scenarioSteps, this))
    , m_callFlow(new CallFlowWidget(m_cursor, this))
    , m_legend(new LegendWidget(this))
    , m_controls(new LoopControls(this))
    , m_tour(new Tour(this, tourScenarios()))
    , m_tourLabel(new QLabel(this))
    , m_tourDockLabel(new QLabel(this))
    , m_history(new HistoryScrubber(m_cursor, this))
    , m_statusLoop(new QLabel(this))
    , m_statusEvents(new QLabel(this))
    , m_locale(Languages::instance()->current())
{
    // The GUI thread starts the live daemon, as libvirtd's main() does: its events
    // are the main thread's.
    ThreadNames::setCurrent("main");
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setCentralWidget(m_timeline);
    setDockNestingEnabled(true);
    // The scenario runs the full height, beside the timeline and the bottom docks.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);

    auto *legendScroll = new QScrollArea(this);
    legendScroll->setWidget(m_legend);
    legendScroll->setWidgetResizable(true);
    addDock(m_scenarioPanel, QStringLiteral("scenarioDock"), Qt::LeftDockWidgetArea);
    addDock(m_callFlow, QStringLiteral("callFlowDock"), Qt::RightDockWidgetArea);
    addDock(legendScroll, QStringLiteral("legendDock"), Qt::RightDockWidgetArea);
    addDock(m_loopStateWidget, QStringLiteral("loopStateDock"), Qt::BottomDockWidgetArea);
    addDock(m_details, QStringLiteral("detailsDock"), Qt::BottomDockWidgetArea);
    addDock(m_eventLog, QStringLiteral("eventLogDock"), Qt::BottomDockWidgetArea);
    splitDockWidget(m_docks[3], m_docks[4], Qt::Horizontal);
    // The legend under the call flow, both in sight at once.
    splitDockWidget(m_docks[1], m_docks[2], Qt::Vertical);

    createActions();
    statusBar()->addWidget(m_statusLoop, 1);
    statusBar()->addPermanentWidget(m_statusEvents);
    // A message takes the loop's place while it lasts. QStatusBar hides the label only
    // implicitly, and opening a trace in Chinese showed it again under the message.
    connect(statusBar(), &QStatusBar::messageChanged, m_statusLoop,
            [this](const QString &message) { m_statusLoop->setVisible(message.isEmpty()); });

    connect(m_controls, &LoopControls::startRequested, this, &MainWindow::startScenarioSession);
    connect(m_controls, &LoopControls::restartRequested, this, &MainWindow::restart);
    m_controls->setStore(m_store);
    connect(m_controls, &LoopControls::stateChanged, this, &MainWindow::updateStatus);
    connect(m_store, &TraceStore::appended, this, &MainWindow::updateStatus);
    connect(m_store, &TraceStore::reset, this, &MainWindow::updateStatus);
    connect(m_cursor, &TraceCursor::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_scenarioPanel, &ScenarioPanel::answered, this, [this](int choice) {
        if (auto *scenario = qobject_cast<ScenarioSession *>(m_session.get()))
            scenario->answer(choice);
        if (m_questionPausedLoop && m_session && m_session->isRunning())
            m_session->stepControl().resume();
        m_questionPausedLoop = false;
    });

    m_store->setKeptEventLimit(
        QSettings().value(QStringLiteral("recording/keptEvents"), qlonglong(kDefaultKeptEvents)).toLongLong());

    retranslate();
    restoreLayout();
    updateRecentMenu();
    updateStatus();
}

void MainWindow::setKeptEventLimit(qsizetype limit)
{
    m_store->setKeptEventLimit(limit);
    QSettings().setValue(QStringLiteral("recording/keptEvents"), qlonglong(limit));
}

void MainWindow::keptEventsDialog()
{
    bool accepted = false;
    const int limit = QInputDialog::getInt(
        this, tr("Events Kept While Recording"),
        tr("A running session keeps at most this many events. Past it, the oldest quarter is let go "
           "and the status bar counts them; a saved trace always opens whole. Each event takes about "
           "110 bytes with its place in the views: the default, %1, stays under 1 GB.")
            .arg(QLocale().toString(qlonglong(kDefaultKeptEvents))),
        int(m_store->keptEventLimit()), 100'000, 500'000'000, 1'000'000, &accepted);
    if (accepted)
        setKeptEventLimit(limit);
}

MainWindow::~MainWindow()
{
    stopSession();
}

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &objectName, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::createActions()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_openAction = m_fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), this,
                                         &MainWindow::openDialog);
    m_openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_exportAction = m_fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this,
                                           &MainWindow::exportDialog);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_compareAction = m_fileMenu->addAction(QString(), this, &MainWindow::compareDialog);
    m_fileMenu->addSeparator();
    m_liveAction = m_fileMenu->addAction(QString(), this, &MainWindow::liveDaemonDialog);
    m_liveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_realLibvirtdAction = m_fileMenu->addAction(QString(), this, &MainWindow::startRealLibvirtd);
    m_stopLiveAction = m_fileMenu->addAction(QString(), this, &MainWindow::stopSession);
    m_keptEventsAction = m_fileMenu->addAction(QString(), this, &MainWindow::keptEventsDialog);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_fitAction = m_viewMenu->addAction(QString(), m_timeline, &TimelineWidget::fitAll);
    m_fitAction->setShortcut(Qt::Key_F);
    m_followAction = m_viewMenu->addAction(QString());
    m_followAction->setCheckable(true);
    m_followAction->setChecked(m_timeline->followLive());
    m_followAction->setShortcut(Qt::Key_L);
    connect(m_followAction, &QAction::toggled, m_timeline, &TimelineWidget::setFollowLive);
    connect(m_timeline, &TimelineWidget::followLiveChanged, m_followAction, &QAction::setChecked);
    m_zoomInAction = m_viewMenu->addAction(QString(), m_timeline, &TimelineWidget::zoomIn);
    m_zoomInAction->setShortcut(QKeySequence::ZoomIn);
    m_zoomOutAction = m_viewMenu->addAction(QString(), m_timeline, &TimelineWidget::zoomOut);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    m_zoomSelectionAction = m_viewMenu->addAction(QString(), m_timeline, &TimelineWidget::frameSelection);
    m_zoomSelectionAction->setShortcut(Qt::Key_Z);
    m_wallTimeAction = m_viewMenu->addAction(QString());
    m_wallTimeAction->setObjectName(QStringLiteral("wallTimeAction"));
    m_wallTimeAction->setCheckable(true);
    connect(m_wallTimeAction, &QAction::toggled, this, [this](bool wall) {
        m_timeline->lanes()->setTimeAxis(wall ? TimelineLanes::TimeAxis::Wall : TimelineLanes::TimeAxis::Loop);
        m_timeline->fitAll();
    });
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({m_history->stepBackAction(), m_history->stepForwardAction()});
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : m_docks)
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    createLanguageMenu();

    m_runMenu = menuBar()->addMenu(QString());
    m_runMenu->addActions({m_controls->playAction(), m_controls->pauseAction(), m_controls->stepPhaseAction(),
                           m_controls->stepIterationAction(), m_controls->restartAction()});
    m_runMenu->addSeparator();
    m_runMenu->addActions({m_controls->fasterAction(), m_controls->slowerAction()});

    m_tourMenu = menuBar()->addMenu(QString());
    m_tourStartAction = m_tourMenu->addAction(QString(), m_tour, &Tour::start);
    m_tourMenu->addActions({m_tour->backAction(), m_tour->nextAction()});
    connect(m_tour, &Tour::stopChanged, this, &MainWindow::updateTourLabel);

    m_helpMenu = menuBar()->addMenu(QString());
    m_shortcutsAction = m_helpMenu->addAction(QString(), this, &MainWindow::showShortcuts);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);

    m_controlsBar = addToolBar(QString());
    m_controlsBar->setObjectName(QStringLiteral("controlsToolBar"));
    m_controlsBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_controlsBar->addAction(m_openAction);
    m_controlsBar->addSeparator();
    m_controlsBar->addActions({m_controls->playAction(), m_controls->pauseAction(), m_controls->stepPhaseAction(),
                         m_controls->stepIterationAction(), m_controls->restartAction()});
    m_controlsBar->addSeparator();
    m_controlsBar->addWidget(m_controls->speedSlider());
    m_controlsBar->addSeparator();
    m_controlsBar->addAction(m_fitAction);
    m_controlsBar->addAction(m_followAction);

    m_historyBar = addToolBar(QString());
    m_historyBar->setObjectName(QStringLiteral("historyToolBar"));
    m_historyBar->addWidget(m_history);

    // The tour on a row of its own, so that a narrow screen never folds its
    // buttons into the toolbar's overflow menu.
    addToolBarBreak();
    m_tourBar = addToolBar(QString());
    m_tourBar->setObjectName(QStringLiteral("tourToolBar"));
    m_tourBar->addAction(m_tour->backAction());
    m_tourBar->addWidget(m_tourLabel);
    m_tourBar->addAction(m_tour->nextAction());
    // The same navigation where the learner reads the stop, whatever the toolbar shows.
    m_tourDockLabel->setAlignment(Qt::AlignCenter);
    m_scenarioPanel->setNavigation({m_tour->backAction(), m_tour->nextAction()}, m_tourDockLabel);
}

void MainWindow::createLanguageMenu()
{
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageActions = new QActionGroup(this);
    for (const Languages::Language &language : Languages::instance()->available()) {
        // Each language is named in itself, whatever the language of the interface.
        QAction *action = m_languageMenu->addAction(language.name);
        action->setObjectName(QStringLiteral("language_") + language.locale);
        action->setData(language.locale);
        action->setCheckable(true);
        m_languageActions->addAction(action);
        connect(action, &QAction::triggered, this, [this, locale = language.locale] { chooseLanguage(locale); });
    }
    updateLanguageActions();
    connect(Languages::instance(), &Languages::currentChanged, this, &MainWindow::onLanguageChanged);
}

void MainWindow::chooseLanguage(const QString &locale)
{
    if (Languages::instance()->switchTo(locale)) {
        Languages::saveChoice(locale);
        return;
    }
    fail(tr("The %1 translation cannot be loaded.").arg(locale));
    updateLanguageActions();
}

void MainWindow::onLanguageChanged(const QString &locale)
{
    // The widgets retranslate themselves on QEvent::LanguageChange; the scenario's
    // own texts come from its file, in the language chosen here.
    m_locale = locale;
    updateLanguageActions();
    m_scenarioPanel->setLocale(locale);
}

void MainWindow::updateLanguageActions()
{
    for (QAction *action : m_languageActions->actions())
        action->setChecked(action->data().toString() == m_locale);
}

void MainWindow::updateTourLabel()
{
    m_tourLabel->setText(m_tour->isActive() ? tr("Tour: stop %1 of %2").arg(m_tour->currentStop() + 1).arg(m_tour->stopCount())
                                            : tr("Tour"));
    m_tourDockLabel->setText(m_tourLabel->text());
}

void MainWindow::retranslate()
{
    setWindowTitle(m_currentFile.isEmpty() ? tr("pollscope")
                                           : tr("%1 - pollscope").arg(QFileInfo(m_currentFile).fileName()));
    const QStringList dockTitles = {tr("Scenario"), tr("Call flow"), tr("Legend"),
                                    tr("Loop state"), tr("Details"), tr("Event log")};
    for (qsizetype i = 0; i < m_docks.size(); ++i)
        m_docks[i]->setWindowTitle(dockTitles[i]);
    m_controlsBar->setWindowTitle(tr("Loop controls"));
    m_historyBar->setWindowTitle(tr("Rewind"));
    m_tourBar->setWindowTitle(tr("Guided tour"));
    m_fileMenu->setTitle(tr("&File"));
    m_openAction->setText(tr("&Open..."));
    m_openAction->setToolTip(tr("Open a scenario or a saved trace"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_exportAction->setText(tr("&Export Trace..."));
    m_compareAction->setText(tr("&Compare Two Traces..."));
    m_compareAction->setToolTip(tr("Show two traces one above the other, aligned by client message: the replica "
                                   "and the real libvirtd"));
    m_liveAction->setText(tr("Start &Live Daemon..."));
    if (RealLibvirtd::findProgram()) {
        m_realLibvirtdAction->setText(tr("Real &libvirtd"));
        m_realLibvirtdAction->setToolTip(tr("Start the real libvirtd 9 in a temporary folder and watch its log live"));
    } else {
        m_realLibvirtdAction->setText(tr("Real libvirtd (install the package %1)").arg(QLatin1String(RealLibvirtd::kPackage)));
        m_realLibvirtdAction->setToolTip(tr("libvirtd is not installed: sudo apt install %1").arg(QLatin1String(RealLibvirtd::kPackage)));
    }
    m_stopLiveAction->setText(tr("S&top the Daemon"));
    m_keptEventsAction->setText(tr("Events &Kept While Recording..."));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_fitAction->setText(tr("&Fit All"));
    m_followAction->setText(tr("F&ollow Live"));
    m_zoomInAction->setText(tr("Zoom &In"));
    m_zoomOutAction->setText(tr("Zoom O&ut"));
    m_zoomSelectionAction->setText(tr("&Zoom to Selection"));
    m_wallTimeAction->setText(tr("&Wall Time Axis (with pauses)"));
    m_wallTimeAction->setToolTip(tr("The time axis leaves out the time pollscope held the loop, unless this is on."));
    m_languageMenu->setTitle(tr("&Language"));
    m_runMenu->setTitle(tr("&Run"));
    m_tourMenu->setTitle(tr("&Tour"));
    m_tourStartAction->setText(tr("&Start the Guided Tour"));
    updateTourLabel();
    m_helpMenu->setTitle(tr("&Help"));
    m_shortcutsAction->setText(tr("&Keyboard Shortcuts"));
    m_aboutAction->setText(tr("&About pollscope"));
    updateRecentMenu();
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        fitToScreen();
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion))
        m_arrangeDocksOnShow = true;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Only the size the window is shown at tells how much room the docks have.
    if (m_arrangeDocksOnShow) {
        m_arrangeDocksOnShow = false;
        arrangeDocks();
    }
}

void MainWindow::fitToScreen()
{
    // Most of the screen, up to what the views can use: a 1280x720 screen gets
    // all of its room, a large one no more than 1600x1000.
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1600, 1000);
    const QSize size(std::min(1600, available.width() * 19 / 20), std::min(1000, available.height() * 19 / 20));
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
}

void MainWindow::arrangeDocks()
{
    // The timeline keeps at least about half the width and height.
    const int sideWidth = std::clamp(width() / 5, 220, 340);
    resizeDocks({m_docks[0], m_docks[1]}, {sideWidth, sideWidth}, Qt::Horizontal);
    resizeDocks({m_docks[1], m_docks[2]}, {height() / 2, height() / 3}, Qt::Vertical);
    const int bottomHeight = std::clamp(height() / 3, 160, 300);
    resizeDocks({m_docks[3], m_docks[5]}, {bottomHeight, bottomHeight}, Qt::Vertical);
    // Loop state, Details and the Event log share the bottom: none of them a sliver.
    const int bottomWidth = width() - sideWidth;
    resizeDocks({m_docks[3], m_docks[4], m_docks[5]}, {bottomWidth * 3 / 10, bottomWidth / 4, bottomWidth * 9 / 20},
                Qt::Horizontal);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    stopSession();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        openFile(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

void MainWindow::fail(const QString &message)
{
    m_lastError = message;
    // A window nobody looks at (a test, offscreen) must not block on a dialog.
    if (isVisible() && QGuiApplication::platformName() != QLatin1String("offscreen"))
        QMessageBox::warning(this, tr("pollscope"), message);
    statusBar()->showMessage(message, 10000);
}

bool MainWindow::openFile(const QString &path, bool play)
{
    m_lastError.clear();
    if (m_tour->isActive() && QFileInfo(path) != QFileInfo(tourScenarios().value(m_tour->currentStop())))
        m_tour->leave();
    const bool opened = isScenarioFile(path) ? openScenario(path, play) : openTrace(path);
    if (opened) {
        m_currentFile = path;
        addRecentFile(path);
        retranslate();
    }
    return opened;
}

bool MainWindow::isNarrated(const Scenario &scenario)
{
    for (const ScenarioClient &client : scenario.clients) {
        for (const ScenarioStep &step : client.steps) {
            if (!step.say.empty() || std::holds_alternative<steps::Ask>(step.action))
                return true;
        }
    }
    return false;
}

bool MainWindow::openScenario(const QString &path, bool play)
{
    auto parsed = parseScenarioFile(path.toStdString());
    if (const Error *error = parsed.failure()) {
        fail(QString::fromStdString(error->describe()));
        return false;
    }
    stopSession();
    m_store->clear();
    // A trace saved from this run names the scenario it came from.
    m_store->setSource(QFileInfo(path).absoluteFilePath());
    m_scenario = std::make_unique<Scenario>(std::move(parsed.value()));
    m_scenarioPath = path;
    m_scenarioPanel->showScenario(m_scenario.get(), m_locale);
    // A narrated scenario is followed as it runs: it starts in slow motion. A plain
    // one is a measurement: full speed.
    QSlider *speed = m_controls->speedSlider();
    speed->setValue(isNarrated(*m_scenario) ? narratedSpeed() : speed->maximum());
    setSession(std::make_unique<ScenarioSession>(*m_scenario, m_batcher, m_locale));
    if (play)
        m_controls->play();
    return true;
}

bool MainWindow::openTrace(const QString &path)
{
    QString problem;
    Result<TraceStore::LoadedTrace> trace = Error{};
    if (isLibvirtdLog(path.toStdString())) {
        // A real libvirtd's log: imported, its steps beside the replica's kinds.
        Result<LibvirtdLogImport> imported = importLibvirtdLog(path.toStdString());
        if (imported) {
            problem = QString::fromStdString(imported->problem);
            trace = TraceStore::compact(std::move(imported->session));
        } else {
            trace = imported.error();
        }
    } else {
        trace = TraceStore::readFile(path.toStdString());
        // A binary trace cut off opens up to its last whole event, and says where.
        if (trace)
            problem = QString::fromStdString(trace->session.warning);
    }
    if (!trace) {
        fail(QString::fromStdString(trace.error().describe()));
        return false;
    }
    stopSession();
    setSession(nullptr);
    m_scenario.reset();
    m_scenarioPanel->clear();
    m_store->setLoaded(std::move(*trace));
    showTraceSource(path);
    m_timeline->fitAll();
    if (!problem.isEmpty())
        statusBar()->showMessage(problem, 10000);
    return true;
}

void MainWindow::showTraceSource(const QString &tracePath)
{
    // The scenario a saved trace was recorded from, if it can still be read: its
    // steps and narration go with the trace, and Restart runs it again.
    const QString source = m_store->source();
    if (source.isEmpty())
        return;
    QString path = source;
    if (QFileInfo(path).isRelative() && !QFileInfo::exists(path))
        path = QFileInfo(tracePath).dir().filePath(source);
    if (isScenarioFile(path) && QFileInfo::exists(path)) {
        auto parsed = parseScenarioFile(path.toStdString());
        if (parsed) {
            m_scenario = std::make_unique<Scenario>(std::move(parsed.value()));
            m_scenarioPath = path;
            m_scenarioPanel->showScenario(m_scenario.get(), m_locale);
        }
    }
    statusBar()->showMessage(tr("A trace recorded from %1").arg(source));
}

void MainWindow::setSession(std::unique_ptr<EngineSession> session)
{
    m_controls->setSession(nullptr);
    m_session = std::move(session);
    if (auto *scenario = qobject_cast<ScenarioSession *>(m_session.get())) {
        connect(scenario, &ScenarioSession::stepStarted, m_scenarioSteps,
                [this](int step) { m_scenarioSteps->setCurrentStep(step); });
        connect(scenario, &ScenarioSession::questionAsked, this, &MainWindow::onQuestionAsked);
        connect(scenario, &EngineSession::finished, this, &MainWindow::onScenarioFinished);
    }
    // The real libvirtd's loop is GLib's: nothing holds or steps it.
    m_controls->setSession(qobject_cast<RealLibvirtdSession *>(m_session.get()) ? nullptr : m_session.get());
    m_stopLiveAction->setEnabled(m_session != nullptr);
    updateStatus();
}

void MainWindow::startScenarioSession(bool paused)
{
    if (!m_session || m_session->isRunning())
        return;
    if (!m_session->start(paused)) {
        fail(m_session->error());
        return;
    }
    m_timeline->setFollowLive(true);
    m_controls->setSession(m_session.get());
}

void MainWindow::restart()
{
    if (m_scenario)
        openScenario(m_scenarioPath, m_controls->isPlaying());
}

void MainWindow::stopSession()
{
    if (m_session)
        m_session->stop();
    m_batcher->flush();
    m_stopLiveAction->setEnabled(false);
    updateStatus();
}

void MainWindow::onScenarioFinished()
{
    auto *scenario = qobject_cast<ScenarioSession *>(m_session.get());
    if (!scenario || !scenario->result())
        return;
    const ScenarioRunResult &result = *scenario->result();
    m_controls->setSession(m_session.get());
    if (!result.setupError.empty())
        fail(QString::fromStdString(result.setupError));
    else if (!result.passed())
        statusBar()->showMessage(tr("The scenario ended, and %n expectation(s) did not hold: %1", nullptr,
                                    int(result.failures.size()))
                                     .arg(QString::fromStdString(result.failures.front().message)));
    else
        statusBar()->showMessage(tr("The scenario ended: every expectation held."), 10000);
    if (result.realLibvirtd)
        showRealLibvirtdRun(QFileInfo(m_scenarioPath).completeBaseName());
    if (result.focusSeq) {
        // Show what this scenario is about: every view follows the selection.
        const qsizetype focus = m_store->indexOfSeq(*result.focusSeq);
        if (focus >= 0) {
            m_cursor->select(focus);
            // The stop's own events, never the whole recording with the learner's
            // thinking time in it.
            m_timeline->frameEvent(focus);
        }
    }
    emit scenarioFinished(result.passed());
}

void MainWindow::onQuestionAsked(int stepIndex)
{
    // The loop waits while the learner thinks: predict, then see. The answer resumes
    // it only if this pause was the one that held it: a question asked while the
    // daemon starts comes during the runner's own hold, which the runner ends.
    if (m_session && m_session->isRunning() && m_controls->isPlaying())
        m_questionPausedLoop = m_session->stepControl().pause();
    m_docks[0]->show();
    m_docks[0]->raise();
    m_scenarioPanel->ask(stepIndex);
}

void MainWindow::onSelectionChanged(qsizetype index)
{
    // Rewind: the loop state and the scenario follow the selected moment.
    if (index < 0) {
        m_loopState->setFollowsNewest(true);
        return;
    }
    m_loopState->seek(index);
    for (qsizetype i = index; i >= 0; --i) {
        const TraceEvent &event = m_store->at(i);
        if (event.kind == EventKind::ClientAction && event.has(TraceField::Step)) {
            m_scenarioSteps->setCurrentStep(event.step);
            break;
        }
    }
}

bool MainWindow::startLiveDaemon(const QString &socketPath)
{
    m_lastError.clear();
    const auto address = ListenAddress::parse("unix:" + socketPath.toStdString(), false);
    if (!address) {
        fail(tr("The socket path %1 cannot be used: %2").arg(socketPath, QString::fromStdString(address.error().message)));
        return false;
    }
    QDir().mkpath(QFileInfo(socketPath).absolutePath());
    DaemonConfig config;
    config.listen = {*address};
    stopSession();
    m_store->clear();
    m_scenario.reset();
    m_scenarioPanel->clear();
    auto session = std::make_unique<DaemonSession>(config, m_batcher);
    if (!session->start(false)) {
        fail(tr("The live daemon cannot start: %1").arg(session->error()));
        return false;
    }
    const QString virsh = session->virshCommand();
    setSession(std::move(session));
    m_controls->play();
    m_timeline->setFollowLive(true);
    m_currentFile.clear();
    retranslate();
    statusBar()->showMessage(tr("Live daemon on %1. Try: %2").arg(socketPath, virsh));
    return true;
}

bool MainWindow::startRealLibvirtd()
{
    m_lastError.clear();
    if (!RealLibvirtd::findProgram()) {
        fail(tr("libvirtd is not installed. Install the package %1: sudo apt install %1")
                 .arg(QLatin1String(RealLibvirtd::kPackage)));
        return false;
    }
    stopSession();
    m_store->clear();
    m_scenario.reset();
    m_scenarioPanel->clear();
    auto session = std::make_unique<RealLibvirtdSession>(m_batcher);
    if (!session->start(false)) {
        fail(tr("The real libvirtd cannot start: %1").arg(session->error()));
        return false;
    }
    m_store->setOrigin(kLibvirtdLogOrigin);
    m_store->setSource(session->uri());
    const QString virsh = session->virshCommand();
    setSession(std::move(session));
    m_timeline->setFollowLive(true);
    m_currentFile.clear();
    retranslate();
    statusBar()->showMessage(tr("Real libvirtd running. Try: %1").arg(virsh));
    return true;
}

bool MainWindow::exportTrace(const QString &path)
{
    const TraceFormat format = path.endsWith(QLatin1String(".jsonl")) ? TraceFormat::JsonLines : TraceFormat::Chrome;
    if (const Result<void> written = pollscope::exportTrace(m_store->toSession(), path.toStdString(), format);
        !written) {
        fail(QString::fromStdString(written.error().describe()));
        return false;
    }
    statusBar()->showMessage(tr("Trace written to %1").arg(path), 10000);
    return true;
}

void MainWindow::openDialog()
{
    const QString start = m_currentFile.isEmpty() ? QDir::currentPath() : QFileInfo(m_currentFile).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a scenario or a trace"), start,
        tr("Scenarios, traces and libvirtd logs (*.yaml *.yml *.jsonl *.json *.log);;Scenarios (*.yaml *.yml);;"
           "Traces (*.jsonl *.json);;libvirtd logs (*.log);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::exportDialog()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the trace"), QDir::homePath(),
                                                      tr("JSON Lines (*.jsonl);;Chrome trace, for Perfetto (*.json)"),
                                                      &selected);
    if (path.isEmpty())
        return;
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += selected.contains(QLatin1String("jsonl")) ? QStringLiteral(".jsonl") : QStringLiteral(".json");
    exportTrace(target);
}

void MainWindow::compareDialog()
{
    const QString start = m_currentFile.isEmpty() ? QDir::currentPath() : QFileInfo(m_currentFile).absolutePath();
    const QString filter = tr("Traces and libvirtd logs (*.jsonl *.json *.log);;All files (*)");
    const QString top = QFileDialog::getOpenFileName(this, tr("The trace to show above (the replica's)"), start, filter);
    if (top.isEmpty())
        return;
    const QString bottom = QFileDialog::getOpenFileName(this, tr("The trace to show below (the real libvirtd's)"),
                                                        QFileInfo(top).absolutePath(), filter);
    if (!bottom.isEmpty())
        openComparison(top, bottom);
}

void MainWindow::showRealLibvirtdRun(const QString &scenarioName)
{
    auto *scenario = qobject_cast<ScenarioSession *>(m_session.get());
    const RealLibvirtdResult &real = *scenario->result()->realLibvirtd;
    if (!real.installed) {
        // A message that stays: the learner needs it to get the other half.
        statusBar()->showMessage(tr("libvirtd is not installed, so only the replica ran: install the package %1 "
                                    "to watch the real libvirtd 9 run the same steps")
                                     .arg(QLatin1String(RealLibvirtd::kPackage)));
        return;
    }
    if (!real.ran)
        return;
    if (m_scenarioComparison)
        m_scenarioComparison->close();
    auto *window = new CompareWindow(this);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setTraces(scenario->result()->session, real.session, tr("%1, the replica's run").arg(scenarioName),
                      tr("%1, the real libvirtd's run").arg(scenarioName));
    window->show();
    m_scenarioComparison = window;
}

CompareWindow *MainWindow::scenarioComparison() const
{
    return m_scenarioComparison;
}

CompareWindow *MainWindow::openComparison(const QString &top, const QString &bottom)
{
    m_lastError.clear();
    auto *window = new CompareWindow(this);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (!window->open(top, bottom)) {
        fail(window->lastError());
        delete window;
        return nullptr;
    }
    window->show();
    return window;
}

void MainWindow::liveDaemonDialog()
{
    LiveDaemonDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        startLiveDaemon(dialog.socketPath());
}

void MainWindow::showShortcuts()
{
    // "&Open..." and "打开(&O)..." alike lose their mnemonic, with its brackets if it has them.
    static const QRegularExpression mnemonic(QStringLiteral("\\(&\\w\\)|&"));
    QString rows;
    const QList<QAction *> actions = {m_openAction, m_exportAction, m_liveAction, m_quitAction,
                                      m_controls->playAction(), m_controls->pauseAction(),
                                      m_controls->stepPhaseAction(), m_controls->stepIterationAction(),
                                      m_controls->restartAction(), m_controls->fasterAction(),
                                      m_controls->slowerAction(), m_fitAction, m_followAction, m_zoomInAction,
                                      m_zoomOutAction, m_zoomSelectionAction, m_history->stepBackAction(), m_history->stepForwardAction(),
                                      m_tour->backAction(), m_tour->nextAction(), m_shortcutsAction};
    for (QAction *action : actions) {
        rows += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                    .arg(action->text().remove(mnemonic), action->shortcut().toString(QKeySequence::NativeText));
    }
    rows += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                .arg(tr("Pan the timeline"), tr("drag, or Left and Right"));
    rows += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>").arg(tr("Zoom about the pointer"), tr("mouse wheel"));
    QMessageBox box(this);
    box.setWindowTitle(tr("Keyboard shortcuts"));
    box.setTextFormat(Qt::RichText);
    box.setText(QStringLiteral("<table cellspacing=6>%1</table>").arg(rows));
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About pollscope"),
                       tr("<b>pollscope %1</b><p>See how a real daemon's event loop works: a faithful replica of "
                          "libvirt 0.9's virEventPoll loop and libvirtd, traced step by step.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kRecentFiles)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateStatus()
{
    m_statusLoop->setText(m_controls->statusText());
    QString events = tr("%n event(s)", nullptr, int(m_store->size()));
    if (const int64_t lost = m_store->lostEvents())
        events += tr(", %1 lost (the trace buffer was full)").arg(QLocale().toString(qlonglong(lost)));
    if (const qsizetype letGo = m_store->eventsLetGo())
        events += tr(", %1 older ones let go (keeping the newest %2)")
                      .arg(QLocale().toString(qlonglong(letGo)), QLocale().toString(qlonglong(m_store->keptEventLimit())));
    m_statusEvents->setText(events);
    m_exportAction->setEnabled(!m_store->isEmpty());
}

} // namespace pollscope::ui
