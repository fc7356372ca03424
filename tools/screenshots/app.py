"""Render every screen in Chinese to PNG files, for looking at layouts without a display.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots.app OUTDIR

Uses a throw-away data folder with a real encrypted database; nothing personal is involved.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from psyroom.errors import DatabaseRefused
from psyroom.installation import Installation
from psyroom.security.roles import Role
from ui.about import AboutDialog
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.messages import show_info
from ui.notices import notice_texts
from ui.pages.user_dialogs import AddUserDialog
from ui.qt import QApplication, QWidget, QWizard
from ui.shell.change_password import ChangePasswordDialog
from ui.shell.login import LoginWindow
from ui.shell.recovery_reset import RecoveryResetDialog
from ui.shell.repair import DatabaseProblemDialog
from ui.shell.wizard import FirstRunWizard
from ui.theme import apply_font_size, load_bundled_font
from ui.worker import Job, db_worker, stop_worker

PASSWORD = "Hexi-2024-pw"


def wait_until(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.2) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.count = 0
        out.mkdir(parents=True, exist_ok=True)

    def shoot(self, widget: QWidget, name: str) -> Path:
        widget.show()
        settle()
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        print(path)
        return path


def run(out: Path, data_dir: Path) -> None:
    shooter = Shooter(out)
    inst = Installation(data_dir)

    wizard = FirstRunWizard(inst)
    wizard.resize(700, 560)
    shooter.shoot(wizard, "wizard-1-kind")
    wizard.next()
    wizard.site_page.code.setText("HX-001")
    wizard.site_page.name.setText("河西村心理服务室")
    wizard.site_page.type.setCurrentIndex(0)
    shooter.shoot(wizard, "wizard-2-site")
    wizard.next()
    wizard.admin_page.username.setText("wangfang")
    wizard.admin_page.fields.password.setText("Hexi2024")
    shooter.shoot(wizard, "wizard-3-admin-hints")
    wizard.admin_page.fields.password.setText(PASSWORD)
    wizard.admin_page.fields.repeat.setText(PASSWORD)
    shooter.shoot(wizard, "wizard-3-admin-ok")
    wizard.next()
    wait_until(lambda: wizard.currentPage() is wizard.language_page)
    shooter.shoot(wizard, "wizard-4-language")
    wizard.next()
    shooter.shoot(wizard, "wizard-5-recovery-code")
    page = wizard.recovery_page
    page.retype.setText(page.groups()[page.group_index])
    shooter.shoot(wizard, "wizard-5-recovery-code-confirmed")
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    result = wizard.admin_page.result
    assert result is not None
    wizard.hide()

    window = MainWindow(result.session, inst, inst.load_settings(), idle_ms=3_600_000)
    window.resize(1000, 660)
    for row, key in enumerate(window.page_by_key):
        window.nav.setCurrentRow(row)
        settle(0.5)
        if key == "audit":
            wait_until(lambda: window.page_by_key["audit"].model.rowCount() > 0)  # type: ignore[attr-defined]
        shooter.shoot(window, f"main-{row + 1}-{key}")
    add_user = AddUserDialog(result.session.site.kind, window)
    add_user.username.setText("lisi")
    add_user.display_name.setText("李四")
    add_user.roles.boxes[Role.COUNSELLOR].setChecked(True)
    shooter.shoot(add_user, "dialog-add-user")
    add_user.hide()
    forced = ChangePasswordDialog(result.session, window, forced=True)
    shooter.shoot(forced, "dialog-forced-password-change")
    forced.hide()
    notice = show_info(window, "\n\n".join(notice_texts(["device_secret_missing"])))
    shooter.shoot(notice, "notice-device-secret-missing")
    notice.close()
    window.nav.setCurrentRow(0)
    window.lock()
    shooter.shoot(window, "lock-screen")
    window.lock_screen.password.setText("wrong-password")
    window.lock_screen.submit()
    wait_until(lambda: bool(window.lock_screen.message.text()))
    shooter.shoot(window, "lock-screen-wrong-password")
    about = AboutDialog(window)
    window.unlock()
    shooter.shoot(about, "about")
    about.hide()
    ended: list[str] = []
    window.session_ended.connect(lambda text, _quit: ended.append(text))
    window.end_session("")
    wait_until(lambda: len(ended) > 0)
    window.hide()

    login = LoginWindow(inst)
    shooter.shoot(login, "login")
    login.username.setText("wangfang")
    login.password.setText("not-the-password")
    login.submit()
    wait_until(lambda: bool(login.message.text()))
    shooter.shoot(login, "login-wrong-password")
    reset = RecoveryResetDialog(inst, login)
    shooter.shoot(reset, "recovery-reset")
    reset.hide()
    login.hide()

    problem = DatabaseProblemDialog(inst, DatabaseRefused("database_missing").message("zh_CN"))
    shooter.shoot(problem, "database-problem")
    problem.hide()


def on_worker(fn: Callable[[], Any]) -> Any:
    """Run a core call on the database worker, as the screens do, and wait for it."""
    box: dict[str, Job] = {}

    def done(finished: Job) -> None:
        box["done"] = finished

    job = Job(fn=lambda _job: fn(), on_done=done)
    db_worker().submit(job)
    wait_until(lambda: "done" in box, 120.0)
    if job.error is not None:
        raise job.error
    return job.result


def shoot_in_chinese(shots: Callable[[Path], None]) -> None:
    """A Chinese app on the bundled font, a throw-away data folder for ``shots``, then
    the worker stopped: what every screenshot script shares."""
    os.environ.setdefault("PSYROOM_KDF_PROFILE", "fast")
    app = QApplication(["psyroom-screenshots"])
    load_bundled_font()
    install_language("zh_CN")
    apply_font_size(0)
    try:
        with tempfile.TemporaryDirectory(prefix="psyroom-shots-") as tmp:
            shots(Path(tmp) / "data")
    finally:
        stop_worker()
    del app


def outdir_main(module: str, shots: Callable[[Path, Path], None],
                argv: list[str] | None = None) -> int:
    """The command line of a script that takes one OUTDIR: ``shots(outdir, data_dir)``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: python -m {module} OUTDIR", file=sys.stderr)
        return 2
    shoot_in_chinese(lambda data_dir: shots(Path(args[0]), data_dir))
    return 0


def main(argv: list[str] | None = None) -> int:
    return outdir_main("tools.screenshots.app", run, argv)


if __name__ == "__main__":
    sys.exit(main())
