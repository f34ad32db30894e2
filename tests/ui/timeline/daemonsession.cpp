#include "daemonsession.h"

#include "daemon/server.h"
#include "rpc/remotecall.h"
#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace pollscope::test {

namespace {

bool readFully(int fd, uint8_t *buffer, size_t size)
{
    size_t done = 0;
    while (done < size) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 5000) != 1)
            return false;
        const ssize_t n = ::read(fd, buffer + done, size - done);
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

// Reads one whole reply frame; its length word counts itself.
bool readReply(int fd)
{
    uint8_t word[4];
    if (!readFully(fd, word, sizeof word))
        return false;
    const size_t length = size_t(word[0]) << 24 | size_t(word[1]) << 16 | size_t(word[2]) << 8 | word[3];
    if (length < sizeof word)
        return false;
    std::vector<uint8_t> rest(length - sizeof word);
    return readFully(fd, rest.data(), rest.size());
}

int connectTo(const std::string &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, sizeof address.sun_path - 1);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
        return fd;
    if (fd >= 0)
        ::close(fd);
    return -1;
}

} // namespace

DaemonRun runDaemonSession(int clients, int calls, int workerDelayMs)
{
    DaemonRun run;
    ThreadNames::setCurrent("main");
    QTemporaryDir dir;
    DaemonConfig config;
    config.listen.push_back({ListenAddress::Transport::Unix, false, dir.filePath("sock").toStdString(), {}, {}});
    config.minWorkers = 2;
    config.keepaliveIntervalMs = 0;
    config.workerDelayMs = workerDelayMs;

    Tracer tracer;
    Server server(tracer, config);
    if (!server.start()) {
        run.error = QString::fromStdString(server.error());
        return run;
    }

    std::vector<int> fds;
    for (int i = 0; i < clients; ++i) {
        const int fd = connectTo(server.unixSocketPath());
        if (fd < 0)
            run.error = QStringLiteral("cannot connect client %1").arg(i + 1);
        else
            fds.push_back(fd);
    }
    for (int call = 0; call < calls && run.error.isEmpty(); ++call) {
        const uint32_t serial = uint32_t(call + 1);
        const std::vector<uint8_t> frame = call == 0 ? encodeConnectOpenCall(serial, std::string("test:///default"), 0)
                                                     : encodeRemoteCall(REMOTE_PROC_CONNECT_GET_VERSION, serial);
        for (int fd : fds) {
            if (::write(fd, frame.data(), frame.size()) != ssize_t(frame.size()))
                run.error = QStringLiteral("cannot send call %1").arg(serial);
        }
        for (int fd : fds) {
            if (run.error.isEmpty() && !readReply(fd))
                run.error = QStringLiteral("no reply to call %1").arg(serial);
        }
    }
    for (int fd : fds)
        ::close(fd);
    // The daemon notices each hang-up, removes the client's watch and purges it.
    if (!QTest::qWaitFor([&] { return server.state().clients.empty(); }, 5000) && run.error.isEmpty())
        run.error = QStringLiteral("the daemon kept its clients");
    server.requestShutdown();
    server.waitForShutdown();
    run.session = tracer.takeSession("daemon");
    return run;
}

} // namespace pollscope::test
