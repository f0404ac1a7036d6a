"""Loading Qt translations: ours (``cxdesk_zh_CN.qm``) and Qt's own (``qtbase_zh_CN.qm``).

Source strings are English (``self.tr``); Chinese is the default language.  The compiled
``.qm`` ships inside the package (``cxdesk/ui/i18n/``) so that ``pip install`` and the
frozen build carry it.  The core's sentences are switched with ``cxdesk.i18n.set_language``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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
    # Qt's own first, ours last: Qt asks the translator installed last first, so our
    # catalogue also fills the gaps of Qt's (cxdesk.ui.shell.qt_strings).
    qt_base = f"qtbase_{QT_LOCALES[lang]}"
    for directory in qt_translation_dirs():
        translator = QTranslator(app)
        if translator.load(qt_base, directory):
            app.installTranslator(translator)
            _installed.append(translator)
            break
    ours = qm_path(lang)
    if ours is not None:
        translator = QTranslator(app)
        if translator.load(ours):
            app.installTranslator(translator)
            _installed.append(translator)


def qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogues (qtbase_zh_CN.qm: buttons, file and print dialogs) are:
    Qt's translations folder, and the same folder of the PySide6 package (the wheel's,
    or the frozen build's copy, kept by build.spec), should Qt not report it."""
    import PySide6

    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]
    return list(dict.fromkeys(f for f in folders if f))
