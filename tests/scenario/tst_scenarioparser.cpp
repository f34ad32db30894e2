// The scenario parser (docs/scenarios.md):
// - every file in malformed/ is refused with its exact file:line:column and message,
//   so a learner's mistake is always named where it was made;
// - well-formed scenarios give the model field by field, defaults included;
// - every whole scenario in docs/scenarios.md parses, so the reference cannot drift
//   from the parser;
// - no input at all (prefixes of a scenario, random bytes, alias bombs, deep nesting)
//   crashes or hangs it: it returns a scenario or an error.
#include "rpc/remoteprocedures.h"
#include "rpc/testhypervisor.h"
#include "scenario/scenarioparser.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <random>

using namespace pollscope;
using namespace std::chrono_literals;

namespace {

QString sourceDir()
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR"));
}

QString testDir()
{
    return sourceDir() + QStringLiteral("/tests/scenario");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The error of a result that should be a scenario, for QVERIFY2.
QByteArray problem(const Result<Scenario> &result)
{
    if (const Error *error = result.failure())
        return QByteArray::fromStdString(error->describe());
    return {};
}

std::vector<uint8_t> bytes(std::initializer_list<uint8_t> list)
{
    return list;
}

template<typename Step>
const Step &stepAs(const ScenarioStep &step)
{
    return std::get<Step>(step.action);
}

} // namespace

class TestScenarioParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void malformed_data();
    void malformed();
    void unreadableFile();

    void defaults();
    void daemonSettings();
    void shortForms();
    void durations_data();
    void durations();
    void texts();
    void realLibvirtdNamesItsClients();
    void timers();
    void clients();
    void callSteps();
    void dataSteps();
    void flowSteps();
    void eventSteps();
    void stepIndexesAndLocations();
    void expectations();

    void documentationExamples();

    void everyPrefix();
    void randomBytes();
    void hostileInputs_data();
    void hostileInputs();

private:
    Scenario m_everything;
};

void TestScenarioParser::initTestCase()
{
    QVERIFY2(!sourceDir().isEmpty(), "POLLSCOPE_SOURCE_DIR is not set (run the test through ctest)");
    const auto result = parseScenarioFile((testDir() + QStringLiteral("/wellformed/everything.yaml")).toStdString());
    QVERIFY2(result.ok(), problem(result).constData());
    m_everything = result.value();
}

