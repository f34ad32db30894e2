// A client of the daemon on a real socket, as scripted scenarios and tests use it:
// connect over Unix or TCP, send whole frames or any bytes at all, read replies
// with a deadline, answer the server's keepalive PINGs, and hang up cleanly or with
// a reset. It is deliberately simple and blocking: one client, one thread.
#pragma once

#include "daemon/daemonconfig.h"
#include "rpc/remotecall.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pollscope {

class RemoteClient
{
public:
    enum class ReadStatus { Frame, Timeout, Closed, Error };

    struct ReadResult
    {
        ReadStatus status = ReadStatus::Error;
        std::vector<uint8_t> frame; // with its length word, when status is Frame
        std::string error;          // what went wrong otherwise
    };

    RemoteClient() = default;
    ~RemoteClient();
    RemoteClient(const RemoteClient &) = delete;
    RemoteClient &operator=(const RemoteClient &) = delete;

    bool connectTo(const ListenAddress &address);
    bool connectUnix(const std::string &path);
    bool connectTcp(const std::string &host, int port);
    bool isConnected() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    const std::string &error() const { return m_error; }

    // Sends all of `bytes`, waiting for room in the socket up to `timeout` in all.
    bool send(std::span<const uint8_t> bytes, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Reads one whole frame, waiting up to `timeout`. A length word that makes no
    // sense is an Error: this side never trusts the peer either.
    ReadResult readFrame(std::chrono::milliseconds timeout);
    // Sends a CALL of the remote program with the next serial and waits for its
    // reply, answering keepalive PINGs and skipping PONGs meanwhile.
    std::optional<RemoteReply> call(int32_t proc, std::span<const uint8_t> payload = {},
                                    std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Sends an already encoded CALL frame and waits for the reply with its serial.
    // Messages the daemon pushes meanwhile (domain events, type MESSAGE) are never
    // taken for the reply; they go to `messages` when it is given.
    std::optional<RemoteReply> callFrame(const std::vector<uint8_t> &frame, std::chrono::milliseconds timeout,
                                         std::vector<std::vector<uint8_t>> *messages = nullptr);
    uint32_t nextSerial() { return m_serial++; }

    // Closes the socket; with `reset`, the peer sees ECONNRESET instead of EOF.
    void hangUp(bool reset = false);

    // Waits until the peer has closed the connection (EOF or reset); false on timeout.
    bool waitForClose(std::chrono::milliseconds timeout);

private:
    bool fail(const std::string &what);

    int m_fd = -1;
    uint32_t m_serial = 0;
    std::string m_error;
    std::vector<uint8_t> m_pending; // bytes of a frame read in part
};

} // namespace pollscope
