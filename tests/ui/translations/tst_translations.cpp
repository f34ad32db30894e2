// The translations are complete: every .ts file under resources/translations has a
// finished translation for every string, with the same placeholders and the
// plural forms its language needs (named ones such as {watch} too); running
// lupdate over ui/, app/ and the engine's reason sentences finds no
// string that the committed files lack (a new tr() without a translation fails
// here) and none that they keep after the code dropped it; every context is one
// that tr() looks up at run time; and every text of every shipped scenario has
// each of those languages.
#include "scenario/scenarioparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>
#include <set>
#include <tuple>

using namespace pollscope;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("POLLSCOPE_SOURCE_DIR");
}

QString translationsDir()
{
    return sourceDir() + QStringLiteral("/resources/translations");
}

// The .ts files, by their language ("zh_CN").
std::map<QString, QString> tsFiles()
{
    std::map<QString, QString> files;
    const QStringList names = QDir(translationsDir()).entryList({QStringLiteral("pollscope_*.ts")}, QDir::Files);
    for (const QString &name : names)
        files.emplace(name.mid(int(qstrlen("pollscope_"))).chopped(3), translationsDir() + QLatin1Char('/') + name);
    return files;
}

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type;              // "unfinished", "vanished", "obsolete", or empty when finished
    QStringList translations;  // one, or one per plural form
};

using Key = std::tuple<QString, QString, QString>; // context, source, comment

Key keyOf(const Message &message)
{
    return {message.context, message.source, message.comment};
}

QString describe(const Message &message)
{
    return QStringLiteral("[%1] \"%2\"").arg(message.context, message.source);
}

struct TsFile
{
    QString language;
    std::vector<Message> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = path + QStringLiteral(": ") + file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = {context, {}, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}, {}};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement())
                    message.translations << xml.readElementText();
            } else {
                message.translations << xml.readElementText();
            }
            ts.messages.push_back(message);
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

// %1 to %99 and %n, with %L1 counted as %1: each as often as it occurs.
std::multiset<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d{1,2}|n)"));
    std::multiset<QString> found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found.insert(match.captured(1));
    return found;
}

// The named placeholders of summary templates and engine reasons, "{watch}",
// "{text}": each as often as it occurs. Translators keep them as they are.
std::multiset<QString> namedPlaceholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("\\{([A-Za-z]+)\\}"));
    std::multiset<QString> found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found.insert(match.captured(1));
    return found;
}

// A keyboard mnemonic: "&File", "文件(&F)"; not "&&" or an entity such as "&nbsp;".
bool hasMnemonic(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("&(?![&\\s])(?![A-Za-z]+;)"));
    return text.contains(pattern);
}

QString findLupdate()
{
    const QStringList folders = {QLibraryInfo::path(QLibraryInfo::BinariesPath), QStringLiteral("/usr/lib/qt6/bin")};
    const QString inQtFolders = QStandardPaths::findExecutable(QStringLiteral("lupdate"), folders);
    return inQtFolders.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("lupdate")) : inQtFolders;
}

// Every LocalizedText of a scenario, with where it is.
void collectTexts(const StepList &steps, std::vector<std::pair<const LocalizedText *, QString>> &texts)
{
    for (const ScenarioStep &step : steps) {
        const QString where = QString::fromStdString(step.where.describe());
        if (!step.say.empty())
            texts.emplace_back(&step.say, where + QStringLiteral(" say"));
        if (const auto *ask = std::get_if<steps::Ask>(&step.action)) {
            texts.emplace_back(&ask->question, where + QStringLiteral(" question"));
            for (size_t i = 0; i < ask->choices.size(); ++i)
                texts.emplace_back(&ask->choices[i], where + QStringLiteral(" choice %1").arg(i + 1));
            texts.emplace_back(&ask->explanation, where + QStringLiteral(" explain"));
        }
        if (const auto *repeat = std::get_if<steps::Repeat>(&step.action))
            collectTexts(repeat->steps, texts);
    }
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void tsFileIsComplete_data();
    void tsFileIsComplete();
    void sourcesHaveNoMissingStrings_data() { tsFileIsComplete_data(); }
    void sourcesHaveNoMissingStrings();
    void contextsAreLookedUp_data() { tsFileIsComplete_data(); }
    void contextsAreLookedUp();
    void scenariosAreTranslated_data();
    void scenariosAreTranslated();
};