// Each row is a file in malformed/ (the data tag) and the "line:column: message" the
// parser must give for it. Every file there has a row: one without would never be
// checked.
void TestScenarioParser::malformed_data()
{
    QTest::addColumn<QString>("expected");
    QStringList listed;
    const auto add = [&listed](const char *file, const char *expected) {
        QTest::newRow(file) << QString::fromUtf8(expected);
        listed.append(QString::fromLatin1(file));
    };
    // YAML syntax, and what a file must be at all.
    add("syntax_unclosed_list.yaml", "6:10: invalid YAML: a [ list is not closed with ]");
    add("syntax_stray_comma.yaml", "2:1: invalid YAML: unexpected \",\"");
    add("syntax_tab_indent.yaml", "5:1: a tab indents this line, but YAML indents with spaces only");
    add("syntax_unclosed_quote.yaml", "4:14: invalid YAML: this quoted text is not closed before the end of the file");
    add("syntax_undefined_alias.yaml", "4:14: invalid YAML: an alias (*name) refers to no anchor (&name) above it");
    add("complex_key.yaml", "5:5: expected a key name in daemon, not a list");
    add("empty.yaml", "1:1: the file is empty (a scenario starts with version: 1)");
    add("only_comments.yaml", "1:1: the file is empty (a scenario starts with version: 1)");
    add("not_a_mapping.yaml", "2:1: expected a map for the scenario (keys: version, title, description, deterministic, timeout, daemon, timers, clients, expect, focus, real_libvirtd), not a list");
    add("two_documents.yaml", "4:1: a scenario is one YAML document, but another one starts here");
    add("missing_version.yaml", "2:1: missing key \"version\" in the scenario (every scenario starts with version: 1)");
    add("version_2.yaml", "2:10: version 2 is not supported (this pollscope reads version 1)");
    add("version_text.yaml", "2:10: expected version: 1, not \"one\"");
    add("missing_title.yaml", "2:1: missing key \"title\" in the scenario");
    add("duplicate_key.yaml", "5:1: duplicate key \"timeout\" in the scenario (first at line 4)");

    // Unknown keys, at every level.
    add("unknown_key_top.yaml", "4:1: unknown key \"clinets\" in the scenario (expected one of: version, title, description, deterministic, timeout, daemon, timers, clients, expect, focus, real_libvirtd)");
    add("unknown_key_daemon.yaml", "5:3: unknown key \"workerz\" in daemon (expected one of: listen, workers, max_clients, max_client_requests, max_message, keepalive, timeout, worker_delay, pki, tls_no_verify_certificate)");
    add("unknown_key_timer.yaml", "6:5: unknown key \"frequence\" in a timer (expected one of: name, frequency, start, changes)");
    add("unknown_key_client.yaml", "6:5: unknown key \"step\" in a client (expected one of: name, transport, start, burst, stagger, steps)");
    add("unknown_key_call.yaml", "8:33: unknown key \"flag\" in call (expected one of: procedure, name, flags, feature, need_results, domain, callback, payload, wait, timeout, expect)");
    add("unknown_key_frame.yaml", "9:28: unknown key \"serail\" in frame (expected one of: length, prog, vers, proc, type, serial, status, payload)");
    add("unknown_key_condition.yaml", "7:20: unknown key \"evnt\" in wait_for (expected one of: event, client, thread, fields, text, reason, timeout)");
    add("unknown_key_expectation.yaml", "5:5: unknown key \"occur\" in an expectation (expected one of: occurs, before, disconnected)");
    add("expect_not_a_list.yaml", "5:3: expected a list of expectations, not a map");

    // Durations and numbers.
    add("bad_duration.yaml", "7:16: expected a duration such as 10ms or 2s, not \"10 parsecs\"");
    add("duration_without_unit.yaml", "4:10: expected a duration such as 10ms or 2s, not \"5\" (add the unit: 5ms or 5s)");
    add("negative_duration.yaml", "7:23: expected a duration such as 10ms or 2s, not \"-5ms\" (a duration cannot be negative)");
    add("fractional_millisecond.yaml", "7:16: expected a whole number of milliseconds, not \"0.5ms\"");
    add("daemon_timeout_fraction.yaml", "5:12: expected whole seconds such as 30s, or off, not \"1500ms\"");
    add("bad_frequency.yaml", "6:16: expected a frequency such as 10ms, 0 (every iteration) or off, not \"-5\"");
    add("bad_number.yaml", "5:16: expected a whole number such as 20 or 0x14, not \"twenty\"");
    add("huge_number.yaml", "5:16: expected a number from 24 to 33554432, not 999999999999999999999999...");
    add("max_message_too_small.yaml", "5:16: expected a number from 24 to 33554432, not 16");
    add("workers_reversed.yaml", "5:27: the maximum number of workers (20) is below the minimum (30)");
    add("workers_malformed.yaml", "5:12: expected workers as MIN:MAX such as 5:20, or {min: 5, max: 20}, not \"5-20\"");
    add("keepalive_malformed.yaml", "5:14: expected keepalive as INTERVAL:COUNT such as 5s:5, {interval: 5s, count: 5} or off, not \"5s\"");
    add("run_exit_out_of_range.yaml", "7:44: expected a number from 0 to 255, not 300");
    add("bool_yes.yaml", "8:22: expected true or false, not \"yes\"");

    // Listeners, transports and names.
    add("tls_without_pki.yaml", "4:11: a tls: listener needs the daemon's pki folder (cacert.pem, servercert.pem, serverkey.pem)");
    add("bad_listen_address.yaml", "5:18: expected a listen address (unix, unix-ro, unix:PATH, unix:@NAME, unix-ro:PATH, tcp:HOST:PORT or tls:HOST:PORT), not \"udp:127.0.0.1:5\"");
    add("tcp_port_out_of_range.yaml", "5:12: invalid listen address \"tcp:127.0.0.1:70000\": the port must be a number from 0 to 65535");
    add("client_without_listener.yaml", "6:16: client \"alice\" connects over tcp, but the daemon does not listen there (add \"tcp:127.0.0.1:0\" to the daemon's listen list)");
    add("unknown_transport.yaml", "6:16: unknown transport \"udp\" (expected unix, unix-ro or tcp)");
    add("bad_name.yaml", "5:11: expected a client name of letters, digits, _ and - (such as alice), not \"alice smith\"");
    add("missing_client_name.yaml", "5:5: missing key \"name\" in a client");
    add("duplicate_client.yaml", "7:11: client name \"alice\" is already taken by the client at line 5");
    add("burst_name_clash.yaml", "8:12: this burst names a member \"alice-2\", but that name is already taken by the client at line 5");
    add("duplicate_timer.yaml", "7:11: duplicate timer name \"tick\" (first at line 5)");

    // Procedures, events, fields and clients that do not exist.
    add("unknown_procedure.yaml", "8:15: unknown procedure \"get_versoin\" (expected open, close, get_type, get_version, get_lib_version, hostname, list_all_domains, domain_get_state, supports_feature, auth_list, domain_suspend, domain_resume, domain_create, domain_shutdown, domain_destroy, domain_event_register_any, domain_event_deregister_any, or a number)");
    add("unknown_event.yaml", "8:27: unknown event \"acept\" (did you mean \"accept\"?)");
    add("unknown_reason.yaml", "8:58: unknown reason \"listener_fund\" (did you mean \"listener_found\"?)");
    add("unknown_event_far.yaml", "5:13: unknown event \"fireworks\" (expected an event kind such as accept or a libvirt function such as qemudDispatchServer; docs/trace-format.md lists them)");
    add("unknown_field.yaml", "8:44: unknown trace field \"wach\" (did you mean \"watch\"?)");
    add("unknown_client.yaml", "9:28: unknown client \"bob\" (expected one of: alice)");
    add("unknown_placeholder.yaml", "7:44: unknown placeholder \"{sockt}\" (expected {socket}, {socket-ro}, {tcp-port}, {tls-port} or {uri})");

    // Steps.
    add("unknown_step.yaml", "7:9: unknown step \"conect\" (expected one of: connect, ping, hang_up, expect_disconnect, call, send, write_pieces, stop_reading, read_replies, sleep, repeat, wait_for, wait_event, run, fd_limit, ask, say)");
    add("step_needs_value.yaml", "8:9: the step \"sleep\" needs a value, as in sleep: 10ms");
    add("empty_step.yaml", "8:7: empty step (expected a step such as connect, or a map such as call: open)");
    add("empty_steps.yaml", "6:12: expected at least one step, not an empty list");
    add("two_actions.yaml", "8:22: a step does one thing, but this one has both \"call\" and \"ping\" (write two steps)");
    add("argument_not_applicable.yaml", "8:33: \"domain\" is not an argument of open (only of domain_get_state, the domain_ life-cycle calls and domain_event_register_any)");
    add("callback_not_applicable.yaml", "8:54: \"callback\" is not an argument of domain_event_register_any (only of domain_event_deregister_any)");
    add("deregister_before_register.yaml", "9:9: domain_event_deregister_any without callback: deregisters this client's latest callback, but no step before it registers one (call domain_event_register_any first)");
    add("wait_event_unknown_event.yaml", "8:42: unknown lifecycle event \"paused\" (expected one of: defined, undefined, started, suspended, resumed, stopped, shutdown, pmsuspended, crashed)");
    add("wait_event_wrong_detail.yaml", "8:48: unknown detail \"destroyed\" of suspended (expected one of: paused, migrated, ioerror, watchdog, restored, from_snapshot, api_error, postcopy, postcopy_failed)");
    add("wait_event_detail_without_event.yaml", "8:35: a detail belongs to an event: add event: (such as event: suspended)");
    add("unknown_key_wait_event.yaml", "8:22: unknown key \"domian\" in wait_event (expected one of: domain, event, detail, timeout)");
    add("reply_contradiction.yaml", "8:52: a reply cannot be ok and have an error (drop ok: true)");
    add("repeat_too_deep.yaml", "6:246: repeats nested more than 8 deep");
    add("repeat_self_alias.yaml", "9:11: repeats nested more than 8 deep");

    // Bytes: hex, frames and pieces.
    add("bad_hex.yaml", "8:21: expected hex bytes such as \"00 00 00 1c\" in \"00 0g\": 'g' is not a hex digit");
    add("odd_hex.yaml", "8:21: expected hex bytes such as \"00 00 00 1c\" in \"00 00 1\": the hex digits are odd in number (a byte is two)");
    add("send_two_sources.yaml", "8:27: send takes its bytes from one of hex, frame, but this one has both \"hex\" and \"frame\"");
    add("frame_bad_type.yaml", "8:39: expected a message type (call, reply, message, stream, or a number), not \"cal\"");
    add("split_not_increasing.yaml", "8:52: split offsets must increase, but 4 comes after 10");
    add("split_outside_data.yaml", "8:51: the data is 28 bytes, so a split offset is from 1 to 27, not 28");
    add("write_pieces_deregister.yaml", "8:30: write_pieces cannot build a domain_event_deregister_any call: it names a callback by the id only the run knows (use call:, or give the bytes with hex or frame)");
    add("write_pieces_no_pace.yaml", "8:23: write_pieces needs split: [offsets] or byte_every: a duration");

    // Texts and questions.
    add("text_without_english.yaml", "4:3: missing key \"en\" in a text (the English text is required; translations are optional)");
    add("bad_locale.yaml", "5:3: expected a locale such as en, de or zh_CN, not \"zh-CN\"");
    add("ask_one_choice.yaml", "7:42: a question needs at least two choices");
    add("ask_answer_out_of_range.yaml", "7:62: expected the index of the right choice, from 0 to 1, not \"2\"");
    add("ask_unknown_key.yaml", "7:65: unknown key \"befor\" in ask (expected one of: question, choices, answer, explain, before)");
    add("ask_before_unknown_event.yaml", "7:81: unknown event \"acept\" (did you mean \"accept\"?)");
    add("ask_before_without_event.yaml", "7:73: missing key \"event\" in a condition");

    // Timers and expectations.
    add("timer_change_empty.yaml", "8:9: a timer change needs frequency: or remove: true");
    add("timer_changes_unordered.yaml", "9:14: changes must be in time order, but 50ms comes after 100ms");
    add("timer_change_at_and_fires.yaml", "8:20: a timer change happens either at a time or after some fires, not both");
    add("timer_change_untimed.yaml", "8:9: a timer change needs at: (a time) or after_fires: (a number of fires)");
    add("timer_change_no_fires.yaml", "8:23: expected a number from 1 to 1000000, not 0");
    add("occurs_range_reversed.yaml", "5:51: at_most (2) is below at_least (3)");
    add("before_three.yaml", "5:13: expected two conditions, [first, then], not a list of 3");

    // The real libvirtd's half.
    add("real_libvirtd_unknown_client.yaml", "9:13: unknown client \"virhs\" (expected one of: virsh)");
    add("real_libvirtd_scripted_step.yaml", "7:9: client \"alice\" also runs against the real libvirtd (real_libvirtd), so its steps may only be run, sleep, say and repeat: scripted calls reach only the replica");
    add("real_libvirtd_tcp_port.yaml", "9:9: client \"virsh\" also runs against the real libvirtd, which listens on Unix sockets only: {tcp-port} has no value there");
    add("real_libvirtd_no_clients.yaml", "9:3: unknown key \"client\" in real_libvirtd (expected one of: clients)");

    const QStringList files = QDir(testDir() + QStringLiteral("/malformed")).entryList(QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 30);
    listed.sort();
    QCOMPARE(listed, files);
}

