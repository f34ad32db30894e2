#include "recordedsessions.h"

#include "session/tracestore.h"

#include "daemon/server.h"
#include "eventpoll/eventpoll.h"
#include "rpc/messageheader.h"
#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

namespace pollscope::test {

namespace {

bool writeAll(int fd, const std::vector<uint8_t> &bytes)
{
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

bool readExactly(int fd, uint8_t *buffer, size_t size)
{
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, buffer + done, size - done);
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

// Connects, sends one CALL and blocks until its whole reply is in: the reply is
// the proof that accept, read, worker and write all happened.
bool callOnce(const std::string &path, QString *error)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    MessageHeader header;
    header.prog = REMOTE_PROGRAM;
    header.vers = REMOTE_PROTOCOL_VERSION;
    header.proc = REMOTE_PROC_CONNECT_GET_TYPE;
    header.type = uint32_t(MessageType::Call);
    header.serial = 1;
    header.status = uint32_t(MessageStatus::Ok);
    ok = ok && writeAll(fd, encodeMessage(header));
    uint8_t lengthWord[4];
    ok = ok && readExactly(fd, lengthWord, sizeof lengthWord);
    if (ok) {
        std::vector<uint8_t> rest(decodeLengthWord(lengthWord) - sizeof lengthWord);
        ok = readExactly(fd, rest.data(), rest.size());
    }
    if (!ok && error)
        *error = QStringLiteral("the call failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
    if (fd >= 0)
        ::close(fd);
    return ok;
}

} // namespace

void feedStore(Tracer &tracer, ui::TraceStore &store)
{
    std::vector<TraceEvent> batch;
    tracer.drain(batch);
    store.append(std::move(batch), ThreadNames::snapshot());
}

TraceSession recordDaemonSession(const QString &folder, QString *error)
{
    Tracer tracer;
    DaemonConfig config;
    ListenAddress address;
    address.transport = ListenAddress::Transport::Unix;
    address.path = (folder + QStringLiteral("/libvirt-sock")).toStdString();
    config.listen = {address};
    config.minWorkers = 1;
    config.maxWorkers = 1;
    config.keepaliveIntervalMs = 0;
    Server server(tracer, config);
    if (!server.start()) {
        if (error)
            *error = QString::fromStdString(server.error());
        return {};
    }
    const bool called = callOnce(address.path, error);
    server.requestShutdown();
    server.waitForShutdown();
    if (!called)
        return {};
    return tracer.takeSession("daemon");
}

TraceSession recordBusyLoopSession(size_t events)
{
    Tracer tracer;
    EventPoll loop(tracer);
    TraceSession session;
    if (loop.init() < 0)
        return session;
    loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "onEveryIteration");
    while (session.events.size() < events) {
        loop.runOnce();
        tracer.drain(session.events);
    }
    session.threadNames = ThreadNames::snapshot();
    session.source = "busy loop";
    return session;
}

} // namespace pollscope::test
