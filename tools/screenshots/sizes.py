"""The screens issue 9 asks to look at, at 1366×768 (less a taskbar) and at each text size:
wizard, login, home, archive, consultation, scale, crisis, follow-up and audit, in Chinese.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots.sizes OUTDIR [SIZE ...]

SIZE is a text size in points (0 = standard); by default the standard and the largest.
A throw-away data folder with a real encrypted database and synthetic residents only.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from psyroom.crisis.service import CrisisInput
from psyroom.installation import Installation
from psyroom.residents.model import Resident
from psyroom.session import Session
from tools.screenshots.app import Shooter, on_worker, settle, shoot_in_chinese, wait_until
from tools.screenshots.counselling import prepare
from ui.counselling.consultation_form import ConsultationDialog
from ui.counselling.crisis_form import CrisisDialog
from ui.counselling.crisis_view import CrisisView
from ui.counselling.followup_form import FollowupDialog
from ui.counselling.scale_dialog import ScaleDialog
from ui.main_window import MainWindow
from ui.pages.settings import FONT_SIZES
from ui.qt import QApplication, QRect
from ui.screen_fit import FRAME, install_screen_fit, screen_fit
from ui.shell.login import LoginWindow
from ui.shell.wizard import FirstRunWizard
from ui.theme import apply_font_size

# 1366×768 less a 40-pixel taskbar; windows get this less their frame.
SCREEN = QRect(0, 0, 1366, 728)
WINDOW = (SCREEN.width() - FRAME.width(), SCREEN.height() - FRAME.height())


def _one_size(out: Path, data_dir: Path, inst: Installation, session: Session,
              people: dict[str, Resident], row: dict[str, Any], size: int) -> list[Path]:
    shots: list[Path] = []
    apply_font_size(size)
    shooter = Shooter(out / f"size-{size or 'standard'}")

    wizard = FirstRunWizard(Installation(data_dir.parent / f"new-{size}"))
    shots.append(shooter.shoot(wizard, "wizard"))
    wizard.next()
    wizard.site_page.code.setText("hx-001")
    shots.append(shooter.shoot(wizard, "wizard-site"))
    wizard.hide()
    login = LoginWindow(inst)
    shots.append(shooter.shoot(login, "login"))
    login.hide()

    window = MainWindow(session, inst, inst.load_settings(), idle_ms=3_600_000)
    window.resize(*WINDOW)
    window.show()
    home: Any = window.page_by_key["home"]
    wait_until(lambda: getattr(home, "dashboard", None) is not None
               and home.dashboard.board is not None)
    settle(0.5)
    shots.append(shooter.shoot(window, "home"))
    residents: Any = window.page_by_key["residents"]
    window.nav.setCurrentRow(list(window.page_by_key).index("residents"))
    residents.open_archive(people["mother"].id)
    archive = residents.archive
    wait_until(lambda: archive.resident is not None and bool(archive.entries))
    shots.append(shooter.shoot(window, "archive"))
    window.nav.setCurrentRow(list(window.page_by_key).index("audit"))
    audit: Any = window.page_by_key["audit"]
    wait_until(lambda: audit.model.rowCount() > 0)
    settle(0.3)
    shots.append(shooter.shoot(window, "audit"))

    form = ConsultationDialog(session, window, resident=people["mother"])
    form.notes.boxes["complaint"].setPlainText("产后两个月，近两周情绪低落，晚上睡不好。")
    shots.append(shooter.shoot(form, "consultation"))
    form.discard_button.hide()
    form.autosave.stop()
    form.private_autosave.stop()
    form.hide()
    scale = ScaleDialog(session, people["elder"], window, scale_code="sds")
    shots.append(shooter.shoot(scale, "scale"))
    scale.hide()
    crisis = CrisisDialog(session, people["elder"], window)
    shots.append(shooter.shoot(crisis, "crisis-form"))
    crisis.hide()
    view = CrisisView(session, row, "危机干预：自杀，紧急（进行中）", window)
    shots.append(shooter.shoot(view, "crisis-view"))
    view.hide()
    follow = FollowupDialog(session, people["patient"], window)
    shots.append(shooter.shoot(follow, "followup"))
    follow.hide()
    window.hide()
    return shots


def run(out: Path, data_dir: Path, sizes: Sequence[int] = (0, max(FONT_SIZES))) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_screen_fit(app)
    screen_fit().limit = SCREEN
    inst = Installation(data_dir)
    session, people = prepare(inst)
    crisis_id = on_worker(lambda: session.crises.record(CrisisInput(
        resident_id=people["mother"].id, occurred_at="2026-11-20T10:00", crisis_type="suicide",
        level="critical", actions="陪同到卫生院，通知丈夫", notified=("family", "hospital"))))
    row = next(r for r in on_worker(lambda: session.crises.for_resident(people["mother"].id))
               if r["id"] == crisis_id)
    shots: list[Path] = []
    for size in sizes:
        shots += _one_size(out, data_dir, inst, session, people, row, size)
    screen_fit().limit = None
    apply_font_size(0)
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m tools.screenshots.sizes OUTDIR [SIZE ...]", file=sys.stderr)
        return 2
    sizes = [int(a) for a in args[1:]] or [0, max(FONT_SIZES)]
    def shots(data_dir: Path) -> None:
        run(Path(args[0]), data_dir, sizes)

    shoot_in_chinese(shots)
    return 0


if __name__ == "__main__":
    sys.exit(main())