void TestScenarioParser::malformed()
{
    QFETCH(QString, expected);
    const QString path = testDir() + QStringLiteral("/malformed/") + QString::fromLatin1(QTest::currentDataTag());
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const auto result = parseScenarioFile(path.toStdString());
    const Error *error = result.failure();
    QVERIFY2(error, "the file parsed as a scenario");
    QCOMPARE(QString::fromStdString(error->where.file), path);
    QCOMPARE(QString::fromStdString(error->describe()), path + QLatin1Char(':') + expected);
}


void TestScenarioParser::unreadableFile()
{
    const std::string missing = (testDir() + QStringLiteral("/no-such-scenario.yaml")).toStdString();
    const auto result = parseScenarioFile(missing);
    const Error *error = result.failure();
    QVERIFY(error);
    QCOMPARE(error->where.line, 0);
    QCOMPARE(error->where.column, 0);
    QCOMPARE(QString::fromStdString(error->describe()),
             QString::fromStdString(missing) + QStringLiteral(": cannot read the file: No such file or directory"));

    // A folder opens, but reading it fails.
    const std::string folder = testDir().toStdString();
    const auto folderResult = parseScenarioFile(folder);
    const Error *folderError = folderResult.failure();
    QVERIFY(folderError);
    QCOMPARE(QString::fromStdString(folderError->describe()),
             QString::fromStdString(folder) + QStringLiteral(": cannot read the file: Is a directory"));
}

// The smallest scenario, and every default of the model.
void TestScenarioParser::defaults()
{
    const auto result = parseScenarioText("version: 1\ntitle: Smallest\n", "small.yaml");
    QVERIFY2(result.ok(), problem(result).constData());
    const Scenario &scenario = result.value();
    QCOMPARE(scenario.version, 1);
    QCOMPARE(QString::fromStdString(scenario.file), QStringLiteral("small.yaml"));
    QCOMPARE(QString::fromStdString(scenario.title.english), QStringLiteral("Smallest"));
    QVERIFY(scenario.title.translations.empty());
    QVERIFY(scenario.description.empty());
    QVERIFY(!scenario.deterministic);
    QCOMPARE(scenario.timeout.count(), 60000);

    const ScenarioDaemon &daemon = scenario.daemon;
    QCOMPARE(daemon.listen.size(), size_t(2));
    QVERIFY(daemon.listen[0].transport == Transport::Unix);
    QVERIFY(daemon.listen[0].path.empty());
    QVERIFY(daemon.listen[1].transport == Transport::UnixReadOnly);
    QVERIFY(daemon.listen[1].path.empty());
    QCOMPARE(daemon.minWorkers, 5);
    QCOMPARE(daemon.maxWorkers, 20);
    QCOMPARE(daemon.maxClients, 20);
    QCOMPARE(daemon.maxClientRequests, 5);
    QCOMPARE(daemon.maxMessage, 262144u);
    QCOMPARE(daemon.keepaliveIntervalMs, 5000);
    QCOMPARE(daemon.keepaliveCount, 5);
    QCOMPARE(daemon.timeoutSeconds, -1);
    QCOMPARE(daemon.workerDelayMs, 0);

    QVERIFY(scenario.timers.empty());
    QVERIFY(scenario.clients.empty());
    QVERIFY(scenario.expectations.empty());
}

void TestScenarioParser::daemonSettings()
{
    QCOMPARE(QString::fromStdString(m_everything.file), testDir() + QStringLiteral("/wellformed/everything.yaml"));
    QVERIFY(m_everything.deterministic);
    QCOMPARE(m_everything.timeout.count(), 90000);

    const ScenarioDaemon &daemon = m_everything.daemon;
    QCOMPARE(daemon.listen.size(), size_t(5));
    QVERIFY(daemon.listen[0].transport == Transport::Unix);
    QVERIFY(daemon.listen[0].path.empty());
    QVERIFY(daemon.listen[1].transport == Transport::UnixReadOnly);
    QVERIFY(daemon.listen[1].path.empty());
    QVERIFY(daemon.listen[2].transport == Transport::Tcp);
    QCOMPARE(QString::fromStdString(daemon.listen[2].host), QStringLiteral("127.0.0.1"));
    QCOMPARE(QString::fromStdString(daemon.listen[2].port), QStringLiteral("0"));
    QVERIFY(daemon.listen[3].transport == Transport::Unix);
    QCOMPARE(QString::fromStdString(daemon.listen[3].path), QStringLiteral("@pollscope-test"));
    QVERIFY(daemon.listen[4].transport == Transport::UnixReadOnly);
    QCOMPARE(QString::fromStdString(daemon.listen[4].path), QStringLiteral("/tmp/pollscope-ro.sock"));
    QCOMPARE(daemon.minWorkers, 2);
    QCOMPARE(daemon.maxWorkers, 4);
    QCOMPARE(daemon.maxClients, 3);
    QCOMPARE(daemon.maxClientRequests, 2);
    QCOMPARE(daemon.maxMessage, 0x10000u);
    QCOMPARE(daemon.keepaliveIntervalMs, 1500);
    QCOMPARE(daemon.keepaliveCount, 3);
    QCOMPARE(daemon.timeoutSeconds, 2);
    QCOMPARE(daemon.workerDelayMs, 25);
}

