#include "reallibvirtd.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char **environ;

namespace pollscope {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr auto kQuitTimeout = std::chrono::seconds(10);

bool isExecutable(const std::string &path)
{
    struct stat info;
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::string readWhole(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

} // namespace

RealLibvirtd::~RealLibvirtd()
{
    stop();
}

std::optional<std::string> RealLibvirtd::findProgram()
{
    std::vector<std::string> folders;
    if (const char *path = std::getenv("PATH")) {
        std::stringstream list(path);
        for (std::string folder; std::getline(list, folder, ':');)
            folders.push_back(folder);
    }
    folders.insert(folders.end(), {"/usr/sbin", "/sbin", "/usr/local/sbin"});
    for (const std::string &folder : folders) {
        if (!folder.empty() && isExecutable(folder + "/libvirtd"))
            return folder + "/libvirtd";
    }
    return std::nullopt;
}

Error RealLibvirtd::fail(const std::string &what)
{
    stop();
    return Error{what, {}};
}

Result<void> RealLibvirtd::start(const std::string &parent, std::chrono::milliseconds timeout)
{
    stop();
    const auto program = findProgram();
    if (!program)
        return fail(std::string("libvirtd is not installed: install the package ") + kPackage);
    std::string pattern =
        (parent.empty() ? std::filesystem::temp_directory_path().string() : parent) + "/pollscope-libvirtd-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        return fail("cannot create a folder for libvirtd: " + std::string(std::strerror(errno)));
    m_folder = pattern;
    const std::string drivers = m_folder + "/drivers";
    const std::string config = m_folder + "/libvirtd.conf";
    if (::mkdir(drivers.c_str(), 0700) != 0)
        return fail("cannot create " + drivers + ": " + std::strerror(errno));
    {
        std::ofstream out(config);
        // Events and RPC at debug level: one line per step; everything else only from warnings.
        out << "unix_sock_dir = \"" << m_folder << "\"\n"
            << "auth_unix_rw = \"none\"\n"
            << "auth_unix_ro = \"none\"\n"
            << "log_filters = \"1:event 1:rpc 1:util.threadjob 3:*\"\n"
            << "log_outputs = \"1:file:" << logPath() << "\"\n";
        if (!out)
            return fail("cannot write " + config);
    }

    // Everything the child needs is built before fork: after it, only exec.
    const std::string pidFile = m_folder + "/libvirtd.pid";
    const std::string errors = m_folder + "/libvirtd.stderr";
    std::vector<std::string> arguments = {*program, "-f", config, "-p", pidFile};
    std::vector<char *> argv;
    for (std::string &argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<std::string> environment = {"LIBVIRT_DRIVER_DIR=" + drivers};
    for (char **variable = environ; *variable; ++variable) {
        if (std::strncmp(*variable, "LIBVIRT_DRIVER_DIR=", 19) != 0)
            environment.emplace_back(*variable);
    }
    std::vector<char *> envp;
    for (std::string &variable : environment)
        envp.push_back(variable.data());
    envp.push_back(nullptr);
    const int errorFd = ::open(errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int nullFd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (errorFd < 0 || nullFd < 0) {
        if (errorFd >= 0)
            ::close(errorFd);
        if (nullFd >= 0)
            ::close(nullFd);
        return fail("cannot open " + errors);
    }
    const pid_t parentPid = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The daemon must not outlive the thread that started it (the app's or the
        // command's main thread).
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parentPid)
            ::_exit(127);
        // libvirtd quits on SIGTERM: a mask or an ignored signal inherited from the
        // caller (which waits for SIGINT with sigtimedwait, ignores SIGPIPE) must not stop that.
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ})
            ::signal(signal, SIG_DFL);
        ::dup2(nullFd, STDIN_FILENO);
        ::dup2(nullFd, STDOUT_FILENO);
        ::dup2(errorFd, STDERR_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(errorFd);
    ::close(nullFd);
    if (pid < 0)
        return fail("cannot start libvirtd: " + std::string(std::strerror(errno)));
    m_pid = pid;

    // Ready once it runs its loop: its listeners are created and listening by then.
    // (A test connection would be a client of its own in the log.)
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (readWhole(logPath()).find(" virNetDaemonRun:") == std::string::npos) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            std::string why = readWhole(errors);
            if (why.empty())
                why = readWhole(logPath());
            return fail("libvirtd exited at start-up: " + why);
        }
        if (std::chrono::steady_clock::now() > deadline)
            return fail("libvirtd did not start its event loop in time");
        std::this_thread::sleep_for(kPollInterval);
    }
    return {};
}

bool RealLibvirtd::hasExited()
{
    int status = 0;
    if (m_pid > 0 && ::waitpid(m_pid, &status, WNOHANG) == m_pid)
        m_pid = -1;
    return m_pid <= 0;
}

void RealLibvirtd::stop()
{
    quit();
    if (!m_folder.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_folder, ignored);
        m_folder.clear();
    }
}

void RealLibvirtd::quit()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + kQuitTimeout;
        int status = 0;
        pid_t waited;
        while ((waited = ::waitpid(m_pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(kPollInterval);
        if (waited == 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
        }
        m_pid = -1;
    }
}

} // namespace pollscope
