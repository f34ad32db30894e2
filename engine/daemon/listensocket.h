// One listening socket of the daemon (qemud_socket).
#pragma once

#include "daemonconfig.h"

#include <string>

namespace pollscope {

struct ListenSocket
{
    ListenAddress address;
    std::string name;      // what it is called in the trace: the path, or host:port
    int fd = -1;
    int watch = -1;        // 0 until qemudNetworkEnable registers it
    bool readonly = false;
    bool tcp = false;
    bool tls = false;      // a TCP socket whose clients start with a TLS handshake
    bool loopback = true;  // false for a TCP socket bound where other machines reach it
    // EMFILE/ENFILE: the listener is paused and a timer retries with backoff.
    int retryTimer = -1;
    int retryDelayMs = 0;
};

} // namespace pollscope