// The one-line forms of workers, keepalive and timeout, an IPv6 listener and hex.
void TestScenarioParser::shortForms()
{
    const auto result = parseScenarioText("version: 1\n"
                                          "title: Short forms\n"
                                          "daemon:\n"
                                          "  listen: [\"tcp:[::1]:16509\"]\n"
                                          "  workers: 3:7\n"
                                          "  max_clients: 0x10\n"
                                          "  keepalive: 2s:4\n"
                                          "  timeout: off\n",
                                          "short.yaml");
    QVERIFY2(result.ok(), problem(result).constData());
    const ScenarioDaemon &daemon = result.value().daemon;
    QCOMPARE(daemon.listen.size(), size_t(1));
    QVERIFY(daemon.listen[0].transport == Transport::Tcp);
    QCOMPARE(QString::fromStdString(daemon.listen[0].host), QStringLiteral("::1"));
    QCOMPARE(QString::fromStdString(daemon.listen[0].port), QStringLiteral("16509"));
    QCOMPARE(daemon.minWorkers, 3);
    QCOMPARE(daemon.maxWorkers, 7);
    QCOMPARE(daemon.maxClients, 16);
    QCOMPARE(daemon.keepaliveIntervalMs, 2000);
    QCOMPARE(daemon.keepaliveCount, 4);
    QCOMPARE(daemon.timeoutSeconds, -1);

    const auto off = parseScenarioText("version: 1\ntitle: No keepalive\ndaemon: {keepalive: off}\n", "off.yaml");
    QVERIFY2(off.ok(), problem(off).constData());
    QCOMPARE(off.value().daemon.keepaliveIntervalMs, 0);
}

void TestScenarioParser::durations_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<int>("milliseconds");
    QTest::addRow("zero") << "0" << 0;
    QTest::addRow("zero ms") << "0ms" << 0;
    QTest::addRow("zero s") << "0s" << 0;
    QTest::addRow("ms") << "7ms" << 7;
    QTest::addRow("s") << "2s" << 2000;
    QTest::addRow("decimal s") << "1.5s" << 1500;
    QTest::addRow("quarter s") << "0.25s" << 250;
    QTest::addRow("trailing zeros s") << "1.000s" << 1000;
    QTest::addRow("trailing zeros ms") << "2.00ms" << 2;
    QTest::addRow("a day") << "86400s" << 86400000;
    QTest::addRow("quoted") << "\"15ms\"" << 15;
}

void TestScenarioParser::durations()
{
    QFETCH(QString, written);
    QFETCH(int, milliseconds);
    const std::string text = "version: 1\ntitle: Durations\ndaemon:\n  worker_delay: " + written.toStdString() + "\n";
    const auto result = parseScenarioText(text, "durations.yaml");
    QVERIFY2(result.ok(), problem(result).constData());
    QCOMPARE(result.value().daemon.workerDelayMs, milliseconds);
}

void TestScenarioParser::realLibvirtdNamesItsClients()
{
    const std::string text = "version: 1\ntitle: Then and now\nclients:\n"
                             "  - name: first\n    steps:\n      - run: {program: virsh, args: [version]}\n"
                             "  - name: scripted\n    steps:\n      - connect\n"
                             "  - name: second\n    steps:\n"
                             "      - repeat: {times: 2, steps: [{sleep: 1ms}, {say: hello}, {run: {program: true}}]}\n"
                             "real_libvirtd:\n  clients: [second, first]\n";
    const auto result = parseScenarioText(text, "real.yaml");
    QVERIFY2(result.ok(), problem(result).constData());
    QVERIFY(result.value().realLibvirtd);
    const RealLibvirtdRun &real = *result.value().realLibvirtd;
    QCOMPARE(real.clients, (std::vector<std::string>{"second", "first"}));
    QCOMPARE(real.where.line, 14);
    const auto plain = parseScenarioText("version: 1\ntitle: Replica only\n", "plain.yaml");
    QVERIFY(plain.ok());
    QVERIFY(!plain.value().realLibvirtd);
}

void TestScenarioParser::texts()
{
    QCOMPARE(QString::fromStdString(m_everything.title.english), QStringLiteral("Everything at once"));
    QCOMPARE(m_everything.title.translations.size(), size_t(1));
    QCOMPARE(QString::fromStdString(m_everything.title.forLocale("zh_CN.UTF-8")), QStringLiteral("一次全部"));
    QCOMPARE(QString::fromStdString(m_everything.title.forLocale("de")), QStringLiteral("Everything at once"));
    QCOMPARE(QString::fromStdString(m_everything.description.english),
             QStringLiteral("Each key of docs/scenarios.md."));
    QVERIFY(m_everything.description.translations.empty());

    const ScenarioStep &hostname = m_everything.clients[0].steps[9];
    QCOMPARE(QString::fromStdString(hostname.say.english), QStringLiteral("Who are you?"));
    QCOMPARE(QString::fromStdString(hostname.say.translations.at("zh_CN")), QStringLiteral("你是谁？"));
    QVERIFY(m_everything.clients[0].steps[0].say.empty());
}

void TestScenarioParser::timers()
{
    const QByteArray file = readAll(testDir() + QStringLiteral("/wellformed/everything.yaml"));
    const auto lineOf = [&file](const char *text) { return int(file.left(file.indexOf(text)).count('\n')) + 1; };

    QCOMPARE(m_everything.timers.size(), size_t(2));
    const ScenarioTimer &tick = m_everything.timers[0];
    QCOMPARE(QString::fromStdString(tick.name), QStringLiteral("tick"));
    QCOMPARE(tick.frequency, 10);
    QCOMPARE(tick.start.count(), 5);
    QCOMPARE(tick.where.line, lineOf("  - name: tick"));
    QCOMPARE(tick.where.column, 5);
    QCOMPARE(tick.changes.size(), size_t(3));
    QCOMPARE(tick.changes[0].at.count(), 50);
    QCOMPARE(tick.changes[0].frequency, std::optional<int>(-1));
    QVERIFY(!tick.changes[0].remove);
    QCOMPARE(tick.changes[0].where.line, lineOf("{at: 50ms"));
    QVERIFY(!tick.changes[0].afterFires);
    // Counted fires, placed after the change before it.
    QCOMPARE(tick.changes[1].afterFires, std::optional<int>(2));
    QCOMPARE(tick.changes[1].at.count(), 50);
    QCOMPARE(tick.changes[1].frequency, std::optional<int>(0));
    QCOMPARE(tick.changes[2].at.count(), 100);
    QVERIFY(!tick.changes[2].frequency);
    QVERIFY(tick.changes[2].remove);

    const ScenarioTimer &idle = m_everything.timers[1];
    QCOMPARE(QString::fromStdString(idle.name), QStringLiteral("idle"));
    QCOMPARE(idle.frequency, -1);
    QCOMPARE(idle.start.count(), 0);
    QVERIFY(idle.changes.empty());
}

