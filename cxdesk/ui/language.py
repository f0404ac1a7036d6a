"""Loading Qt translations: ours (``cxdesk_zh_CN.qm``) and Qt's own (``qtbase_zh_CN.qm``).

Source strings are English (``self.tr``); Chinese is the default language.  The compiled
``.qm`` ships inside the package (``cxdesk/ui/i18n/``) so that ``pip install`` and the
frozen build carry it.  The core's sentences are switched with ``cxdesk.i18n.set_language``.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cxdesk import i18n

# Qt locale names of the languages cxdesk speaks, by cxdesk's language code.
QT_LOCALES = {"zh": "zh_CN", "en": "en_US"}

_installed: list[QTranslator] = []


def qm_path(lang: str) -> str | None:
    """The packaged .qm file of our strings for ``lang`` (None for English: the source)."""
    if lang == "en":
        return None
    ref = resources.files("cxdesk.ui") / "i18n" / f"cxdesk_{QT_LOCALES[lang]}.qm"
    return str(ref) if ref.is_file() else None


def apply_language(lang: str) -> None:
    """Install the translators of ``lang`` on the running application (replacing others).

    Installing a translator makes Qt send a LanguageChange event; widgets built afterwards
    come up in the new language (the main window rebuilds its pages).
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    i18n.set_language(lang)
    QLocale.setDefault(QLocale(QT_LOCALES[lang]))
    if lang == "en":
        return
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = qm_path(lang)
    for directory, name in ((qt_dir, f"qtbase_{QT_LOCALES[lang]}"), (None, ours)):
        if name is None:
            continue
        translator = QTranslator(app)
        loaded = translator.load(name, directory) if directory else translator.load(name)
        if loaded:
            app.installTranslator(translator)
            _installed.append(translator)
