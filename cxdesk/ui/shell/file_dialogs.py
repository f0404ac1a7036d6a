"""File dialogs that open where the user was last time for the same action.

Each action (``"import_workbook"``, ``"export_package"``, ...) remembers the folder of
its last file in ``settings.ini``.  The first time, a dialog opens on a removable drive
when the action is one that goes to or comes from a USB stick and one is plugged in, else
in Documents: never in the program's working directory (the program folder on a school's
PC, where nobody finds the file again).  :func:`run` shows the dialog; tests replace it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo
from PySide6.QtWidgets import QFileDialog, QWidget

from cxdesk.ui.shell.preferences import app_settings

SETTINGS_GROUP = "last_folders"
#: Mount points of removable media on Linux desktops.
LINUX_REMOVABLE = ("/media/", "/run/media/", "/mnt/")


def documents_folder() -> str:
    """Documents, or the home folder where there is no Documents folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def _is_removable(volume: QStorageInfo) -> bool:
    root = volume.rootPath()
    if sys.platform == "win32":
        import ctypes

        drive_removable = 2
        return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == drive_removable)  # type: ignore[attr-defined]
    return root.startswith(LINUX_REMOVABLE)


def removable_drives() -> list[str]:
    """The root folders of the USB sticks (and other removable media) plugged in now."""
    return [
        volume.rootPath()
        for volume in QStorageInfo.mountedVolumes()
        if volume.isValid()
        and volume.isReady()
        and not volume.isReadOnly()
        and _is_removable(volume)
    ]


def start_folder(action: str, *, removable: bool = False) -> str:
    """Where the dialog of ``action`` opens: its last folder if it still exists, else a
    removable drive (for ``removable`` actions) when one is present, else Documents."""
    settings = app_settings()
    last = settings.value(f"{SETTINGS_GROUP}/{action}")
    if isinstance(last, str) and last and Path(last).is_dir():
        return last
    if removable:
        drives = removable_drives()
        if drives:
            return drives[0]
    return documents_folder()


def remember(action: str, chosen: str) -> None:
    """Keep the folder of ``chosen`` (a file, or a folder) for the next dialog of ``action``."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    settings = app_settings()
    settings.setValue(f"{SETTINGS_GROUP}/{action}", str(folder))
    settings.sync()


def run(dialog: QFileDialog) -> list[str]:
    """Show the dialog modally; the chosen paths (empty when cancelled).  Tests replace it."""
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return list(dialog.selectedFiles())


def _dialog(parent: QWidget | None, title: str, start: str, name_filter: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, start, name_filter)
    dialog.setObjectName("file_dialog")
    return dialog


def open_files(
    parent: QWidget | None,
    title: str,
    name_filter: str,
    action: str,
    *,
    several: bool = False,
    removable: bool = False,
    start: str | None = None,
) -> list[str]:
    """Files to open (one, or ``several``); ``start`` overrides where the dialog opens
    (a backup is looked for in the backups folder first)."""
    folder = start or start_folder(action, removable=removable)
    dialog = _dialog(parent, title, folder, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(
        QFileDialog.FileMode.ExistingFiles if several else QFileDialog.FileMode.ExistingFile
    )
    chosen = run(dialog)
    if chosen:
        remember(action, chosen[0])
    return chosen


def open_file(
    parent: QWidget | None,
    title: str,
    name_filter: str,
    action: str,
    *,
    removable: bool = False,
    start: str | None = None,
) -> str:
    chosen = open_files(parent, title, name_filter, action, removable=removable, start=start)
    return chosen[0] if chosen else ""


def save_file(
    parent: QWidget | None,
    title: str,
    suggested_name: str,
    name_filter: str,
    action: str,
    *,
    removable: bool = False,
) -> str:
    """Where to save, offered as ``suggested_name`` in the action's folder."""
    start = str(Path(start_folder(action, removable=removable)) / Path(suggested_name).name)
    dialog = _dialog(parent, title, start, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen = run(dialog)
    if chosen:
        remember(action, chosen[0])
    return chosen[0] if chosen else ""


def choose_folder(
    parent: QWidget | None, title: str, action: str, *, removable: bool = False
) -> str:
    """A folder (a USB stick is one)."""
    dialog = _dialog(parent, title, start_folder(action, removable=removable), "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = run(dialog)
    if chosen:
        remember(action, chosen[0])
    return chosen[0] if chosen else ""