void TestScenarioParser::clients()
{
    const QByteArray file = readAll(testDir() + QStringLiteral("/wellformed/everything.yaml"));
    const auto lineOf = [&file](const char *text) { return int(file.left(file.indexOf(text)).count('\n')) + 1; };

    QCOMPARE(m_everything.clients.size(), size_t(4));
    const ScenarioClient &alice = m_everything.clients[0];
    QCOMPARE(QString::fromStdString(alice.name), QStringLiteral("alice"));
    QVERIFY(alice.transport == Transport::Unix);
    QCOMPARE(alice.start.count(), 0);
    QCOMPARE(alice.burst, 1);
    QCOMPARE(alice.stagger.count(), 0);
    QCOMPARE(alice.steps.size(), size_t(12));
    QCOMPARE(alice.where.line, lineOf("  - name: alice"));
    QCOMPARE(alice.where.column, 5);

    const ScenarioClient &bob = m_everything.clients[1];
    QCOMPARE(QString::fromStdString(bob.name), QStringLiteral("bob"));
    QVERIFY(bob.transport == Transport::Tcp);
    QCOMPARE(bob.start.count(), 1500);
    QCOMPARE(bob.burst, 3);
    QCOMPARE(bob.stagger.count(), 20);
    QCOMPARE(bob.steps.size(), size_t(10));

    const ScenarioClient &carol = m_everything.clients[2];
    QVERIFY(carol.transport == Transport::UnixReadOnly);
    QCOMPARE(carol.steps.size(), size_t(12));
}

void TestScenarioParser::callSteps()
{
    const StepList &steps = m_everything.clients[0].steps;
    QVERIFY(std::holds_alternative<steps::Connect>(steps[0].action));

    const auto &open = stepAs<steps::Call>(steps[1]);
    QCOMPARE(open.proc, 1);
    QCOMPARE(QString::fromStdString(open.procedureName), QStringLiteral("open"));
    QVERIFY(!open.arguments.name);
    QCOMPARE(open.arguments.flags, 0u);
    QVERIFY(open.wait);
    QCOMPARE(open.timeout.count(), 10000);
    QVERIFY(!open.expect.ok && !open.expect.errorContains);
    QVERIFY(!open.expect.value && !open.expect.text && !open.expect.count);

    const auto &version = stepAs<steps::Call>(steps[2]);
    QCOMPARE(version.proc, 4);
    QCOMPARE(version.expect.ok, std::optional<bool>(true));
    QCOMPARE(version.expect.value, std::optional<int64_t>(2000000));

    const auto &openNamed = stepAs<steps::Call>(steps[3]);
    QCOMPARE(QString::fromStdString(openNamed.arguments.name.value_or("")), QStringLiteral("test:///default"));
    QCOMPARE(openNamed.arguments.flags, 1u);

    const auto &unknown = stepAs<steps::Call>(steps[4]);
    QCOMPARE(unknown.proc, 9999);
    QCOMPARE(QString::fromStdString(unknown.procedureName), QStringLiteral("9999"));
    QCOMPARE(unknown.expect.ok, std::optional<bool>(false));
    QCOMPARE(QString::fromStdString(unknown.expect.errorContains.value_or("")), QStringLiteral("unknown procedure"));

    const auto &list = stepAs<steps::Call>(steps[5]);
    QCOMPARE(list.proc, 273);
    QCOMPARE(list.arguments.needResults, 0);
    QCOMPARE(list.arguments.flags, 1u);
    QVERIFY(!list.wait);
    QCOMPARE(list.timeout.count(), 2000);
    QCOMPARE(list.expect.count, std::optional<int64_t>(3));

    const auto &state = stepAs<steps::Call>(steps[6]);
    QCOMPARE(state.proc, 212);
    QCOMPARE(QString::fromStdString(state.arguments.domain), QStringLiteral("web"));
    QCOMPARE(state.expect.value, std::optional<int64_t>(1));

    const auto &feature = stepAs<steps::Call>(steps[7]);
    QCOMPARE(feature.proc, 60);
    QCOMPARE(feature.arguments.feature, 14);

    const auto &raw = stepAs<steps::Call>(steps[8]);
    QCOMPARE(raw.proc, 0x7fff);
    QCOMPARE(QString::fromStdString(raw.procedureName), QStringLiteral("0x7fff"));
    QCOMPARE(raw.arguments.payload, bytes({0, 0, 0, 1}));

    QCOMPARE(stepAs<steps::Call>(steps[9]).proc, 59);

    const auto &ping = stepAs<steps::Ping>(steps[10]);
    QVERIFY(ping.wait);
    QCOMPARE(ping.timeout.count(), 10000);
    const auto &pingNoWait = stepAs<steps::Ping>(steps[11]);
    QVERIFY(!pingNoWait.wait);
    QCOMPARE(pingNoWait.timeout.count(), 1000);
}

void TestScenarioParser::dataSteps()
{
    const StepList &steps = m_everything.clients[1].steps;
    const auto &hex = stepAs<steps::Send>(steps[1]);
    QCOMPARE(hex.bytes, bytes({0, 0, 0, 3}));
    QVERIFY(!hex.frame);

    // Every header field given, the length word a lie.
    const auto &frame = stepAs<steps::Send>(steps[2]);
    QVERIFY(frame.frame);
    QCOMPARE(frame.frame->length, std::optional<uint32_t>(10));
    QCOMPARE(frame.frame->prog, 0x20008086u);
    QCOMPARE(frame.frame->vers, 1u);
    QCOMPARE(frame.frame->proc, 3);
    QCOMPARE(frame.frame->type, 1u);
    QCOMPARE(frame.frame->serial, std::optional<uint32_t>(7));
    QCOMPARE(frame.frame->status, 1u);
    QCOMPARE(frame.frame->payload, bytes({0, 0, 0, 1}));
    QCOMPARE(frame.bytes, bytes({0, 0, 0, 10, 0x20, 0x00, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 7,
                                 0, 0, 0, 1, 0, 0, 0, 1}));

    // Only the procedure: the true length, a CALL, OK, the serial left to the run.
    const auto &minimal = stepAs<steps::Send>(steps[3]);
    QVERIFY(minimal.frame);
    QVERIFY(!minimal.frame->length);
    QVERIFY(!minimal.frame->serial);
    QCOMPARE(minimal.frame->type, 0u);
    QCOMPARE(minimal.frame->status, 0u);
    QCOMPARE(minimal.bytes, bytes({0, 0, 0, 28, 0x20, 0x00, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0,
                                   0, 0, 0, 0}));

    const auto &split = stepAs<steps::WritePieces>(steps[4]);
    QVERIFY(split.data.frame);
    QCOMPARE(split.data.frame->proc, 3);
    QCOMPARE(split.data.bytes, minimal.bytes);
    QCOMPARE(split.splitAt, std::vector<size_t>({4, 10}));
    QCOMPARE(split.delay.count(), 50);
    QVERIFY(!split.byteEvery);

    const auto &trickle = stepAs<steps::WritePieces>(steps[5]);
    QCOMPARE(trickle.data.bytes, bytes({0, 0, 0, 0x1c}));
    QVERIFY(trickle.splitAt.empty());
    QCOMPARE(trickle.byteEvery.value_or(0ms).count(), 5);

    QCOMPARE(stepAs<steps::StopReading>(steps[6]).duration.count(), 500);
    const auto &five = stepAs<steps::ReadReplies>(steps[7]);
    QCOMPARE(five.count, 5);
    QCOMPARE(five.timeout.count(), 10000);
    const auto &two = stepAs<steps::ReadReplies>(steps[8]);
    QCOMPARE(two.count, 2);
    QCOMPARE(two.timeout.count(), 3000);
    QCOMPARE(two.expect.ok, std::optional<bool>(true));
    const auto &hangUp = stepAs<steps::HangUp>(steps[9]);
    QVERIFY(!hangUp.reset && !hangUp.midMessage);
}

