// Debian's real libvirtd (package libvirt-daemon), run unprivileged in a private
// folder: its own config file, socket and log, and an empty driver folder so that
// only the built-in test driver loads (no QEMU, D-Bus or udev needed). virsh then
// reaches it at uri(). The log holds one line per event-loop and RPC step.
#pragma once

#include "util/result.h"

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

namespace pollscope {

class RealLibvirtd
{
public:
    RealLibvirtd() = default;
    RealLibvirtd(const RealLibvirtd &) = delete;
    RealLibvirtd &operator=(const RealLibvirtd &) = delete;
    // Stops the daemon and removes its folder.
    ~RealLibvirtd();

    // The installed libvirtd, looked for in PATH and the sbin folders.
    static std::optional<std::string> findProgram();
    // The Debian package that installs it.
    static constexpr const char *kPackage = "libvirt-daemon";

    // Creates the folder under `parent` (the system's temporary folder if empty), starts
    // libvirtd and waits until its socket accepts. On failure nothing is left behind
    // and the error says why.
    Result<void> start(const std::string &parent = {}, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Asks libvirtd to quit (SIGTERM) and kills it if it has not after a while; its
    // folder, with the whole log, stays until stop().
    void quit();
    // quit(), then removes the folder. Safe to call twice.
    void stop();

    bool isRunning() const { return m_pid > 0; }
    // Whether libvirtd is gone by itself (or was never started); its folder stays until stop().
    bool hasExited();
    pid_t pid() const { return m_pid; }
    const std::string &folder() const { return m_folder; }
    std::string socketPath() const { return m_folder + "/libvirt-sock"; }
    std::string logPath() const { return m_folder + "/libvirtd.log"; }
    // What to give virsh -c.
    std::string uri() const { return "test+unix:///default?socket=" + socketPath(); }

private:
    Error fail(const std::string &what);

    pid_t m_pid = -1;
    std::string m_folder;
};

} // namespace pollscope
