#include "scenarioreader.h"

#include "trace/tracefields.h"

#include <algorithm>

namespace pollscope::scenarioreader {

const StepKind *findStepKind(std::string_view name)
{
    for (const StepKind &kind : kStepKinds) {
        if (kind.name == name)
            return &kind;
    }
    return nullptr;
}

std::vector<std::string_view> stepKindNames()
{
    std::vector<std::string_view> names;
    for (const StepKind &kind : kStepKinds)
        names.push_back(kind.name);
    return names;
}

std::vector<std::string_view> withConditionKeys(std::initializer_list<std::string_view> extra)
{
    std::vector<std::string_view> keys = kConditionKeys;
    keys.insert(keys.end(), extra);
    return keys;
}

const char *transportName(Transport transport)
{
    switch (transport) {
    case Transport::Unix:
        return "unix";
    case Transport::UnixReadOnly:
        return "unix-ro";
    case Transport::Tcp:
        return "tcp";
    }
    return "unix";
}

bool isLocale(std::string_view key)
{
    const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    const size_t cut = key.find('_');
    const std::string_view language = key.substr(0, cut);
    if (language.size() < 2 || language.size() > 3 || !std::all_of(language.begin(), language.end(), lower))
        return false;
    if (cut == std::string_view::npos)
        return true;
    const std::string_view country = key.substr(cut + 1);
    return country.size() == 2 && std::all_of(country.begin(), country.end(), upper);
}

LocalizedText readText(const Source &source, const Value &value)
{
    constexpr std::string_view expected = "a text: a string, or a map such as {en: \"...\", zh_CN: \"...\"}";
    LocalizedText text;
    if (value.isScalar()) {
        text.english = readNonEmptyString(value, expected);
        return text;
    }
    if (!value.node.IsMap())
        fail(value.where, "expected " + std::string(expected) + ", not " + describeNode(value.node));
    std::set<std::string> seen;
    for (const auto &pair : value.node) {
        const SourceLocation keyWhere = source.at(pair.first);
        const std::string &key = pair.first.IsScalar() ? pair.first.Scalar() : std::string();
        if (!isLocale(key))
            fail(keyWhere, "expected a locale such as en, de or zh_CN, not " + describeNode(pair.first));
        if (!seen.insert(key).second)
            fail(keyWhere, "duplicate key " + quote(key) + " in a text");
        const Value translation = source.value(pair.second, pair.second.IsNull() ? keyWhere : source.at(pair.second));
        std::string words = readNonEmptyString(translation, "the text in " + key);
        if (key == "en")
            text.english = std::move(words);
        else
            text.translations[key] = std::move(words);
    }
    if (text.english.empty())
        fail(value.where, "missing key \"en\" in a text (the English text is required; translations are optional)");
    return text;
}

bool isName(std::string_view name)
{
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string readName(const Value &value, std::string_view what)
{
    const std::string expected = "a " + std::string(what) + " name of letters, digits, _ and - (such as alice)";
    const std::string &name = readScalar(value, expected);
    if (!isName(name))
        fail(value.where, "expected " + expected + ", not " + quote(name));
    return name;
}

ProcedureRef readProcedure(const Value &value)
{
    std::vector<std::string> names;
    for (const NamedProcedure &procedure : kProcedures)
        names.push_back(procedure.name);
    const std::string expected = "expected " + join(names) + ", or a number";
    const std::string &text = readScalar(value, "a procedure (" + join(names) + ", or a number)");
    for (const NamedProcedure &procedure : kProcedures) {
        if (text == procedure.name)
            return {procedure.proc, text};
    }
    const WholeNumber number = parseWholeNumber(text);
    if (!number.wellFormed)
        fail(value.where, "unknown procedure " + quote(text) + " (" + expected + ")");
    if (!number.fits || number.value < kMinInt || number.value > kMaxInt)
        fail(value.where, "expected a procedure number from " + std::to_string(kMinInt) + " to "
                              + std::to_string(kMaxInt) + ", not " + shortened(text));
    return {int32_t(number.value), text};
}

std::string procedureLabel(int32_t proc)
{
    for (const NamedProcedure &procedure : kProcedures) {
        if (procedure.proc == proc)
            return procedure.name;
    }
    return "procedure " + std::to_string(proc);
}

Scenario ScenarioReader::parse()
{
    checkSingleDocument(m_source, m_text);
    const YAML::Node root = YAML::Load(m_text);
    if (root.IsNull())
        fail({m_source.fileName(), 1, 1}, "the file is empty (a scenario starts with version: 1)");
    const KeyedMap top(m_source, m_source.value(root, m_source.at(root)), "the scenario",
                       {"version", "title", "description", "deterministic", "timeout", "daemon", "timers", "clients",
                        "expect", "focus", "real_libvirtd"});

    Scenario scenario;
    scenario.file = m_source.fileName();
    const std::optional<Value> version = top.get("version");
    if (!version)
        fail(top.where(), "missing key \"version\" in the scenario (every scenario starts with version: 1)");
    const WholeNumber versionNumber = version->isScalar() ? parseWholeNumber(version->scalar()) : WholeNumber();
    if (!versionNumber.wellFormed)
        fail(version->where, "expected version: 1, not " + describeNode(version->node));
    if (!versionNumber.fits || versionNumber.value != 1)
        fail(version->where,
             "version " + shortened(version->scalar()) + " is not supported (this pollscope reads version 1)");
    scenario.version = 1;

    scenario.title = readText(m_source, top.require("title"));
    if (const auto description = top.get("description"))
        scenario.description = readText(m_source, *description);
    if (const auto deterministic = top.get("deterministic"))
        scenario.deterministic = readBool(*deterministic);
    if (const auto timeout = top.get("timeout"))
        scenario.timeout = readDuration(*timeout, 1);

    if (const auto daemon = top.get("daemon"))
        parseDaemon(*daemon, scenario.daemon);
    if (scenario.daemon.listen.empty())
        scenario.daemon.listen = {{Transport::Unix, {}}, {Transport::UnixReadOnly, {}}};
    m_listeners = scenario.daemon.listen;

    if (const auto timers = top.get("timers")) {
        for (const Value &item : readList(m_source, *timers, "a list of timers"))
            scenario.timers.push_back(parseTimer(item));
    }

    if (const auto clients = top.get("clients")) {
        const std::vector<Value> items = readList(m_source, *clients, "a list of clients");
        collectClientNames(clients->node);
        for (const Value &item : items)
            scenario.clients.push_back(parseClient(item));
    }

    if (const auto expectations = top.get("expect")) {
        for (const Value &item : readList(m_source, *expectations, "a list of expectations"))
            scenario.expectations.push_back(parseExpectation(item));
    }
    if (const auto focus = top.get("focus"))
        scenario.focus = parseCondition(*focus);
    if (const auto real = top.get("real_libvirtd"))
        scenario.realLibvirtd = parseRealLibvirtd(*real, scenario.clients);
    return scenario;
}
} // namespace pollscope::scenarioreader