void TestScenarioParser::flowSteps()
{
    const StepList &steps = m_everything.clients[2].steps;
    QVERIFY(stepAs<steps::HangUp>(steps[0]).reset);
    QVERIFY(!stepAs<steps::HangUp>(steps[0]).midMessage);
    QVERIFY(!stepAs<steps::HangUp>(steps[1]).reset);
    QVERIFY(stepAs<steps::HangUp>(steps[1]).midMessage);
    QCOMPARE(stepAs<steps::Sleep>(steps[2]).duration.count(), 10);

    const auto &repeat = stepAs<steps::Repeat>(steps[3]);
    QCOMPARE(repeat.times, 3);
    QCOMPARE(repeat.steps.size(), size_t(2));
    QVERIFY(std::holds_alternative<steps::Ping>(repeat.steps[0].action));
    const auto &inner = stepAs<steps::Repeat>(repeat.steps[1]);
    QCOMPARE(inner.times, 2);
    QCOMPARE(inner.steps.size(), size_t(1));
    QCOMPARE(stepAs<steps::Sleep>(inner.steps[0]).duration.count(), 1);

    const auto &wait = stepAs<steps::WaitFor>(steps[4]);
    QCOMPARE(QString::fromStdString(wait.condition.event), QStringLiteral("accept"));
    QCOMPARE(QString::fromStdString(wait.condition.clientName.value_or("")), QStringLiteral("bob-2"));
    QCOMPARE(QString::fromStdString(wait.condition.thread.value_or("")), QStringLiteral("loop"));
    QCOMPARE(wait.condition.fields, (std::map<std::string, int64_t>{{"watch", 5}, {"fd", 16}}));
    QCOMPARE(QString::fromStdString(wait.condition.textContains.value_or("")), QStringLiteral("peer"));
    QCOMPARE(wait.condition.reason, std::optional(EventReason::AcceptedUnix));
    QCOMPARE(wait.timeout.count(), 5000);
    QCOMPARE(wait.condition.where.line, steps[4].where.line);

    const auto &anyReason = stepAs<steps::ExpectDisconnect>(steps[5]);
    QVERIFY(!anyReason.reasonContains);
    QCOMPARE(anyReason.timeout.count(), 10000);
    const auto &tooLarge = stepAs<steps::ExpectDisconnect>(steps[6]);
    QCOMPARE(QString::fromStdString(tooLarge.reasonContains.value_or("")), QStringLiteral("too large"));
    QCOMPARE(tooLarge.timeout.count(), 4000);

    const auto &run = stepAs<steps::Run>(steps[7]);
    QCOMPARE(QString::fromStdString(run.program), QStringLiteral("virsh"));
    QCOMPARE(run.arguments, (std::vector<std::string>{"-c", "{uri}", "list", "--all"}));
    QCOMPARE(run.expectExit, 1);
    QCOMPARE(run.expectOutput, (std::vector<std::string>{"running", "web"}));
    QCOMPARE(run.timeout.count(), 20000);

    QVERIFY(!stepAs<steps::FdLimit>(steps[8]).restore);
    QCOMPARE(stepAs<steps::FdLimit>(steps[8]).headroom, 1);
    QVERIFY(stepAs<steps::FdLimit>(steps[9]).restore);

    QVERIFY(std::holds_alternative<steps::Say>(steps[10].action));
    QCOMPARE(QString::fromStdString(steps[10].say.english), QStringLiteral("Only words."));

    const auto &ask = stepAs<steps::Ask>(steps[11]);
    QCOMPARE(QString::fromStdString(ask.question.english), QStringLiteral("Which thread reads?"));
    QCOMPARE(QString::fromStdString(ask.question.forLocale("zh_CN")), QStringLiteral("哪个线程读？"));
    QCOMPARE(ask.choices.size(), size_t(2));
    QCOMPARE(QString::fromStdString(ask.choices[0].english), QStringLiteral("the loop"));
    QCOMPARE(QString::fromStdString(ask.choices[1].english), QStringLiteral("a worker"));
    QCOMPARE(ask.answer, 0);
    QCOMPARE(QString::fromStdString(ask.explanation.english),
             QStringLiteral("The loop reads; workers only run calls."));
    QVERIFY(ask.before.has_value());
    QCOMPARE(QString::fromStdString(ask.before->event), QStringLiteral("message_received"));
    QCOMPARE(QString::fromStdString(ask.before->clientName.value_or("")), QStringLiteral("alice"));
    QCOMPARE(ask.before->where.line, 87);
}

