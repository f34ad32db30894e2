#include "languages.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace pollscope::ui {

namespace {

const QString kEnglish = QStringLiteral("en");
const QString kPrefix = QStringLiteral("pollscope_");
const QString kSuffix = QStringLiteral(".qm");

// Each translation names its own language by translating this, so that a new
// language needs no change in the code.
constexpr struct
{
    const char *source;
    const char *comment;
} kLanguageName = QT_TRANSLATE_NOOP3("pollscope::ui::Languages", "English",
                                     "the name of this translation's language, in that language");

QString translationFile(const QString &locale)
{
    return QStringLiteral(":/i18n/") + kPrefix + locale + kSuffix;
}

} // namespace

Languages::Languages(QObject *parent)
    : QObject(parent)
    , m_current(kEnglish)
{
}

Languages *Languages::instance()
{
    // The translators belong to the application, and so does this.
    static QPointer<Languages> languages;
    if (!languages)
        languages = new Languages(QCoreApplication::instance());
    return languages;
}

QList<Languages::Language> Languages::available() const
{
    QList<Language> languages = {{kEnglish, QString::fromUtf8(kLanguageName.source)}};
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({kPrefix + QLatin1Char('*') + kSuffix}, QDir::Files,
                                                                       QDir::Name);
    for (const QString &file : files) {
        const QString locale = file.mid(kPrefix.size()).chopped(kSuffix.size());
        QTranslator translator;
        if (!translator.load(translationFile(locale)))
            continue;
        QString name = translator.translate(metaObject()->className(), kLanguageName.source, kLanguageName.comment);
        if (name.isEmpty())
            name = QLocale(locale).nativeLanguageName();
        languages.append({locale, name});
    }
    return languages;
}

QString Languages::startupLocale() const
{
    const QList<Language> languages = available();
    const QString saved = QSettings().value(QStringLiteral("language")).toString();
    for (const Language &language : languages) {
        if (language.locale == saved)
            return saved;
    }
    for (const QString &name : QLocale::system().uiLanguages()) {
        const QLocale wanted(name);
        for (const Language &language : languages) {
            const QLocale offered(language.locale);
            if (wanted.language() == offered.language() && wanted.script() == offered.script())
                return language.locale;
        }
    }
    return kEnglish;
}

bool Languages::switchTo(const QString &locale)
{
    if (locale == m_current)
        return true;
    QTranslator *translator = nullptr;
    QTranslator *qtTranslator = nullptr;
    if (locale != kEnglish) {
        translator = new QTranslator(this);
        if (!translator->load(translationFile(locale))) {
            delete translator;
            return false;
        }
        // Qt's own strings come with the system's Qt, where it has them
        // (Debian: qt6-translations-l10n); without them those stay English.
        qtTranslator = new QTranslator(this);
        if (!qtTranslator->load(QLocale(locale), QStringLiteral("qtbase"), QStringLiteral("_"),
                                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            delete qtTranslator;
            qtTranslator = nullptr;
        }
    }
    for (QTranslator *old : {m_translator, m_qtTranslator}) {
        if (old) {
            QCoreApplication::removeTranslator(old);
            delete old;
        }
    }
    m_translator = translator;
    m_qtTranslator = qtTranslator;
    for (QTranslator *installed : {m_qtTranslator, m_translator}) {
        if (installed)
            QCoreApplication::installTranslator(installed);
    }
    m_current = locale;
    emit currentChanged(locale);
    return true;
}

void Languages::saveChoice(const QString &locale)
{
    QSettings().setValue(QStringLiteral("language"), locale);
}

} // namespace pollscope::ui
