#include "daemoncommand.h"

#include "commandline.h"
#include "realdaemon.h"
#include "daemon/server.h"
#include "trace/threadnames.h"
#include "trace/tracefilerecorder.h"
#include "trace/tracer.h"

#include <cstdio>

namespace pollscope::app {

namespace {

// "MIN:MAX" or "A:B" pairs of positive numbers.
bool parsePair(const QString &text, int &first, int &second)
{
    const QStringList parts = text.split(':');
    if (parts.size() != 2)
        return false;
    bool ok1 = false;
    bool ok2 = false;
    first = parts[0].toInt(&ok1);
    second = parts[1].toInt(&ok2);
    return ok1 && ok2;
}

bool parsePositive(const QString &text, int &value)
{
    bool ok = false;
    value = text.toInt(&ok);
    return ok && value > 0;
}

} // namespace

int runDaemonCommand(const QStringList &arguments)
{
    const QString command = QStringLiteral("daemon");
    QCommandLineParser parser;
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Listen on <address>: unix:PATH, unix:@NAME (abstract), "
                                                   "tcp:HOST:PORT or tls:HOST:PORT (port 0 picks one). May be "
                                                   "repeated."),
                                    QStringLiteral("address"));
    const QCommandLineOption listenRo(QStringLiteral("listen-ro"),
                                      QStringLiteral("Listen read-only on unix:PATH (mode 0777)."),
                                      QStringLiteral("address"));
    const QCommandLineOption workers(QStringLiteral("workers"),
                                     QStringLiteral("Worker threads: at least MIN, at most MAX (default 5:20)."),
                                     QStringLiteral("min:max"));
    const QCommandLineOption maxClients(QStringLiteral("max-clients"),
                                        QStringLiteral("Most clients at once (default 20)."), QStringLiteral("n"));
    const QCommandLineOption maxClientRequests(QStringLiteral("max-client-requests"),
                                               QStringLiteral("Requests in flight per client before reading stops "
                                                              "(default 5)."),
                                               QStringLiteral("n"));
    const QCommandLineOption keepalive(QStringLiteral("keepalive"),
                                       QStringLiteral("Ping an idle client every SEC seconds, drop it after COUNT "
                                                      "unanswered pings (default 5:5; 0:0 turns it off)."),
                                       QStringLiteral("sec:count"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Quit after SEC seconds with no client (like libvirtd -t)."),
                                     QStringLiteral("sec"));
    const QCommandLineOption pki(QStringLiteral("pki"),
                                 QStringLiteral("Folder with the TLS files, named as libvirt names them: cacert.pem, "
                                                "servercert.pem and serverkey.pem."),
                                 QStringLiteral("dir"));
    const QCommandLineOption tlsNoVerify(QStringLiteral("tls-no-verify-certificate"),
                                         QStringLiteral("Let TLS clients in whose certificate fails the check, as "
                                                        "libvirtd.conf's tls_no_verify_certificate = 1 does."));
    const QCommandLineOption handshakeTimeout(QStringLiteral("tls-handshake-timeout"),
                                              QStringLiteral("Drop a TLS client whose handshake is not done after MS "
                                                             "milliseconds (default 10000; 0: never, as libvirt 0.9)."),
                                              QStringLiteral("ms"));
    const QCommandLineOption traceOut(QStringLiteral("trace-out"),
                                      QStringLiteral("Write the trace to <file> when the daemon stops."),
                                      QStringLiteral("file"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Trace format: jsonl (the default), chrome or binary (the default for a <file> ending in .pstrace)."),
                                    QStringLiteral("format"), QStringLiteral("jsonl"));
    const QCommandLineOption traceBuffer(QStringLiteral("trace-buffer"),
                                         QStringLiteral("Memory for events waiting to be written to --trace-out, "
                                                        "such as 64M (the default) or 1G."),
                                         QStringLiteral("size"));
    const QCommandLineOption tracePolicy(QStringLiteral("trace-policy"),
                                         QStringLiteral("When that memory is full: block (the default) slows the "
                                                        "daemon down until the writer catches up; drop loses events "
                                                        "and records how many (trace_lost)."),
                                         QStringLiteral("policy"));
    const QCommandLineOption real(QStringLiteral("real"),
                                  QStringLiteral("Run Debian's real libvirtd 9 instead, in a temporary folder with "
                                                 "a private config, and print its client steps as its log shows "
                                                 "them; the folder is removed when it stops."));
    parser.addOptions({listen, listenRo, workers, maxClients, maxClientRequests, keepalive, timeout, pki, tlsNoVerify,
                       handshakeTimeout, traceOut, format, traceBuffer, tracePolicy, real});
    if (auto exit = parseOrExit(parser, arguments, command,
                                QStringLiteral("Runs the libvirtd replica until SIGINT or SIGTERM. A real virsh can "
                                               "talk to it: virsh -c 'test+unix:///default?socket=PATH' list --all")))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(command, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.isSet(real)) {
        for (const QCommandLineOption &option : {listen, listenRo, workers, maxClients, maxClientRequests, keepalive,
                                                 timeout, pki, tlsNoVerify, handshakeTimeout, traceBuffer, tracePolicy}) {
            if (parser.isSet(option))
                return usageError(command, QStringLiteral("--%1 is the replica's: --real runs libvirtd with its own "
                                                          "config").arg(option.names().first()));
        }
        return runRealDaemon(parser.value(traceOut),
                             parser.isSet(format) ? parser.value(format)
                                                  : QString::fromLatin1(traceFormatName(
                                                        traceFormatForPath(parser.value(traceOut).toStdString()))));
    }

    DaemonConfig config;
    config.handleSignals = true;
    const auto invalidAddress = [&](const QString &address, const Error &error) {
        return usageError(command, QStringLiteral("invalid listen address '%1': %2")
                                       .arg(address, QString::fromStdString(error.message)));
    };
    for (const QString &address : parser.values(listen)) {
        const auto parsed = ListenAddress::parse(address.toStdString(), false);
        if (!parsed)
            return invalidAddress(address, parsed.error());
        config.listen.push_back(*parsed);
    }
    for (const QString &address : parser.values(listenRo)) {
        const auto parsed = ListenAddress::parse(address.toStdString(), true);
        if (!parsed)
            return invalidAddress(address, parsed.error());
        config.listen.push_back(*parsed);
    }
    if (config.listen.empty())
        return usageError(command, QStringLiteral("nothing to listen on: give --listen unix:PATH"));
    if (parser.isSet(workers)
        && (!parsePair(parser.value(workers), config.minWorkers, config.maxWorkers) || config.minWorkers < 1
            || config.maxWorkers < config.minWorkers))
        return usageError(command, QStringLiteral("--workers wants MIN:MAX with 1 <= MIN <= MAX, not '%1'")
                                       .arg(parser.value(workers)));
    if (parser.isSet(maxClients) && !parsePositive(parser.value(maxClients), config.maxClients))
        return usageError(command, QStringLiteral("--max-clients wants a positive number, not '%1'")
                                       .arg(parser.value(maxClients)));
    if (parser.isSet(maxClientRequests) && !parsePositive(parser.value(maxClientRequests), config.maxClientRequests))
        return usageError(command, QStringLiteral("--max-client-requests wants a positive number, not '%1'")
                                       .arg(parser.value(maxClientRequests)));
    if (parser.isSet(keepalive)) {
        int seconds = 0;
        if (!parsePair(parser.value(keepalive), seconds, config.keepaliveCount) || seconds < 0
            || config.keepaliveCount < 0)
            return usageError(command, QStringLiteral("--keepalive wants SEC:COUNT, not '%1'").arg(parser.value(keepalive)));
        config.keepaliveIntervalMs = seconds * 1000;
    }
    if (parser.isSet(timeout) && !parsePositive(parser.value(timeout), config.timeoutSeconds))
        return usageError(command, QStringLiteral("--timeout wants a positive number of seconds, not '%1'")
                                       .arg(parser.value(timeout)));
    config.pkiDirectory = parser.value(pki).toStdString();
    config.tlsNoVerifyCertificate = parser.isSet(tlsNoVerify);
    if (parser.isSet(handshakeTimeout)) {
        bool ok = false;
        config.tlsHandshakeTimeoutMs = parser.value(handshakeTimeout).toInt(&ok);
        if (!ok || config.tlsHandshakeTimeoutMs < 0)
            return usageError(command, QStringLiteral("--tls-handshake-timeout wants milliseconds, 0 or more, not '%1'")
                                           .arg(parser.value(handshakeTimeout)));
    }
    const auto traceFormat = chosenTraceFormat(parser, format, parser.value(traceOut));
    if (!traceFormat)
        return usageError(command, QStringLiteral("unknown format '%1' (expected jsonl, chrome or binary)").arg(parser.value(format)));
    constexpr size_t kDefaultTraceBuffer = size_t(64) << 20;
    const std::optional<size_t> traceBytes =
        parser.isSet(traceBuffer) ? parseByteSize(parser.value(traceBuffer)) : std::optional(kDefaultTraceBuffer);
    if (!traceBytes)
        return usageError(command, QStringLiteral("--trace-buffer wants a size such as 64M, not '%1'")
                                       .arg(parser.value(traceBuffer)));
    TracePolicy policy = TracePolicy::Block;
    if (parser.isSet(tracePolicy)) {
        if (parser.value(tracePolicy) == QLatin1String("drop"))
            policy = TracePolicy::Drop;
        else if (parser.value(tracePolicy) != QLatin1String("block"))
            return usageError(command, QStringLiteral("--trace-policy wants block or drop, not '%1'")
                                           .arg(parser.value(tracePolicy)));
    }
    if (const Result<void> valid = config.validate(); !valid)
        return usageError(command, QString::fromStdString(valid.error().message));

    ThreadNames::setCurrent("main");
    Tracer tracer;
    tracer.setEnabled(parser.isSet(traceOut));
    tracer.setBound(Tracer::eventsForBytes(*traceBytes), policy);
    TraceFileRecorder recorder(tracer);
    if (parser.isSet(traceOut)
        && !recorder.start(parser.value(traceOut).toStdString(), *traceFormat, "pollscope daemon")) {
        std::fprintf(stderr, "pollscope daemon: %s\n", recorder.error().c_str());
        return ExitFailed;
    }

    Server server(tracer, config);
    if (!server.start()) {
        std::fprintf(stderr, "pollscope daemon: %s\n", server.error().c_str());
        return ExitFailed;
    }
    for (const std::string &address : server.listeningAddresses())
        std::printf("pollscope daemon: listening on %s\n", address.c_str());
    // Decided from where the socket is bound, not from how the host was spelled.
    for (const std::string &address : server.nonLoopbackAddresses())
        std::fprintf(stderr, "pollscope daemon: WARNING: %s is not a loopback address; other machines can "
                             "connect without any authentication\n", address.c_str());
    if (const std::string path = server.unixSocketPath(); !path.empty())
        std::printf("pollscope daemon: try  virsh -c 'test+unix:///default?socket=%s' list --all\n", path.c_str());
    std::printf("pollscope daemon: serving until SIGINT or SIGTERM\n");
    std::fflush(stdout);

    server.waitForShutdown();
    if (parser.isSet(traceOut)) {
        if (!recorder.finish()) {
            std::fprintf(stderr, "pollscope daemon: %s\n", recorder.error().c_str());
            return ExitFailed;
        }
        std::printf("pollscope daemon: trace written to %s: %llu events", qPrintable(parser.value(traceOut)),
                    static_cast<unsigned long long>(recorder.written()));
        if (const uint64_t lost = recorder.lostInFile())
            std::printf(", %llu lost (the trace buffer was full)", static_cast<unsigned long long>(lost));
        std::printf("\n");
    }
    std::printf("pollscope daemon: stopped\n");
    return ExitOk;
}

} // namespace pollscope::app
