#include "callingclient.h"

#include "rpc/remoteprocedures.h"
#include "rpc/testhypervisor.h"
#include "trace/threadnames.h"

namespace pollscope::test {

namespace {

using namespace std::chrono_literals;

// At most one call per interval: enough to interleave with every hostile step,
// while its share of the trace stays small next to the hostile client's.
constexpr auto kCallInterval = 5ms;

} // namespace

CallingClient::~CallingClient()
{
    stop();
}

bool CallingClient::start(const std::string &path)
{
    if (!m_client.connectUnix(path)) {
        m_problem = m_client.error();
        return false;
    }
    const auto reply = m_client.callFrame(encodeConnectOpenCall(m_client.nextSerial(), std::string("test:///default"), 0),
                                          std::chrono::seconds(10));
    if (!reply || !reply->ok() || reply->error) {
        m_problem = "CONNECT_OPEN failed: " + (reply ? reply->problem : m_client.error());
        return false;
    }
    m_thread = std::thread([this] { callLoop(); });
    return true;
}

void CallingClient::stop()
{
    {
        std::lock_guard guard(m_lock);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_client.hangUp();
}

int CallingClient::correctReplies() const
{
    std::lock_guard guard(m_lock);
    return m_replies;
}

std::string CallingClient::problem() const
{
    std::lock_guard guard(m_lock);
    return m_problem;
}

bool CallingClient::waitForMoreReplies(int count, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_lock);
    const int target = m_replies + count;
    return m_changed.wait_for(lock, timeout, [&] { return m_replies >= target || !m_problem.empty(); })
        && m_problem.empty();
}

void CallingClient::callLoop()
{
    ThreadNames::setCurrent("good-client");
    for (int turn = 0;; ++turn) {
        const std::string wrong = checkedCall(turn);
        std::unique_lock lock(m_lock);
        if (!wrong.empty()) {
            m_problem = wrong;
            m_changed.notify_all();
            return;
        }
        ++m_replies;
        m_changed.notify_all();
        if (m_changed.wait_for(lock, kCallInterval, [this] { return m_stop; }))
            return;
    }
}

std::string CallingClient::checkedCall(int turn)
{
    static const TestHypervisor hypervisor;
    // domains() answers with a copy: hold it for as long as the checks below read it.
    const std::vector<TestDomain> domains = hypervisor.domains();
    const TestDomain &domain = domains.front();
    // A rotation of calls whose answers are known: a hostile neighbour must not
    // make any of them wrong, late or lost.
    std::optional<RemoteReply> reply;
    switch (turn % 4) {
    case 0:
        reply = m_client.call(REMOTE_PROC_CONNECT_GET_HOSTNAME);
        break;
    case 1:
        reply = m_client.call(REMOTE_PROC_CONNECT_GET_TYPE);
        break;
    case 2:
        reply = m_client.callFrame(encodeConnectListAllDomainsCall(m_client.nextSerial(), 1, 0),
                                   std::chrono::seconds(10));
        break;
    default:
        reply = m_client.callFrame(encodeDomainGetStateCall(m_client.nextSerial(), {domain.name, domain.uuid, domain.id}, 0),
                                   std::chrono::seconds(10));
        break;
    }
    if (!reply)
        return "call " + std::to_string(turn) + " failed: " + m_client.error();
    if (!reply->ok() || reply->error)
        return "call " + std::to_string(turn) + " got a bad reply: "
            + (reply->error ? reply->error->message.value_or("") : reply->problem);
    bool right = false;
    if (const auto *hostname = std::get_if<ConnectGetHostnameRet>(&reply->ret); hostname && turn % 4 == 0) {
        right = hostname->hostname == hypervisor.hostname();
    } else if (const auto *type = std::get_if<ConnectGetTypeRet>(&reply->ret); type && turn % 4 == 1) {
        right = type->type == hypervisor.type();
    } else if (const auto *list = std::get_if<ConnectListAllDomainsRet>(&reply->ret); list && turn % 4 == 2) {
        right = list->ret == domains.size() && list->domains.size() == domains.size();
        for (size_t i = 0; right && i < list->domains.size(); ++i)
            right = list->domains[i].name == domains[i].name;
    } else if (const auto *state = std::get_if<DomainGetStateRet>(&reply->ret); state && turn % 4 == 3) {
        right = state->state == domain.state && state->reason == domain.reason;
    }
    return right ? std::string() : "call " + std::to_string(turn) + " got a wrong answer";
}

} // namespace pollscope::test