void TestTranslations::tsFileIsComplete_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("path");
    const auto files = tsFiles();
    QVERIFY2(!files.empty(), qPrintable(translationsDir() + QStringLiteral(" has no pollscope_*.ts")));
    for (const auto &[language, path] : files)
        QTest::newRow(qPrintable(language)) << language << path;
}

void TestTranslations::tsFileIsComplete()
{
    QFETCH(QString, language);
    QFETCH(QString, path);
    const TsFile ts = readTs(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QCOMPARE(ts.language, language);
    QVERIFY(!ts.messages.empty());

    QStringList problems;
    for (const Message &message : ts.messages) {
        if (!message.type.isEmpty()) {
            problems << QStringLiteral("%1 is %2").arg(describe(message), message.type);
            continue;
        }
        if (message.translations.isEmpty())
            problems << QStringLiteral("%1 has no translation").arg(describe(message));
        for (const QString &translation : message.translations) {
            if (translation.trimmed().isEmpty()) {
                problems << QStringLiteral("%1 has an empty translation").arg(describe(message));
                continue;
            }
            if (placeholders(translation) != placeholders(message.source))
                problems << QStringLiteral("%1: the placeholders of \"%2\" differ").arg(describe(message), translation);
            if (namedPlaceholders(translation) != namedPlaceholders(message.source))
                problems << QStringLiteral("%1: the {named} placeholders of \"%2\" differ").arg(describe(message), translation);
            if (hasMnemonic(message.source) != hasMnemonic(translation))
                problems << QStringLiteral("%1: \"%2\" has %3 keyboard mnemonic")
                                .arg(describe(message), translation,
                                     hasMnemonic(translation) ? QStringLiteral("a") : QStringLiteral("no"));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::sourcesHaveNoMissingStrings()
{
    QFETCH(QString, language);
    QFETCH(QString, path);
    const QString lupdate = findLupdate();
    // The project's set-up installs it (Debian: qt6-l10n-tools), so its absence is a failure.
    QVERIFY2(!lupdate.isEmpty(), "lupdate is neither in Qt's binaries folder, /usr/lib/qt6/bin nor PATH");

    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString found = scratch.filePath(QStringLiteral("found.ts"));
    QProcess process;
    process.setWorkingDirectory(sourceDir());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                            QStringLiteral("-target-language"), language, QStringLiteral("-I"),
                            QStringLiteral("ui"), QStringLiteral("-I"), QStringLiteral("engine"),
                            QStringLiteral("-tr-function-alias"),
                            QStringLiteral("QT_TRANSLATE_NOOP+=POLLSCOPE_TRANSLATE_NOOP"), QStringLiteral("ui"),
                            QStringLiteral("app"), QStringLiteral("engine/trace/eventreason.cpp"), QStringLiteral("-ts"),
                            found});
    QVERIFY2(process.waitForFinished(120000), qPrintable(process.errorString()));
    const QString output = QString::fromLocal8Bit(process.readAll());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(output));

    const TsFile fromSources = readTs(found);
    QVERIFY2(fromSources.error.isEmpty(), qPrintable(fromSources.error));
    QVERIFY2(!fromSources.messages.empty(), qPrintable(output));
    const TsFile committed = readTs(path);
    QVERIFY2(committed.error.isEmpty(), qPrintable(committed.error));

    std::map<Key, const Message *> translated;
    for (const Message &message : committed.messages)
        translated.emplace(keyOf(message), &message);
    std::set<Key> inSources;
    QStringList problems;
    for (const Message &message : fromSources.messages) {
        inSources.insert(keyOf(message));
        const auto it = translated.find(keyOf(message));
        if (it == translated.end() || !it->second->type.isEmpty()) {
            problems << QStringLiteral("%1 has no finished translation").arg(describe(message));
        } else if (message.numerus && it->second->translations.size() != message.translations.size()) {
            // lupdate writes as many empty forms as the language has plural forms.
            problems << QStringLiteral("%1 has %2 plural forms, and %3 needs %4")
                            .arg(describe(message))
                            .arg(it->second->translations.size())
                            .arg(language)
                            .arg(message.translations.size());
        }
    }
    for (const Message &message : committed.messages) {
        if (!inSources.count(keyOf(message)))
            problems << QStringLiteral("%1 is no longer in the sources").arg(describe(message));
    }
    if (!problems.isEmpty())
        problems << QStringLiteral("Run the update_translations target and translate (docs/translating.md).");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::contextsAreLookedUp()
{
    QFETCH(QString, path);
    const TsFile ts = readTs(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QString sources;
    for (const QString &folder : {QStringLiteral("/ui"), QStringLiteral("/app")}) {
        QDirIterator files(sourceDir() + folder, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            sources += QString::fromUtf8(file.readAll());
        }
    }
    // A Q_OBJECT class's tr() looks up its full name, "pollscope::ui::LoopControls".
    // A bare name is right only where the code names it: Q_DECLARE_TR_FUNCTIONS or
    // an explicit context. Otherwise lupdate lost a namespace, and the strings of
    // that context are never found.
    std::set<QString> wrong;
    for (const Message &message : ts.messages) {
        if (message.context.contains(QLatin1String("::")))
            continue;
        const QString declared = QStringLiteral("Q_DECLARE_TR_FUNCTIONS(%1)").arg(message.context);
        const QString named = QLatin1Char('"') + message.context + QLatin1Char('"');
        if (!sources.contains(declared) && !sources.contains(named))
            wrong.insert(message.context);
    }
    QStringList names(wrong.begin(), wrong.end());
    QVERIFY2(names.isEmpty(), qPrintable(QStringLiteral("contexts no tr() looks up: ") + names.join(u' ')));
}

void TestTranslations::scenariosAreTranslated_data()
{
    QTest::addColumn<QString>("path");
    const QString folder = sourceDir() + QStringLiteral("/scenarios");
    QDirIterator files(folder, {QStringLiteral("*.yaml")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (files.hasNext())
        paths << files.next();
    paths.sort();
    QVERIFY2(!paths.isEmpty(), qPrintable(folder + QStringLiteral(" has no scenarios")));
    for (const QString &path : paths)
        QTest::newRow(qPrintable(QDir(folder).relativeFilePath(path))) << path;
}

void TestTranslations::scenariosAreTranslated()
{
    QFETCH(QString, path);
    auto parsed = parseScenarioFile(path.toStdString());
    if (const Error *error = parsed.failure())
        QFAIL(error->describe().c_str());
    const Scenario &scenario = parsed.value();

    std::vector<std::pair<const LocalizedText *, QString>> texts = {{&scenario.title, QStringLiteral("title")}};
    if (!scenario.description.empty())
        texts.emplace_back(&scenario.description, QStringLiteral("description"));
    for (const ScenarioClient &client : scenario.clients)
        collectTexts(client.steps, texts);

    // Every language the interface is translated into.
    QStringList problems;
    for (const auto &[language, tsPath] : tsFiles()) {
        for (const auto &[text, where] : texts) {
            const auto translation = text->translations.find(language.toStdString());
            if (translation == text->translations.end() || translation->second.empty())
                problems << QStringLiteral("%1: no %2 text for \"%3\"")
                                .arg(where, language, QString::fromStdString(text->english));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
