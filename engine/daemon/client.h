// One connected client of the daemon (qemud_client).
//
// Locking: the server lock is taken before a client's lock, never after. Fields are
// guarded by `lock` unless noted. A worker raises `refs` while it handles one of the
// client's requests, so the loop thread does not free a client that fails meanwhile.
#pragma once

#include "clientmessage.h"
#include "rpc/remotedispatch.h"
#include "trace/eventreason.h"
#include "tlssession.h"
#include "util/lightmutex.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pollscope {

class Server;

struct Client
{
    Server *server = nullptr; // for timer callbacks, whose only argument is the client
    LightMutex lock;          // taken twice per request by the loop, once by a worker
    int id = 0;              // for the trace: client 1, 2, ...
    int fd = -1;             // -1 once the client has failed
    int watch = -1;          // -1 once its handle is removed
    int registeredWatch = -1; // the watch it had, for the server's lookup table (server lock)
    bool readonly = false;
    bool tcp = false;
    bool closing = false;    // CONNECT_CLOSE answered: close after the reply is written
    std::string peer;
    // Why the connection was closed, for FreeClient's event: the first failure's.
    EventReason failureReason = EventReason::None;
    int failureErrno = 0;
    const char *failureDetail = nullptr; // interned; a decoder's account of a bad header
    int64_t failureLength = 0;           // the length word that was refused
    int refs = 0;
    int nrequests = 0;       // requests read and not yet answered
    std::optional<ClientMessage> rx;   // the receive buffer; none while throttled
    std::deque<ClientMessage> dx;      // requests waiting for a worker
    std::deque<ClientMessage> tx;      // messages waiting to be written
    std::vector<uint8_t> spareBuffer;  // a sent message's buffer, for the next receive buffer
    RemoteConnection connection;

    // TLS: the session, whether its handshake is still going on (the handle mode
    // then follows gnutls's direction), and the deadline for that handshake.
    std::unique_ptr<TlsSession> tls;
    bool handshake = false;
    int handshakeTimer = -1;
    // Fires at once when a throttled client gets its receive buffer back while
    // gnutls still holds decrypted bytes: poll() would never report them.
    int tlsPendingTimer = -1;

    // Server-side keepalive (modern libvirt's virKeepAlive).
    int keepaliveTimer = -1;
    int keepaliveCountToDeath = 0;
};

} // namespace pollscope
