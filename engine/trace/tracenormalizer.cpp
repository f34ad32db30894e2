#include "tracenormalizer.h"

#include "util/atomicfile.h"
#include "util/jsontext.h"

#include <algorithm>
#include <map>

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

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isWordChar(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.';
}

// Replaces the digits that follow each occurrence of `prefix` with `placeholder`.
std::string replaceNumbersAfter(const std::string &text, const std::string &prefix, const char *placeholder)
{
    std::string out;
    size_t from = 0;
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, from)) {
        size_t end = at + prefix.size();
        if (end >= text.size() || !isDigit(text[end])) {
            out.append(text, from, end - from);
            from = end;
            continue;
        }
        while (end < text.size() && isDigit(text[end]))
            ++end;
        out.append(text, from, at + prefix.size() - from);
        out += placeholder;
        from = end;
    }
    out.append(text, from, std::string::npos);
    return out;
}

// Replaces `word` where it stands alone (not inside a longer name).
std::string replaceWord(const std::string &text, const std::string &word, const char *placeholder)
{
    if (word.empty())
        return text;
    std::string out;
    size_t from = 0;
    for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const size_t end = at + word.size();
        const bool alone = (at == 0 || !isWordChar(text[at - 1])) && (end == text.size() || !isWordChar(text[end]));
        if (!alone || at < from)
            continue;
        out.append(text, from, at - from);
        out += placeholder;
        from = end;
    }
    out.append(text, from, std::string::npos);
    return out;
}

class Normalizer
{
public:
    explicit Normalizer(const NormalizeOptions &options) : m_options(options) {}

    std::string text(const std::string &raw) const
    {
        std::string out = raw;
        if (!m_options.folder.empty()) {
            for (size_t at = out.find(m_options.folder); at != std::string::npos;
                 at = out.find(m_options.folder, at + 5))
                out.replace(at, m_options.folder.size(), "{dir}");
        }
        out = replaceNumbersAfter(out, "pid ", "{pid}");
        out = replaceNumbersAfter(out, "uid ", "{uid}");
        out = replaceNumbersAfter(out, "fd ", "{fd}");
        out = replaceNumbersAfter(out, "thread-", "{tid}");
        for (const char *host : {"127.0.0.1:", "[::1]:", "localhost:"})
            out = replaceNumbersAfter(out, host, "{port}");
        return replaceWord(out, m_options.hostname, "{hostname}");
    }

    int64_t fd(int64_t raw) { return renumber(m_fds, raw); }
    int64_t flow(int64_t raw) { return renumber(m_flows, raw); }

private:
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
        if (event.reason != EventReason::None) {
            out += ",\"reason\":\"";
            out += eventReasonInfo(event.reason).code;
            out += '"';
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

Result<void> writeNormalizedTrace(const TraceSession &session, const NormalizeOptions &options,
                                  const std::string &path)
{
    AtomicFile file;
    if (!file.open(path) || !file.write(normalizeTrace(session, options)) || !file.commit())
        return Error{file.error(), {}};
    return {};
}

} // namespace pollscope
