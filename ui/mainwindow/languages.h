// The languages of the interface, and the one in use.
//
// English is the language of the source; every other language is a translation
// embedded as ":/i18n/pollscope_<locale>.qm" (resources/translations, see
// docs/translating.md). Switching installs or removes the application's translator;
// Qt then sends QEvent::LanguageChange to every widget, and each retranslates itself.
#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QTranslator;

namespace pollscope::ui {

class Languages : public QObject
{
    Q_OBJECT

public:
    struct Language
    {
        QString locale; // "en", "zh_CN"
        QString name;   // in the language itself: "English", "简体中文"
    };

    // The application's one instance, made on first use.
    static Languages *instance();

    // English first, then every embedded translation.
    QList<Language> available() const;
    // "en" until switchTo() installs another language.
    QString current() const { return m_current; }
    // The language to start in: the learner's saved choice, else the first of the
    // system's languages that is available, else English. Languages match by
    // language and script, so zh_SG finds zh_CN and zh_TW does not.
    QString startupLocale() const;

    // Installs the translation of `locale` ("en" removes it); false if there is none.
    bool switchTo(const QString &locale);
    // Remembers the learner's choice for the next start (QSettings "language").
    static void saveChoice(const QString &locale);

signals:
    void currentChanged(const QString &locale);

private:
    explicit Languages(QObject *parent);

    QString m_current;
    QTranslator *m_translator = nullptr;   // pollscope's own strings
    QTranslator *m_qtTranslator = nullptr; // Qt's (standard buttons, file dialogs), if installed
};

} // namespace pollscope::ui