// The steps of domain events: registering, changing a domain, waiting for the
// message the daemon pushes, deregistering.
void TestScenarioParser::eventSteps()
{
    const ScenarioClient &dave = m_everything.clients[3];
    QCOMPARE(QString::fromStdString(dave.name), QStringLiteral("dave"));
    const StepList &steps = dave.steps;
    QCOMPARE(steps.size(), size_t(14));

    const auto &forWeb = stepAs<steps::Call>(steps[1]);
    QCOMPARE(forWeb.proc, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY);
    QCOMPARE(QString::fromStdString(forWeb.procedureName), QStringLiteral("domain_event_register_any"));
    QCOMPARE(QString::fromStdString(forWeb.arguments.domain), QStringLiteral("web"));
    QCOMPARE(forWeb.expect.value, std::optional<int64_t>(1));
    const auto &forAll = stepAs<steps::Call>(steps[2]);
    QCOMPARE(forAll.proc, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY);
    QVERIFY(forAll.arguments.domain.empty());

    const std::pair<int32_t, const char *> changes[] = {
        {REMOTE_PROC_DOMAIN_SUSPEND, "domain_suspend"}, {REMOTE_PROC_DOMAIN_RESUME, "domain_resume"},
        {REMOTE_PROC_DOMAIN_DESTROY, "domain_destroy"}, {REMOTE_PROC_DOMAIN_CREATE, "domain_create"},
        {REMOTE_PROC_DOMAIN_SHUTDOWN, "domain_shutdown"}};
    for (size_t i = 0; i < std::size(changes); ++i) {
        const auto &change = stepAs<steps::Call>(steps[3 + i]);
        QCOMPARE(change.proc, changes[i].first);
        QCOMPARE(QString::fromStdString(change.procedureName), QString::fromLatin1(changes[i].second));
        QCOMPARE(QString::fromStdString(change.arguments.domain), QStringLiteral("web"));
    }

    const auto &anyEvent = stepAs<steps::WaitEvent>(steps[8]);
    QVERIFY(!anyEvent.domain && !anyEvent.event && !anyEvent.detail);
    QCOMPARE(anyEvent.timeout.count(), 10000);
    QCOMPARE(QString::fromStdString(describeWaitEvent(anyEvent)), QStringLiteral("any event"));
    const auto &stopped = stepAs<steps::WaitEvent>(steps[9]);
    QCOMPARE(stopped.event, std::optional<int32_t>(VIR_DOMAIN_EVENT_STOPPED));
    QVERIFY(!stopped.domain && !stopped.detail);
    QCOMPARE(QString::fromStdString(describeWaitEvent(stopped)), QStringLiteral("stopped"));
    const auto &paused = stepAs<steps::WaitEvent>(steps[10]);
    QCOMPARE(QString::fromStdString(paused.domain.value_or("")), QStringLiteral("web"));
    QCOMPARE(paused.event, std::optional<int32_t>(VIR_DOMAIN_EVENT_SUSPENDED));
    QCOMPARE(paused.detail, std::optional<int32_t>(VIR_DOMAIN_EVENT_SUSPENDED_PAUSED));
    QCOMPARE(paused.timeout.count(), 3000);
    QCOMPARE(QString::fromStdString(describeWaitEvent(paused)), QStringLiteral("web: suspended paused"));

    const auto &byId = stepAs<steps::Call>(steps[11]);
    QCOMPARE(byId.proc, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY);
    QCOMPARE(byId.arguments.callback, std::optional<int32_t>(1));
    const auto &latest = stepAs<steps::Call>(steps[12]);
    QCOMPARE(latest.proc, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY);
    QVERIFY(!latest.arguments.callback);

    // A registration in pieces asks for lifecycle events of every domain.
    const auto &pieces = stepAs<steps::WritePieces>(steps[13]);
    QVERIFY(pieces.data.frame);
    QCOMPARE(pieces.data.frame->proc, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY);
    // eventID 0 (lifecycle), then an absent domain.
    QCOMPARE(pieces.data.frame->payload, bytes({0, 0, 0, 0, 0, 0, 0, 0}));
}

// Indexes run in file order across clients, a repeat before its own steps, as
// Scenario::allSteps() lists them; every step knows where it was written.
void TestScenarioParser::stepIndexesAndLocations()
{
    const std::vector<const ScenarioStep *> all = m_everything.allSteps();
    QCOMPARE(all.size(), size_t(51));
    for (size_t i = 0; i < all.size(); ++i)
        QCOMPARE(all[i]->index, int(i));

    const QByteArray file = readAll(testDir() + QStringLiteral("/wellformed/everything.yaml"));
    const auto lineOf = [&file](const char *text) { return int(file.left(file.indexOf(text)).count('\n')) + 1; };
    const StepList &carol = m_everything.clients[2].steps;
    QCOMPARE(carol[3].index, 25);
    QCOMPARE(carol[3].where.line, lineOf("      - repeat:\n"));
    QCOMPARE(carol[3].where.column, 9);
    const auto &repeat = stepAs<steps::Repeat>(carol[3]);
    QCOMPARE(repeat.steps[0].index, 26);
    QCOMPARE(repeat.steps[1].index, 27);
    QCOMPARE(stepAs<steps::Repeat>(repeat.steps[1]).steps[0].index, 28);
    QCOMPARE(carol[4].index, 29);
    QCOMPARE(m_everything.clients[0].steps[0].where.line, lineOf("      - connect"));
    QCOMPARE(QString::fromStdString(carol[4].where.file), QString::fromStdString(m_everything.file));
}

void TestScenarioParser::expectations()
{
    const std::vector<Expectation> &expect = m_everything.expectations;
    QCOMPARE(expect.size(), size_t(8));

    QVERIFY(expect[0].kind == Expectation::Kind::Occurs);
    QCOMPARE(QString::fromStdString(expect[0].condition.event), QStringLiteral("accept"));
    QCOMPARE(expect[0].atLeast, 1);
    QVERIFY(!expect[0].atMost);

    QCOMPARE(QString::fromStdString(expect[1].condition.event), QStringLiteral("qemudDispatchServer"));
    QCOMPARE(QString::fromStdString(expect[1].condition.clientName.value_or("")), QStringLiteral("bob"));
    QCOMPARE(QString::fromStdString(expect[1].condition.thread.value_or("")), QStringLiteral("loop"));
    QCOMPARE(expect[1].condition.fields, (std::map<std::string, int64_t>{{"client", 1}}));
    QCOMPARE(QString::fromStdString(expect[1].condition.textContains.value_or("")), QStringLiteral("unix"));
    QCOMPARE(expect[1].atLeast, 3);
    QCOMPARE(expect[1].atMost, std::optional<int>(3));

    QCOMPARE(expect[2].atLeast, 2);
    QCOMPARE(expect[2].atMost, std::optional<int>(10));
    // "At most 0" means "never": at_least drops to 0.
    QCOMPARE(expect[3].atLeast, 0);
    QCOMPARE(expect[3].atMost, std::optional<int>(0));

    QVERIFY(expect[4].kind == Expectation::Kind::Before);
    QCOMPARE(QString::fromStdString(expect[4].condition.event), QStringLiteral("accept"));
    QCOMPARE(QString::fromStdString(expect[4].later.event), QStringLiteral("message_received"));
    QVERIFY(expect[5].kind == Expectation::Kind::Before);
    QCOMPARE(QString::fromStdString(expect[5].condition.clientName.value_or("")), QStringLiteral("alice"));
    QCOMPARE(QString::fromStdString(expect[5].later.event), QStringLiteral("message_sent"));

    QVERIFY(expect[6].kind == Expectation::Kind::Disconnected);
    QCOMPARE(QString::fromStdString(expect[6].clientName), QStringLiteral("bob"));
    QCOMPARE(QString::fromStdString(expect[6].reasonContains.value_or("")), QStringLiteral("too large"));
    QVERIFY(expect[7].kind == Expectation::Kind::Disconnected);
    QCOMPARE(QString::fromStdString(expect[7].clientName), QStringLiteral("carol"));
    QVERIFY(!expect[7].reasonContains);

    const QByteArray file = readAll(testDir() + QStringLiteral("/wellformed/everything.yaml"));
    QCOMPARE(expect[6].where.line, int(file.left(file.indexOf("  - disconnected: {client: bob")).count('\n')) + 1);
    QCOMPARE(expect[6].where.column, 5);
}

