#include "tracenormalizer.h"

#include "util/atomicfile.h"
#include "util/jsontext.h"

#include <algorithm>
#include <map>
#include <regex>

namespace pollscope {

namespace {

// Threads in a fixed order: main, loop, worker-1, worker-2, ..., clients by name, the rest.
std::pair<int, std::string> threadRank(const std::string &name)
{
    if (name == "main")
        return {0, ""};
    if (name == "loop")
        return {1, ""};
    if (name.rfind("worker-", 0) == 0)
        return {2, std::string(8 - std::min<size_t>(8, name.size() - 7), '0') + name.substr(7)};
    if (name.rfind("client-", 0) == 0)
        return {3, name};
    return {4, name};
}

class Normalizer
{
public:
    explicit Normalizer(const NormalizeOptions &options) : m_options(options) {}

    std::string text(const std::string &raw) const
    {
        std::string out = raw;
        if (!m_options.folder.empty())
            replaceAll(out, m_options.folder, "{dir}");
        static const std::regex pid("pid [0-9]+");
        static const std::regex uid("uid [0-9]+");
        static const std::regex port("(127\\.0\\.0\\.1|\\[::1\\]|localhost):[0-9]+");
        static const std::regex tid("thread-[0-9]+");
        static const std::regex fd("\\bfd [0-9]+");
        out = std::regex_replace(out, pid, "pid {pid}");
        out = std::regex_replace(out, uid, "uid {uid}");
        out = std::regex_replace(out, port, "$1:{port}");
        out = std::regex_replace(out, tid, "thread-{tid}");
        out = std::regex_replace(out, fd, "fd {fd}");
        if (!m_options.hostname.empty())
            out = std::regex_replace(out, std::regex("\\b" + escape(m_options.hostname) + "\\b"), "{hostname}");
        return out;
    }

    int64_t fd(int64_t raw) { return renumber(m_fds, raw); }
    int64_t flow(int64_t raw) { return renumber(m_flows, raw); }

private:
    static void replaceAll(std::string &text, const std::string &from, const std::string &to)
    {
        for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    }
    static std::string escape(const std::string &literal)
    {
        static const std::regex special("[.^$|()\\[\\]{}*+?\\\\]");
        return std::regex_replace(literal, special, "\\$&");
    }
    static int64_t renumber(std::map<int64_t, int64_t> &table, int64_t raw)
    {
        return table.emplace(raw, int64_t(table.size() + 1)).first->second;
    }

    const NormalizeOptions &m_options;
    std::map<int64_t, int64_t> m_fds;
    std::map<int64_t, int64_t> m_flows;
};

} // namespace

std::string normalizeTrace(const TraceSession &session, const NormalizeOptions &options)
{
    std::vector<size_t> order(session.events.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    const auto nameOf = [&](size_t i) { return session.threadName(session.events[i]); };
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return threadRank(nameOf(a)) < threadRank(nameOf(b)); });

    Normalizer normalizer(options);
    std::string out = "{\"format\":\"pollscope-trace-normalized\",\"version\":1,\"source\":";
    const size_t slash = session.source.rfind('/');
    appendJsonString(out, slash == std::string::npos ? session.source : session.source.substr(slash + 1));
    out += "}\n";
    std::map<std::string, int64_t> perThread;
    for (size_t index : order) {
        const TraceEvent &event = session.events[index];
        const std::string thread = normalizer.text(session.threadName(event));
        out += "{\"thread\":";
        appendJsonString(out, thread);
        out += ",\"n\":";
        appendJsonInteger(out, ++perThread[thread]);
        out += ",\"kind\":\"";
        out += eventKindInfo(event.kind).name;
        out += "\",\"function\":\"";
        out += event.function();
        out += '"';
        if (event.flow) {
            out += ",\"flow\":";
            appendJsonInteger(out, normalizer.flow(int64_t(event.flow)));
        }
        if (event.text) {
            out += ",\"text\":";
            appendJsonString(out, normalizer.text(event.text));
        }
#define POLLSCOPE_NORMALIZED_FIELD(type, member, Flag, json)                                   \
    if (event.present & TraceField::Flag) {                                                    \
        const int64_t value = int64_t(event.member);                                           \
        if (TraceField::Flag == TraceField::ExpiresAt) {                                       \
        } else if (TraceField::Flag == TraceField::Fd) {                                       \
            out += ",\"" json "\":";                                                           \
            appendJsonInteger(out, normalizer.fd(value));                                      \
        } else if (TraceField::Flag == TraceField::Timeout && value > 0) {                     \
            out += ",\"" json "\":\">0\"";                                                     \
        } else {                                                                               \
            out += ",\"" json "\":";                                                           \
            appendJsonInteger(out, value);                                                     \
        }                                                                                      \
    }
        POLLSCOPE_TRACE_FIELDS(POLLSCOPE_NORMALIZED_FIELD)
#undef POLLSCOPE_NORMALIZED_FIELD
        out += "}\n";
    }
    return out;
}

bool writeNormalizedTrace(const TraceSession &session, const NormalizeOptions &options, const std::string &path,
                          std::string *error)
{
    AtomicFile file;
    const bool ok = file.open(path) && file.write(normalizeTrace(session, options)) && file.commit();
    if (!ok && error)
        *error = file.error();
    return ok;
}

} // namespace pollscope
