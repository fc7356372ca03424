"""Plain-language explanations of the notices a login may bring (``Session.notices``)."""

from __future__ import annotations

from ui.qt import QCoreApplication


def notice_texts(codes: list[str]) -> list[str]:
    """Texts for the notices the person should read; ``must_change_password`` is handled by a
    dialog of its own, so it has no text here. Unknown codes are skipped, not shown raw."""
    translate = QCoreApplication.translate
    texts = {
        "device_secret_missing": translate(
            "Notices",
            "This computer's system keyring has no device key for this data: perhaps the "
            "system was reinstalled, or the data folder was copied from another computer. "
            "This has been written to the audit log; you can still log in with your password "
            "or the recovery code.",
        ),
        "no_keyring": translate(
            "Notices",
            "This computer has no system keyring: the data is still protected by the "
            "password, it just cannot be tied to this computer.",
        ),
        "schema_upgraded": translate(
            "Notices",
            "PsyRoom was updated to a new version and your records were brought up to date "
            "with it. A backup of the records as they were before is kept in the backups "
            "folder of the data folder.",
        ),
    }
    return [texts[c] for c in codes if c in texts]