// Every ```yaml block of the reference that is a whole scenario (its first line that
// is not a comment starts with "version:") must parse.
void TestScenarioParser::documentationExamples()
{
    const QString path = sourceDir() + QStringLiteral("/docs/scenarios.md");
    const QString doc = QString::fromUtf8(readAll(path));
    QVERIFY2(!doc.isEmpty(), qPrintable(path));
    static const QRegularExpression block(QStringLiteral("^```yaml\\n(.*?)^```"),
                                          QRegularExpression::MultilineOption
                                              | QRegularExpression::DotMatchesEverythingOption);
    int scenarios = 0;
    for (const QRegularExpressionMatch &match : block.globalMatch(doc)) {
        const QString text = match.captured(1);
        static const QRegularExpression leadingComments(QStringLiteral("^(\\s*#[^\\n]*\\n|\\s*\\n)*"));
        if (!text.mid(leadingComments.match(text).capturedLength()).startsWith(QStringLiteral("version:")))
            continue;
        ++scenarios;
        const int line = int(doc.left(match.capturedStart(1)).count(QLatin1Char('\n'))) + 1;
        const std::string name = "scenarios.md, the example at line " + std::to_string(line);
        const auto result = parseScenarioText(text.toStdString(), name);
        QVERIFY2(result.ok(), problem(result).constData());
    }
    QVERIFY2(scenarios >= 5, "docs/scenarios.md should show several whole scenarios");
}

// Cutting a scenario anywhere, even inside a UTF-8 character, gives a scenario or an
// error with a location, never a crash.
void TestScenarioParser::everyPrefix()
{
    const std::string text = readAll(testDir() + QStringLiteral("/wellformed/everything.yaml")).toStdString();
    int scenarios = 0;
    for (size_t length = 0; length <= text.size(); ++length) {
        const auto result = parseScenarioText(text.substr(0, length), "prefix.yaml");
        if (const Error *error = result.failure()) {
            QVERIFY2(error->where.line >= 1 && error->where.column >= 1, error->describe().c_str());
            QVERIFY(!error->message.empty());
        } else {
            ++scenarios;
        }
    }
    // Some cuts fall between whole lines and leave a shorter valid scenario.
    QVERIFY(scenarios > 0);
    QVERIFY((parseScenarioText(text, "whole.yaml")).ok());
}

void TestScenarioParser::randomBytes()
{
    std::mt19937 random(20110909);
    const std::string text = readAll(testDir() + QStringLiteral("/wellformed/everything.yaml")).toStdString();
    const std::string yamlish = "{}[]:,-&*!|>'\"#%@` \t\n\r\\0123456789abcdefxyz.";
    const auto check = [](const std::string &input) {
        const auto result = parseScenarioText(input, "random.yaml");
        if (const Error *error = result.failure()) {
            QVERIFY2(error->where.line >= 1, error->describe().c_str());
            QVERIFY(!error->message.empty());
        }
    };
    for (int round = 0; round < 1000; ++round) {
        // Any bytes at all.
        std::string junk(random() % 300, '\0');
        for (char &c : junk)
            c = char(random() % 256);
        check(junk);
        // Bytes that YAML gives a meaning to.
        std::string symbols(random() % 200, '\0');
        for (char &c : symbols)
            c = yamlish[random() % yamlish.size()];
        check(symbols);
        // A valid scenario with a few bytes changed.
        std::string mutated = text;
        for (int changes = 1 + int(random() % 8); changes > 0; --changes)
            mutated[random() % mutated.size()] = yamlish[random() % yamlish.size()];
        check(mutated);
    }
}

void TestScenarioParser::hostileInputs_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected"); // part of the error; empty if it may parse

    const QByteArray head = "version: 1\ntitle: Hostile\n";
    QTest::addRow("deep flow nesting") << head + "description: " + QByteArray(100000, '[') << "nested too deeply";
    QByteArray block = head + "description:\n";
    for (int depth = 1; depth < 5000; ++depth)
        block += QByteArray(depth, ' ') + "- \n";
    QTest::addRow("deep block nesting") << block << "";
    QTest::addRow("a list that contains itself") << head + "description: &a [*a]\n" << "expected a text";
    QTest::addRow("a step that contains itself")
        << head + "clients:\n  - name: a\n    steps: &s [{repeat: {times: 1, steps: *s}}]\n"
        << "nested more than 8 deep";

    // Ten pings, ten times that, and so on through aliases: ten million steps in 1 KiB.
    QByteArray bomb = head + "clients:\n  - name: a\n    steps:\n";
    bomb += "      - &p0 {repeat: {times: 1, steps: [" + QByteArray("ping, ").repeated(9) + "ping]}}\n";
    for (int level = 1; level < 8; ++level) {
        const QByteArray previous = "*p" + QByteArray::number(level - 1);
        bomb += "      - &p" + QByteArray::number(level) + " {repeat: {times: 1, steps: ["
            + (previous + ", ").repeated(9) + previous + "]}}\n";
    }
    QTest::addRow("alias bomb of steps") << bomb << "too many steps";

    // One long argument list, named by many steps.
    QByteArray args = head + "clients:\n  - name: a\n    steps:\n      - run: {program: x, args: &big [";
    for (int i = 0; i < 10000; ++i)
        args += QByteArray(100, 'x') + ", ";
    args += "x]}\n";
    for (int i = 0; i < 2000; ++i)
        args += "      - run: {program: x, args: *big}\n";
    QTest::addRow("alias bomb of text") << args << "too large once its aliases";

    QTest::addRow("huge number") << head + "daemon: {max_clients: " + QByteArray(1000, '9') + "}\n"
                                 << "expected a number from 1 to 10000, not 999999999999999999999999...";
    QTest::addRow("huge text") << head + "description: " + QByteArray(10 * 1024 * 1024, 'x') + "\n" << "";
    QTest::addRow("long key") << head + QByteArray(1000, 'k') + ": 1\n" << "unknown key \"kkkk";
    // YAML allows at most 1024 characters in a key written without "? ".
    QTest::addRow("huge key") << head + QByteArray(1024 * 1024, 'k') + ": 1\n" << "invalid YAML";
    QTest::addRow("huge event name") << head + "expect: [occurs: " + QByteArray(1024 * 1024, 'e') + "]\n"
                                     << "unknown event \"eeee";
    QTest::addRow("NUL bytes") << head + QByteArray("description: a\0b\n", 17) << "";
    QTest::addRow("UTF-16 byte order mark") << QByteArray("\xff\xfe") + head << "";
    QTest::addRow("many documents") << QByteArray("---\n").repeated(10000) << "";
    QTest::addRow("only a document end") << QByteArray("...\n") << "the file is empty";
}

void TestScenarioParser::hostileInputs()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    // A hang is caught by the test's time limit; only the outcome is checked here.
    const auto result = parseScenarioText(input.toStdString(), "hostile.yaml");
    if (!expected.isEmpty()) {
        const Error *error = result.failure();
        QVERIFY2(error, "the input parsed as a scenario");
        QVERIFY2(QString::fromStdString(error->message).contains(expected), error->describe().c_str());
    }
}

QTEST_APPLESS_MAIN(TestScenarioParser)
#include "tst_scenarioparser.moc"
